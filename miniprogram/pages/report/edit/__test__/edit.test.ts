import { usePages, tap, textOf, type } from '../../../../__test__/pages';
import { buildWork, type Work } from '../../../../__test__/work';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;
let w: Work;
const route = 'pages/report/edit/edit';
const query = () => ({ sessionId: w.open.sessionId, kind: 'MEMBER', id: w.open.s3Target.id });
const saves = () => p.sent.filter((e) => e.action === 'report.save');

beforeAll(async () => {
  d = await buildDistrict(p.h);
  w = await buildWork(p.h, d);
  p.actAs(d.users.member);
});

beforeEach(() => jest.clearAllMocks());

describe('汇报', () => {
  test('when the member opens the report, then the session, the deadline and empty fields show, from one api call', async () => {
    const before = p.sent.length;
    const page = await p.open(route, query());
    expect(p.sent.slice(before).map((e) => e.action)).toEqual(['session.get']);
    const text = textOf(page);
    expect(text).toContain('向吴敏汇报：李娜');
    expect(text).toContain('请在2026年11月28日前提交');
    expect(text).toContain('未开始');
  });

  test('when the member submits nothing, then the page asks for content and nothing is sent', async () => {
    const page = await p.open(route, query());
    const before = saves().length;
    await tap(page, '#submit');
    expect(textOf(page)).toContain('请至少填写一项内容再提交');
    expect(saves().length).toBe(before);
  });

  test('when the text is over-long, then the server refuses it beside the field and the text is kept', async () => {
    const page = await p.open(route, query());
    await type(page, '#fulfilment', '字'.repeat(2501));
    await tap(page, '#save-draft');
    expect(page.data.errors.fulfilment).toBeTruthy();
    expect(page.data.fulfilment).toHaveLength(2501);
  });

  test('when the member saves a draft, then reopening the screen brings the draft back', async () => {
    const page = await p.open(route, query());
    await type(page, '#fulfilment', '两项承诺均在推进，完成过半。');
    await tap(page, '#save-draft');
    expect(textOf(page)).toContain('草稿已保存');
    const again = await p.open(route, query());
    expect(again.data.fulfilment).toBe('两项承诺均在推进，完成过半。');
  });

  test('when offline, then submitting keeps the text; back online, it submits once and 待办 no longer asks for it', async () => {
    const page = await p.open(route, query());
    await type(page, '#plans', '下阶段抓好学习计划落实。');
    p.setOffline(true);
    await tap(page, '#submit');
    expect(page.data.plans).toBe('下阶段抓好学习计划落实。');
    expect(page.data.status).toBe('DRAFT');
    p.setOffline(false);
    await tap(page, '#submit');
    expect(textOf(page)).toContain('已提交');
    const home = await p.h.ok(d.users.member, 'home', {});
    expect(home.reportsToGive).toHaveLength(0);
    const report = (await p.h.ok(d.users.member, 'session.get', { sessionId: w.open.sessionId })).me.reports[0];
    expect(report.plans).toBe('下阶段抓好学习计划落实。');
    expect(report.fulfilment).toBe('两项承诺均在推进，完成过半。');
  });
});
