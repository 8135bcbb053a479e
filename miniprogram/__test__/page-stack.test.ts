/**
 * Pages on a phone's page stack (issue 18): WeChat shows the page below again after `navigateBack` and keeps
 * tab pages alive, so a page that reads its data only in onLoad is stale when the user comes back to it;
 * the pages that show state changed elsewhere read it again on show (behaviors/page.ts). Everything moves by
 * taps and route calls through the harness's phone, against the real api on the in-process local cloud.
 */
import { tap, textOf, type, usePages } from './pages';
import { buildWork, type Work } from './work';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;
const FIXTURE = '__test__/fixtures/onload-only/onload-only';

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
});

beforeEach(() => jest.clearAllMocks());

/** A new session of the branch secretary reviewing 李娜 and 钱军, its reviews still drafts. */
async function newSession(): Promise<string> {
  const started = await p.h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'CENTRAL',
    meetingType: 'PARTY_MEMBERS_MEETING',
    topic: null,
    place: '实验小学党员活动室',
    opinionsAnonymous: true,
    targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }, { kind: 'MEMBER', id: d.person.s4 }] },
    date: '2026-11-24',
    reportDeadline: '2026-11-23',
    opinionDeadline: '2026-11-23',
  });
  return started.sessionId as string;
}

/** On 录入点评 (the top page): writes every review in full and taps 全部提交. */
async function submitAll(): Promise<void> {
  const batch = p.phone().top();
  const entries = batch.data.entries as Array<{ name: string; aspects: unknown[] }>;
  for (let i = 0; i < entries.length; i += 1) {
    for (let a = 0; a < entries[i].aspects.length; a += 1) await type(batch, `#e${i}-aspect${a}`, `${entries[i].name}在这一方面表现较好。`);
    await type(batch, `#e${i}-achievements`, '立足本职，承诺兑现。');
    await type(batch, `#e${i}-problems`, '理论学习的系统性还不够。');
    await type(batch, `#e${i}-direction`, '加强理论学习。');
    await type(batch, `#e${i}-requirement`, '继续保持');
  }
  await tap(batch, '#submit');
  expect(wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '点评已提交' }));
}

/** The session's reviews as the server has them now. */
async function submittedOnServer(sessionId: string): Promise<number> {
  const v = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId });
  return (v.reviews as Array<{ status: string }>).filter((r) => r.status !== 'DRAFT').length;
}

describe('a page that loads only in onLoad, on a phone', () => {
  test('when the user submits on 录入点评 and goes back, then the page below is the same instance and still shows what it read first', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const phone = p.phone();
    const below = await phone.launch(FIXTURE, { id: w.open.sessionId });
    expect(textOf(below)).toContain('已提交0/2');
    // Act
    await tap(below, '#to-batch');
    expect(phone.routes()).toEqual([FIXTURE, 'pages/session/batch/batch']);
    await submitAll();
    const back = await phone.back();
    // Assert: the server has both reviews submitted; the page, shown again without a new onLoad, does not know.
    expect(await submittedOnServer(w.open.sessionId)).toBe(2);
    expect(back).toBe(below);
    expect(phone.routes()).toEqual([FIXTURE]);
    expect(textOf(back)).toContain('已提交0/2');
  });
});

describe('pages that show state changed elsewhere read it again on show', () => {
  test('when the secretary submits every review on 录入点评 and goes back, then 点评活动 shows each 已提交, the stage 待发布 and 去发布通报 as its primary button, without a new onLoad', async () => {
    // Arrange
    const sessionId = await newSession();
    p.actAs(d.users.branchSecretary);
    const phone = p.phone();
    const detail = await phone.launch('pages/session/detail/detail', { id: sessionId });
    expect(textOf(detail)).toContain('已提交0');
    expect(detail.data.rows.flatMap((r: { duties: Array<{ status: string }> }) => r.duties.map((x) => x.status))).toEqual(['待录入', '待录入']);
    expect(detail.querySelector('#step-PUBLISH')).toBeFalsy();
    // Act
    await tap(detail, '#step-ENTER');
    await submitAll();
    const before = p.sent.length;
    const back = await phone.back();
    // Assert
    expect(back).toBe(detail);
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['session.get']);
    expect(detail.data.rows.flatMap((r: { duties: Array<{ status: string }> }) => r.duties.map((x) => x.status))).toEqual(['已提交', '已提交']);
    expect(textOf(detail)).toContain('已提交2');
    expect(detail.data.stage).toBe('待发布');
    expect(detail.data.steps[0]).toEqual({ step: 'PUBLISH', label: '去发布通报', primary: true });
    expect(textOf(detail)).toContain('去发布通报');
  });

  test('when the member submits the report 待办 asked for and taps the 待办 tab, then the same 待办 no longer lists it', async () => {
    // Arrange
    p.actAs(d.users.member);
    const phone = p.phone();
    const todo = `#report-${w.open.sessionId}-${d.person.s3}`;
    const home = await phone.launch('pages/home/index/index');
    expect(home.querySelector(todo)?.dom?.textContent).toContain('向吴敏汇报：李娜');
    // Act: open the to-do from 待办, report, and come back by the tab bar.
    await tap(home, todo);
    expect(phone.routes()).toEqual(['pages/home/index/index', 'pages/report/edit/edit']);
    const report = phone.top();
    await type(report, '#fulfilment', '两项承诺均在推进，完成过半。');
    await tap(report, '#submit');
    expect(wx.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '汇报已提交' }));
    const back = await phone.tab('pages/home/index/index');
    // Assert
    expect(back).toBe(home);
    expect(phone.routes()).toEqual(['pages/home/index/index']);
    expect(home.querySelector(todo)).toBeFalsy();
    expect(textOf(home)).toContain('要做的整改');
  });
});

describe('form pages keep what was typed when shown again', () => {
  test('when the member has typed a report and comes back to WeChat from a chat, then every word stays and nothing is read again', async () => {
    // Arrange
    const sessionId = await newSession();
    p.actAs(d.users.member);
    const phone = p.phone();
    const report = await phone.launch('pages/report/edit/edit', { sessionId, kind: 'MEMBER', id: d.person.s3 });
    await type(report, '#plans', '下阶段抓好学习计划落实。');
    const before = p.sent.length;
    // Act
    await phone.resume();
    // Assert
    expect(p.sent.length).toBe(before);
    expect(report.data.plans).toBe('下阶段抓好学习计划落实。');
  });

  test('when the member is editing a commitment and taps another tab and back, then the draft is still being edited and the branch’s new commitments show', async () => {
    // Arrange
    p.actAs(d.users.member);
    const phone = p.phone();
    await phone.launch('pages/home/index/index');
    const commitments = await phone.tab('pages/commitment/index/index');
    await tap(commitments, '#edit');
    await type(commitments, '#content-0', '每月为群众办一件实事');
    await p.h.ok(d.users.branchSecretary, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-11-20', items: [{ content: '每学期听课二十节', progress: 10 }] });
    // Act
    await phone.tab('pages/home/index/index');
    const back = await phone.tab('pages/commitment/index/index');
    // Assert
    expect(back).toBe(commitments);
    expect(back.data.editing).toBe(true);
    expect(back.data.draft[0].content).toBe('每月为群众办一件实事');
    expect(textOf(back)).toContain('每学期听课二十节');
  });
});

describe('the phone’s page stack', () => {
  test('when a tab page is tapped again after other tabs, then it is the instance made first (one onLoad) and is shown again', async () => {
    // Arrange
    p.actAs(d.users.member);
    const phone = p.phone();
    const home = await phone.launch('pages/home/index/index');
    const homes = () => p.sent.filter((e) => e.action === 'home').length;
    const loaded = homes();
    // Act
    await phone.tab('pages/mine/index/index');
    const again = await phone.tab('pages/home/index/index');
    // Assert: shown again, so read again quietly, by the same instance.
    expect(again).toBe(home);
    expect(homes()).toBe(loaded + 1);
    expect(phone.routes()).toEqual(['pages/home/index/index']);
  });

  test('when a page navigates to a tab page or past 10 pages, then WeChat refuses and the stack stays', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const phone = p.phone();
    await phone.launch(FIXTURE, { id: w.open.sessionId });
    // Act
    wx.navigateTo({ url: '/pages/home/index/index' });
    for (let i = 0; i < 10; i += 1) wx.navigateTo({ url: `/${FIXTURE}?id=${w.open.sessionId}` });
    await p.settle();
    // Assert
    expect(phone.failures).toEqual(['navigateTo:fail can not navigateTo a tabbar page', 'navigateTo:fail webview count limit exceed']);
    expect(phone.routes()).toHaveLength(10);
  });

  test('when a page redirects, then it is replaced; when the app relaunches, then only the new page is left', async () => {
    // Arrange
    p.actAs(d.users.branchSecretary);
    const phone = p.phone();
    await phone.launch('pages/home/index/index');
    wx.navigateTo({ url: `/${FIXTURE}?id=${w.open.sessionId}` });
    await p.settle();
    // Act
    wx.redirectTo({ url: `/pages/session/detail/detail?id=${w.open.sessionId}` });
    await p.settle();
    const redirected = phone.routes();
    wx.reLaunch({ url: '/pages/mine/index/index' });
    await p.settle();
    // Assert
    expect(redirected).toEqual(['pages/home/index/index', 'pages/session/detail/detail']);
    expect(phone.routes()).toEqual(['pages/mine/index/index']);
    expect(phone.failures).toEqual([]);
  });
});

describe('整改 shown again', () => {
  test('when the reviewer imposes a deadline while the member is drafting measures, then coming back shows 限期整改 and the new deadline, and the draft stays', async () => {
    // Arrange
    p.actAs(d.users.member);
    const phone = p.phone();
    const page = await phone.launch('pages/rectification/detail/detail', { id: w.published.rectificationId });
    expect(textOf(page)).not.toContain('限期整改');
    await type(page, '#plan', '每周三学习两小时，年底前交学习笔记。');
    const { rectification } = await p.h.ok(d.users.branchSecretary, 'rectification.get', { rectificationId: w.published.rectificationId });
    await p.h.ok(d.users.branchSecretary, 'rectification.act', { event: 'IMPOSE_DEADLINE', rectificationId: rectification.id, version: rectification.version, deadline: '2026-12-15', reason: '请抓紧整改' });
    // Act
    await phone.resume();
    // Assert
    expect(textOf(page)).toContain('限期整改');
    expect(textOf(page)).toContain('2026年12月15日前完成');
    expect(page.data.plan).toBe('每周三学习两小时，年底前交学习笔记。');
  });
});
