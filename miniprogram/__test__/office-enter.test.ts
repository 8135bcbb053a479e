/**
 * 代录入点评 from the office console, tapped through on the compiled pages against the real api: the office
 * (not on the roster) picks an org, sees the reviewers who still owe reviews from it, and starts 发起点评 on
 * behalf of one who is not on the app, who stays the 点评人 while the office is the 录入人.
 */
import { lastNavigation, tap, textOf, type, usePages } from './pages';
import { buildDistrict, type District } from '../../cloudfunctions/api/test/harness';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
  await p.h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

beforeEach(() => {
  jest.clearAllMocks();
  p.actAs(d.users.admin);
});

type Data = Record<string, unknown>;
const dataOf = (page: { instance: unknown }) => (page.instance as { data: Data }).data;

describe('代录入点评', () => {
  test('when the office chooses 实验小学党支部 and taps 代录入点评, then it lists the liaison leader who owes reviews there, with whom, opening with one call', async () => {
    // Arrange
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.xx1}`);

    // Act
    await tap(office, '#enter-for');
    const [route, query] = lastNavigation();
    const mark = p.sent.length;
    const enter = await p.open(route, query);

    // Assert
    expect(route).toBe('office/enter/enter');
    expect(p.sent.slice(mark).map((e) => e.action)).toEqual(['requirement.list']);
    const owing = dataOf(enter).owing as Array<{ name: string; targets: string }>;
    const liu = owing.find((o) => o.name === '刘芳');
    expect(liu?.targets).toContain('新北区实验小学党支部');
    // Each person owed once, whatever the duties they are owed under.
    for (const o of owing) expect(new Set(o.targets.split('、')).size).toBe(o.targets.split('、').length);
    expect(textOf(enter)).toContain('代刘芳录入');
  });

  test('when the office taps 代刘芳录入 and starts the review, then the session is 刘芳’s with the office entering it, and 发起点评 offered no review of the office’s own', async () => {
    // Arrange
    const office = await p.open('office/index/index');
    await tap(office, `#org-${d.org.xx1}`);
    await tap(office, '#enter-for');
    const enter = await p.open(...lastNavigation());
    const liu = (dataOf(enter).owing as Array<{ reviewerId: string; name: string }>).find((o) => o.name === '刘芳');
    await tap(enter, `#reviewer-${liu?.reviewerId}`);
    const [route, query] = lastNavigation();
    const start = await p.open(route, query);
    expect(textOf(start)).toContain('代刘芳录入');
    expect(textOf(start)).not.toContain('我本人');
    expect(textOf(start)).toContain('将点评');
    await type(start, '#place', '实验小学党员活动室');

    // Act
    await tap(start, '#submit');

    // Assert
    expect(lastNavigation('redirectTo')[0]).toBe('pages/session/detail/detail');
    const { sessions } = await p.h.ok(d.users.admin, 'session.list', {});
    const hers = (sessions as Array<{ id: string; reviewerName: string; orgId: string }>).filter((s) => s.reviewerName === '刘芳' && s.orgId === d.org.xx1);
    expect(hers).toHaveLength(1);
    const got = await p.h.ok(d.users.admin, 'session.get', { sessionId: hers[0].id });
    expect(got.reviews.length).toBeGreaterThan(0);
    expect(got.reviews.map((r: { target: { name: string } }) => r.target.name)).toContain('新北区实验小学党支部');
  });
});
