/**
 * 点评要点 (office/template): the office edits one kind's template aspect by aspect through the real api,
 * and the next session a secretary starts uses it; mistakes show beside their aspect and nothing is sent.
 * Also each cycle's due date on 活动设置, picked with a date picker.
 */
import { choose, tap, textOf, type, usePages, lastNavigation } from './pages';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

let mark = 0;
const sentSince = () => p.sent.slice(mark).map((e) => e.action);

beforeEach(() => {
  jest.clearAllMocks();
  (wx.showModal as unknown as jest.Mock).mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: true, cancel: false }));
  p.actAs(d.users.admin);
  mark = p.sent.length;
});

type Aspect = { key: string; title: string; hint: string };
const titles = (aspects: Aspect[]) => aspects.map((a) => a.title);
const dataOf = (page: { instance: unknown }) => (page.instance as { data: Record<string, unknown> }).data;

describe('点评要点', () => {
  test('when the office renames, reorders, removes and adds aspects of the 党员 template, then one save stores them and the next session a secretary starts uses them', async () => {
    const settings = await p.open('office/campaign/campaign', { id: d.campaignId });
    await tap(settings, '#edit-template-MEMBER');
    const [route, query] = lastNavigation();
    expect(query).toEqual({ id: d.campaignId, kind: 'MEMBER' });
    const page = await p.open(route, query);
    const before = dataOf(page).aspects as Aspect[];
    expect(titles(before)).toEqual(['立足岗位发挥带头作用', '公开承诺及践行', '为群众办实事', '存在的不足和努力方向']);

    await type(page, '#title-2', '联系服务群众');
    await tap(page, '#up-2');
    await tap(page, '#remove-0');
    await tap(page, '#add');
    await type(page, '#title-3', '学习贯彻情况');
    await type(page, '#hint-3', '参加学习、贯彻落实的情况');
    await tap(page, '#extra-integrity');
    mark = p.sent.length;
    await tap(page, '#save');
    expect(sentSince()).toEqual(['campaign.update', 'campaign.get']);

    const campaign = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    const stored = campaign.templates.MEMBER as { id: string; aspects: Aspect[] };
    expect(titles(stored.aspects)).toEqual(['联系服务群众', '公开承诺及践行', '廉洁自律', '存在的不足和努力方向', '学习贯彻情况']);
    expect(stored.aspects[4]).toMatchObject({ hint: '参加学习、贯彻落实的情况' });
    // Only the edited kind was written: the others stay seed defaults.
    expect(String(campaign.templates.ORG.id)).toMatch(/^default-/);

    const started = await p.h.ok(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false });
    const session = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: started.sessionId });
    expect(titles(session.templates.MEMBER.aspects)).toContain('学习贯彻情况');
    expect(titles(session.templates.MEMBER.aspects)).not.toContain('立足岗位发挥带头作用');
  });

  test('when an aspect is left without a name, then the shared contract’s message shows beside it and nothing is sent', async () => {
    const page = await p.open('office/template/template', { id: d.campaignId, kind: 'ORG' });
    const version = (await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId })).version;
    await tap(page, '#add');
    const last = (dataOf(page).aspects as Aspect[]).length - 1;
    mark = p.sent.length;
    await tap(page, '#save');
    expect(page.querySelector(`#title-${last}-error`)?.dom?.textContent).toMatch(/标题|名称|填写/);
    expect(sentSince()).toEqual([]);
    expect((await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId })).version).toBe(version);
  });

  test('when the office puts an edited template back to the default, then the seed aspects return', async () => {
    const page = await p.open('office/template/template', { id: d.campaignId, kind: 'MEMBER' });
    expect(textOf(page)).toContain('恢复默认要点');
    await tap(page, '#reset');
    const campaign = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    expect(titles(campaign.templates.MEMBER.aspects)[0]).toBe('立足岗位发挥带头作用');
  });
});

describe('各周期点评截止日期', () => {
  test('when the office picks a cycle’s due date, then it is stored for that cycle and the cycle is due then', async () => {
    const made = await p.h.ok(d.users.admin, 'campaign.create', { name: '周期截止测试活动', start: '2026-01-01', end: '2026-12-31' });
    const page = await p.open('office/campaign/campaign', { id: made.id });
    expect(textOf(page)).toContain('2026年上半年截止');
    await choose(page, '#due-2026-H1', '2026-07-10');
    await tap(page, '#save');
    const saved = await p.h.ok(d.users.admin, 'campaign.get', { campaignId: made.id });
    expect(saved.cycleDueDates).toEqual({ '2026-H1': '2026-07-10' });
    expect(saved.cycles.find((c: { key: string }) => c.key === '2026-H1')?.dueDate).toBe('2026-07-10');
    expect(page.querySelector('#cycle-2026-H1')?.dom?.textContent).toContain('2026-07-10');
  });
});
