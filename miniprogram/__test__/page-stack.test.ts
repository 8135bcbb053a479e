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
    date: '2026-11-21',
    reportDeadline: '2026-11-21',
    opinionDeadline: '2026-11-21',
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
  test('when the secretary submits every review on 录入点评 and goes back, then 点评活动 shows each 已提交 and 发布通报 is enabled, without a new onLoad', async () => {
    // Arrange
    const sessionId = await newSession();
    p.actAs(d.users.branchSecretary);
    const phone = p.phone();
    const detail = await phone.launch('pages/session/detail/detail', { id: sessionId });
    expect(textOf(detail)).toContain('已提交0');
    expect(detail.data.rows.map((r: { status: string }) => r.status)).toEqual(['待录入', '待录入']);
    expect(detail.querySelector('#to-publish')?.data.disabled).toBe(true);
    // Act
    await tap(detail, '#to-batch');
    await submitAll();
    const before = p.sent.length;
    const back = await phone.back();
    // Assert
    expect(back).toBe(detail);
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['session.get']);
    expect(detail.data.rows.map((r: { status: string }) => r.status)).toEqual(['已提交', '已提交']);
    expect(textOf(detail)).toContain('已提交2');
    expect(detail.querySelector('#to-publish')?.data.disabled).toBe(false);
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
