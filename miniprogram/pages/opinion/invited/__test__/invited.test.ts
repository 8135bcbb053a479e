import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

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

  test('when the link has expired, then the page says so and what to do', async () => {
    p.h.clock.advance('8d');
    const page = await p.open(route, { id: invitationId });
    const text = textOf(page);
    expect(text).toContain('邀请已过期');
    expect(text).toContain('请联系邀请您的党组织');
  });
});
