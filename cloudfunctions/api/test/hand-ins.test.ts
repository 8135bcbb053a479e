/**
 * 具体方案 and 总结 from lower units (issue 24 item 4; seed 001 各二级党组织要…制订领导点评工作具体方案, seed 002
 * 各党小组要…制定…具体安排，于…底前报, seeds 000/002/004 形成书面材料 / 总结上报) through the api's main: the 工委 asks its
 * branches for a plan by a deadline, 实验小学党支部's secretary sees it on her to-do, hands in and replaces it, the 工委
 * reads 已交/未交 in its progress table and opens the plan; a progress report keeps its written 总结.
 */
import { apiHarness, buildDistrict, type District } from './harness';

const h = apiHarness();
let d: District;
const PLAN = '一、点评安排：12月20日前召开支部党员大会，逐一点评全体党员。\n二、分工：书记点评党员，支委协助征求意见。';

beforeAll(async () => {
  d = await buildDistrict(h);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});
afterEach(() => h.clock.set('2026-11-21T10:00+08:00'));

type Row = { orgId: string; handIn?: { state: string; stateLabel: string } | null };

describe('asking lower units for their 具体方案', () => {
  it('when the 工委 secretary asks for plans by 12-20, then each branch owes one: 未交 in the 工委\'s table and 上交具体方案 on the branch secretary\'s to-do', async () => {
    // Act
    const asked = await h.ok(d.users.committeeSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-12-20', note: '按活动方案制订本支部的具体方案' });

    // Assert
    expect(asked).toEqual({ orgId: d.org.gw, deadline: '2026-12-20', note: '按活动方案制订本支部的具体方案', lowerUnits: 4 });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(table.handInCall).toEqual({ deadline: '2026-12-20', note: '按活动方案制订本支部的具体方案', handedIn: 0, owed: 4 });
    expect(table.rows.filter((r: Row) => r.handIn).map((r: Row) => r.handIn?.stateLabel)).toEqual(['未交', '未交', '未交', '未交']);
    const home = await h.ok(d.users.branchSecretary, 'home', {});
    expect(home.handInsToGive).toEqual([{ campaignId: d.campaignId, orgId: d.org.xx1, orgName: '新北区实验小学党支部', upperOrgName: '中共常州市新北区社会事业局工作委员会', deadline: '2026-12-20', note: '按活动方案制订本支部的具体方案', overdue: false }]);
  });

  it('when a branch secretary would ask, or the deadline has passed, then it is refused', async () => {
    expect(await h.call(d.users.branchSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-12-20' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.committeeSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-11-20' })).toMatchObject({ ok: false, error: { code: 'HANDIN.DEADLINE_PAST' } });
    expect(await h.call(d.users.branchSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.xx1, deadline: '2026-12-20' })).toMatchObject({ ok: false, error: { code: 'HANDIN.NO_LOWER_UNITS' } });
  });
});

describe('handing in', () => {
  it('when the branch secretary hands in her plan, then the 工委 sees 已交, opens it, and it leaves her to-do', async () => {
    // Act
    const out = await h.ok(d.users.branchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: PLAN });

    // Assert
    expect(out).toMatchObject({ orgId: d.org.xx1, late: false, files: 0 });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(table.handInCall).toMatchObject({ handedIn: 1, owed: 3 });
    expect(table.rows.find((r: Row) => r.orgId === d.org.xx1).handIn).toMatchObject({ state: 'IN', stateLabel: '已交' });
    const read = await h.ok(d.users.committeeSecretary, 'handin.get', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(read).toMatchObject({ orgName: '新北区实验小学党支部', deadline: '2026-12-20', handIn: { text: PLAN, state: 'IN', stateLabel: '已交', files: [] }, canHandIn: false });
    expect((await h.ok(d.users.branchSecretary, 'home', {})).handInsToGive).toEqual([]);
  });

  it('when she replaces it before the deadline, then the replacement is kept; after the deadline it cannot be replaced', async () => {
    h.clock.set('2026-12-20T21:00+08:00');
    await h.ok(d.users.branchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: `${PLAN}\n三、补充：对流动党员梁勇电话点评。` });
    expect((await h.ok(d.users.branchSecretary, 'handin.get', { campaignId: d.campaignId, orgId: d.org.xx1 })).handIn.text).toContain('对流动党员梁勇电话点评');

    h.clock.set('2026-12-21T09:00+08:00');
    expect(await h.call(d.users.branchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: '改过的方案' })).toMatchObject({ ok: false, error: { code: 'HANDIN.CLOSED' } });
    expect((await h.ok(d.users.branchSecretary, 'handin.get', { campaignId: d.campaignId, orgId: d.org.xx1 })).handIn.text).toContain('对流动党员梁勇电话点评');
  });

  it('when a unit hands in an attachment that is not a document of this unit, or nothing, then it is refused and nothing is kept', async () => {
    const wsy = d.org.wsy;
    const foreign = { fileID: 'cloud://env/imports/other-tenant/1-方案.docx', name: '方案.docx' };
    // 卫生院党支部's secretary is not bound in the district; the 党总支 secretary hands in for his own unit.
    expect(await h.call(d.users.generalBranchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.zx, text: '', files: [foreign] })).toMatchObject({ ok: false, error: { code: 'HANDIN.FILE_KIND' } });
    expect(await h.call(d.users.generalBranchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.zx, text: '  ' })).toMatchObject({ ok: false, error: { code: 'HANDIN.EMPTY' } });
    expect(await h.call(d.users.member, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: PLAN })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(table.rows.find((r: Row) => r.orgId === d.org.zx).handIn).toMatchObject({ state: 'OWED' });
    expect(table.rows.find((r: Row) => r.orgId === wsy).handIn).toMatchObject({ state: 'OWED' });
  });
});

describe('the written 总结 with a progress report', () => {
  it('when a branch reports its progress with a written 总结, then the report keeps it and the history shows it', async () => {
    // Arrange
    const summary = '本阶段完成对5名党员的点评，问题指得具体；下阶段抓好整改回复。';

    // Act
    const report = await h.ok(d.users.branchSecretary, 'progress.submit', { campaignId: d.campaignId, orgId: d.org.xx1, writtenSummary: `${summary}\n` });

    // Assert
    expect(report.writtenSummary).toBe(summary);
    const history = await h.ok(d.users.committeeSecretary, 'progress.history', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(history.reports[0]).toMatchObject({ id: report.id, writtenSummary: summary });
  });
});
