/**
 * 评定 [003] (「有计划、有组织、有记录、有检查、有评定」) through the api's main: the 工委 records a few words on
 * 实验小学党支部's review work for the round, reads them in its progress table, and may not score or rank.
 */
import { apiHarness, buildDistrict, type District } from './harness';

const h = apiHarness();
let d: District;
const TEXT = '点评覆盖全体党员，问题指得具体；对实习教师的点评方式还要更灵活。';

beforeAll(async () => {
  d = await buildDistrict(h);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

describe('评定 of a lower unit\'s review work', () => {
  it('when the 工委 secretary writes a 评定 of 实验小学党支部, then its row in the 工委\'s table carries it for the round', async () => {
    // Act
    const out = await h.ok(d.users.committeeSecretary, 'progress.assess', { campaignId: d.campaignId, orgId: d.org.xx1, text: `  ${TEXT} ` });

    // Assert
    expect(out).toEqual({ orgId: d.org.xx1, cycleKey: '2026-H2', text: TEXT });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(table.assessing).toEqual({ cycleKey: '2026-H2', canAssess: true, canAttend: true });
    expect(table.rows.find((r: { orgId: string }) => r.orgId === d.org.xx1).assessment).toMatchObject({ text: TEXT });
    expect(table.rows.find((r: { orgId: string }) => r.orgId === d.org.wsy).assessment).toBeNull();
  });

  it('when the 评定 scores or ranks the unit, then it is refused and nothing is kept', async () => {
    const reply = await h.call(d.users.committeeSecretary, 'progress.assess', { campaignId: d.campaignId, orgId: d.org.wsy, text: '本季度点评工作得90分，在各支部中排名第一。' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '评定只写文字评价，不打分、不排名' } });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(table.rows.find((r: { orgId: string }) => r.orgId === d.org.wsy).assessment).toBeNull();
  });

  it('when a branch secretary would assess her own branch, then she may not: a 评定 comes from above', async () => {
    expect(await h.call(d.users.branchSecretary, 'progress.assess', { campaignId: d.campaignId, orgId: d.org.xx1, text: TEXT })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const own = await h.ok(d.users.branchSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(own.assessing).toEqual({ cycleKey: '2026-H2', canAssess: true, canAttend: true });
  });
});
