import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { ANONYMITY_NOTICE, ANONYMITY_NOTICE_SHORT } from '../../../../core/contracts/opinion';

const p = usePages();
let d: District;
let w: Work;
const route = 'pages/opinion/give/give';
// What stands in the database: the reviewer sees anonymous opinions only past the threshold, the next day (api tests).
const stored = () => [...(p.h.local.store.get('opinions')?.docs.values() ?? [])] as Array<Record<string, unknown>>;
const listed = async () => JSON.stringify(stored().filter((o) => o.sessionId === w.open.sessionId && o.status === 'SUBMITTED'));

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
  p.actAs(d.users.member);
});

beforeEach(() => jest.clearAllMocks());

describe('提意见', () => {
  test('when the member opens it, then only colleagues are offered, the notice is one line and the locked choice is drawn locked, from one api call', async () => {
    const before = p.sent.length;
    const page = await p.open(route, { sessionId: w.open.sessionId });
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['session.get']);
    const text = textOf(page);
    expect(text).toContain('钱军');
    expect(page.data.targets.map((t: { name: string }) => t.name)).toEqual(['钱军']);
    expect(text).toContain(ANONYMITY_NOTICE_SHORT);
    expect(text).not.toContain(ANONYMITY_NOTICE);
    expect(text).toContain('本次征求意见一律匿名');
    expect(page.querySelector('#anonymous-locked')).toBeTruthy();
    expect(page.querySelector('#anonymous')).toBeFalsy();
  });

  test('when the member taps 了解更多, then the exact full anonymity notice shows, and 收起 folds it again', async () => {
    // Arrange
    const page = await p.open(route, { sessionId: w.open.sessionId });
    // Act
    await tap(page, '#notice-more');
    // Assert
    expect(textOf(page)).toContain(ANONYMITY_NOTICE);
    await tap(page, '#notice-more');
    expect(textOf(page)).not.toContain(ANONYMITY_NOTICE);
  });

  test('when the opinion is empty, then the field says so and nothing is stored', async () => {
    const page = await p.open(route, { sessionId: w.open.sessionId });
    await tap(page, '#submit');
    expect(textOf(page)).toContain('不能为空');
    expect(await listed()).not.toContain('"content"');
  });

  test('when the member sends an anonymous opinion, then it is stored with no author and the reviewer is told it waits for more givers', async () => {
    const page = await p.open(route, { sessionId: w.open.sessionId });
    await type(page, '#content', '希望钱军同志多参加集体教研活动。');
    await tap(page, '#submit');
    expect(textOf(page)).toContain('已匿名提交');
    expect(textOf(page.querySelector('#target-0')!)).toContain('已提意见');
    expect(page.data.picked).toBe(-1);
    const opinions = await listed();
    expect(opinions).toContain('希望钱军同志多参加集体教研活动。');
    expect(opinions).not.toContain('李娜');
    expect(opinions).not.toContain(d.person.s3);
    expect(opinions).not.toContain('author');
    const today = p.h.clock.now();
    p.h.clock.advance('1d');
    const list = await p.h.ok(d.users.branchSecretary, 'opinion.list', { sessionId: w.open.sessionId });
    p.h.clock.set(today);
    expect(JSON.stringify(list)).not.toContain('希望钱军同志多参加集体教研活动。');
    expect(list.targets.map((t: { pending: string | null }) => t.pending)).toContain('已收到 1 条，满 3 人后显示');
  });

  test('when the member replaces it, then the old one is withdrawn with the phone key and the text comes back to correct', async () => {
    const page = await p.open(route, { sessionId: w.open.sessionId });
    expect(textOf(page.querySelector('#target-0')!)).toContain('已提意见');
    await tap(page, '#replace-0');
    expect(textOf(page)).toContain('已撤回');
    expect(textOf(page.querySelector('#target-0')!)).not.toContain('已提意见');
    expect(page.data.content).toBe('希望钱军同志多参加集体教研活动。');
    expect(await listed()).not.toContain('希望钱军同志多参加集体教研活动。');
    await type(page, '#content', '希望钱军同志多参加集体教研活动，带好青年教师。');
    await tap(page, '#submit');
    expect(await listed()).toContain('带好青年教师');
  });
});

describe('提意见 after publication', () => {
  test('when a session’s reviews are published, then the session is stamped as published (opinions close)', async () => {
    const sessions = p.h.local.store.get('sessions')!.docs;
    expect((sessions.get(w.published.sessionId) as Record<string, unknown>).publishedAt).toEqual(expect.any(Number));
    expect((sessions.get(w.open.sessionId) as Record<string, unknown>).publishedAt).toBeUndefined();
  });

  test('when the session’s reviews were published, then the server refuses an opinion in Chinese, writes nothing, and the screen says opinions have ended', async () => {
    // Arrange: the open session as publication leaves it (its stamp), without compiling its reviews here.
    const session = p.h.local.store.get('sessions')!.docs.get(w.open.sessionId) as Record<string, unknown>;
    session.publishedAt = p.h.clock.now();
    const before = stored().length;
    p.actAs(d.users.member);

    // Act
    const reply = await p.h.call(d.users.member, 'opinion.submit', {
      sessionId: w.open.sessionId,
      target: w.open.s4Target,
      giverKind: 'MEMBER',
      channel: 'ONLINE',
      content: '公开以后才提的意见',
      anonymous: false,
    });
    const page = await p.open(route, { sessionId: w.open.sessionId });

    // Assert
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toBe('点评情况已公开，征求意见已结束，不能再提交');
    expect(stored().length).toBe(before);
    expect(textOf(page)).toContain('点评情况已公开，征求意见已结束');
    expect(page.querySelector('#submit')).toBeFalsy();
  });
});

describe('提意见 on a person owed under two duties', () => {
  test('when 孙丽 is reviewed both as a member and as a committee member, then the picker names her once with both duties, and after one opinion 待办 no longer asks about her', async () => {
    // Arrange: 吴敏 reviews 孙丽 under R1 and R4 in one session; 李娜 is asked.
    const started = await p.h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'INDIVIDUAL',
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s2 }, { kind: 'COMMITTEE_MEMBER', id: d.person.s2 }] },
      date: '2026-11-28',
      place: '实验小学党员活动室',
      reportDeadline: null,
      opinionDeadline: '2026-11-27',
      opinionsAnonymous: false,
    });
    p.actAs(d.users.member);
    const page = await p.open(route, { sessionId: started.sessionId });

    // Act
    await type(page, '#content', '孙丽老师教学管理细致，希望多听青年教师的课。');
    await tap(page, '#target-0');
    await tap(page, '#submit');

    // Assert
    expect(page.data.targets.map((t: { name: string; duties: string }) => `${t.name}（${t.duties}）`)).toEqual(['孙丽（党员、班子成员）']);
    expect(textOf(page)).toContain('孙丽（党员、班子成员）');
    const home = await p.h.ok(d.users.member, 'home', {});
    expect(home.opinionsToGive.filter((o: { sessionId: string }) => o.sessionId === started.sessionId)).toEqual([]);
  });
});
