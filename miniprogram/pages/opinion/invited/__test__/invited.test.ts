import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { ANONYMITY_NOTICE, ANONYMITY_NOTICE_SHORT } from '../../../../core/contracts/opinion';

const p = usePages();
let d: District;
let w: Work;
let invitationId: string;
const route = 'pages/opinion/invited/invited';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
  invitationId = (await p.h.ok(d.users.branchSecretary, 'opinion.invite', { sessionId: w.open.sessionId, giverKind: 'MASSES', days: 7 })).invitationId;
  p.actAs('o-masses-1');
});

beforeEach(() => jest.clearAllMocks());

describe('群众意见 by invitation', () => {
  test('when someone who never joined opens the link, then the session and its targets show with no redirect, from one api call', async () => {
    const before = p.sent.length;
    const page = await p.open(route, { id: invitationId });
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['opinion.openInvite']);
    const text = textOf(page);
    expect(text).toContain('诚恳听取群众代表的意见');
    expect(text).toContain('李娜');
    expect(text).toContain('钱军');
    expect(wx.reLaunch).not.toHaveBeenCalled();
  });

  test('when someone off the roster opens the link, then each target is named with their org and post', async () => {
    // Act
    const page = await p.open(route, { id: invitationId });
    // Assert: 李娜 is a 语文教师 and 钱军 a 数学教师 of 实验小学党支部 (seed 000).
    const text = textOf(page);
    expect(text).toMatch(/李娜\s*新北区实验小学党支部 语文教师/);
    expect(text).toMatch(/钱军\s*新北区实验小学党支部 数学教师/);
  });

  test('when the visitor has sent an opinion on one target, then 对其他同志提意见 brings the form back with that target marked done and none picked', async () => {
    // Arrange
    const page = await p.open(route, { id: invitationId });
    await tap(page, '#target-1');
    await type(page, '#content', '钱军老师上课生动，希望多和家长交流。');
    await tap(page, '#submit');
    // Act
    await tap(page, '#another');
    // Assert
    expect(page.querySelector('#target-1')?.dom?.textContent).toContain('已提意见');
    expect(page.querySelector('#target-0')?.dom?.textContent).not.toContain('已提意见');
    expect(page.querySelector('.picked')).toBeFalsy();
    expect(textOf(page)).toContain('对谁提意见');
  });

  test('when no target is picked, then the page asks for one before sending', async () => {
    const page = await p.open(route, { id: invitationId });
    await type(page, '#content', '老师很负责。');
    const before = p.sent.length;
    await tap(page, '#submit');
    expect(textOf(page)).toContain('请选择对谁提意见');
    expect(p.sent.length).toBe(before);
  });

  test('when the visitor sends an opinion, then it thanks them and the reviewer reads it as a 群众 opinion', async () => {
    const page = await p.open(route, { id: invitationId });
    await tap(page, '#target-0');
    await type(page, '#content', '李娜老师辅导学生很耐心，希望继续保持。');
    await tap(page, '#submit');
    expect(textOf(page)).toContain('意见已收到，谢谢您！');
    // Stored as a 群众 opinion; the reviewer reads anonymous ones once the threshold is met (api tests).
    const opinions = [...(p.h.local.store.get('opinions')?.docs.values() ?? [])];
    expect(opinions).toContainEqual(expect.objectContaining({ content: '李娜老师辅导学生很耐心，希望继续保持。', giverKind: 'MASSES', status: 'SUBMITTED' }));
  });

  test('when opinions are anonymous only, then the choice is drawn locked and the notice is one line with 了解更多', async () => {
    // Arrange
    const session = p.h.local.store.get('sessions')!.docs.get(w.open.sessionId) as Record<string, unknown>;
    // Act
    const page = await p.open(route, { id: invitationId });
    // Assert
    expect(session.opinionsAnonymous).toBe(true);
    expect(page.querySelector('#anonymous-locked')).toBeTruthy();
    expect(page.querySelector('#anonymous')).toBeFalsy();
    expect(textOf(page)).toContain(ANONYMITY_NOTICE_SHORT);
    expect(textOf(page)).not.toContain(ANONYMITY_NOTICE);
    await tap(page, '#notice-more');
    expect(textOf(page)).toContain(ANONYMITY_NOTICE);
  });

  test('when the session’s reviews were published, then the page says opinions have ended and offers no form', async () => {
    // Arrange: the session as publication leaves it (its stamp).
    const session = p.h.local.store.get('sessions')!.docs.get(w.open.sessionId) as Record<string, unknown>;
    session.publishedAt = p.h.clock.now();
    try {
      // Act
      const page = await p.open(route, { id: invitationId });
      // Assert
      expect(page.querySelector('#closed')).toBeTruthy();
      expect(textOf(page)).toContain('点评情况已公开，征求意见已结束');
      expect(page.querySelector('#submit')).toBeFalsy();
      expect(page.querySelector('#content')).toBeFalsy();
    } finally {
      delete session.publishedAt;
    }
  });

  test('when the link has expired, then the page says so and what to do', async () => {
    p.h.clock.advance('8d');
    const page = await p.open(route, { id: invitationId });
    const text = textOf(page);
    expect(text).toContain('邀请已过期');
    expect(text).toContain('请联系邀请您的党组织');
  });
});
