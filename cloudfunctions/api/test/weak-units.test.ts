/**
 * Weak units (seed 001: 「对工作基础较薄弱的基层党组织，上一级党组织主要负责人要亲自参加」) through the api's main:
 * a unit above marks 初级中学教工第一党支部 weak; on the 党总支's progress screen its row shows the gap until the
 * 党总支's secretary 黄海, its upper principal, takes part himself (attending its review, recorded with the
 * day, or reviewing it); nobody else may record his attendance; lifting the mark removes the gap.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { completeContent } from './work.support';

const h = apiHarness();
let d: District;

const zb1Row = async () => {
  const p = await h.ok(d.users.generalBranchSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.zx });
  return { row: p.rows.find((r: { orgId: string }) => r.orgId === d.org.zb1), assessing: p.assessing };
};

beforeAll(async () => {
  d = await buildDistrict(h);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

describe('weak units [001]', () => {
  it('when no unit is marked, then the rows carry no weak mark', async () => {
    expect((await zb1Row()).row.weak).toBeNull();
  });

  it('when a branch secretary tries to mark her own branch weak, then she is refused: only a unit above may', async () => {
    const reply = await h.call(d.users.branchSecretary, 'progress.markWeak', { campaignId: d.campaignId, orgId: d.org.xx1, weak: true });
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when the 工委书记 marks 教工第一党支部 weak, then the 党总支 sees it owed by its upper principal, who may record taking part', async () => {
    // Act
    await h.ok(d.users.committeeSecretary, 'progress.markWeak', { campaignId: d.campaignId, orgId: d.org.zb1, weak: true, note: '支部班子不齐，组织生活不经常' });

    // Assert
    const { row, assessing } = await zb1Row();
    expect(row.weak).toEqual({ state: 'OWED', label: '薄弱单位：待上级党组织书记亲自参加点评', owed: true, note: '支部班子不齐，组织生活不经常', attended: null });
    expect(assessing.canAttend).toBe(true);
  });

  it('when the 工委书记, above but not its principal, records attendance, then it is refused and nothing is written', async () => {
    const reply = await h.call(d.users.committeeSecretary, 'progress.attend', { campaignId: d.campaignId, orgId: d.org.zb1, date: '2026-11-20' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PROGRESS.NOT_PRINCIPAL' } });
    expect((await zb1Row()).row.weak.state).toBe('OWED');
  });

  it('when 黄海 records that he attended its review meeting, then the row says so with the day', async () => {
    // Act
    await h.ok(d.users.generalBranchSecretary, 'progress.attend', { campaignId: d.campaignId, orgId: d.org.zb1, date: '2026-11-20', note: '参加支部点评会并讲话' });

    // Assert
    expect((await zb1Row()).row.weak).toMatchObject({ state: 'ATTENDED', label: '薄弱单位：上级党组织书记已亲自参加（2026-11-20）', attended: { date: '2026-11-20', note: '参加支部点评会并讲话' } });
  });

  it('when a day after today is given, then it is refused beside the date', async () => {
    const reply = await h.call(d.users.generalBranchSecretary, 'progress.attend', { campaignId: d.campaignId, orgId: d.org.zb1, date: '2026-12-30' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '参加日期不能晚于今天' } });
  });

  it('when the mark is lifted and set again, then the gap is back, and 黄海 reviewing the branch himself closes it', async () => {
    // Arrange
    await h.ok(d.users.committeeSecretary, 'progress.markWeak', { campaignId: d.campaignId, orgId: d.org.zb1, weak: false });
    expect((await zb1Row()).row.weak).toBeNull();
    await h.ok(d.users.committeeSecretary, 'progress.markWeak', { campaignId: d.campaignId, orgId: d.org.zb1, weak: true });
    expect((await zb1Row()).row.weak.state).toBe('OWED');

    // Act
    const started = await h.ok(d.users.generalBranchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.zx,
      mode: 'INDIVIDUAL',
      targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: d.org.zb1 }] },
      date: '2026-11-21',
      place: '党总支办公室',
      opinionsAnonymous: false,
    });
    await h.ok(d.users.generalBranchSecretary, 'review.save', { reviewId: started.reviews[0].reviewId, version: 1, ...completeContent('ORG'), submit: true });

    // Assert
    expect((await zb1Row()).row.weak).toMatchObject({ state: 'REVIEWED', label: '薄弱单位：上级党组织书记已亲自点评' });
  });
});
