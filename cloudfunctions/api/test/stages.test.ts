/**
 * Campaign stages (seed 002: 「领导点评原则上每阶段一次」) through the api's main: a campaign names its stages
 * with their own due dates, a rule set to 每阶段 falls due once per stage, the plan owes its reviews in the
 * stage open now, and a review done in the stage counts there. Bad stages are refused beside their field,
 * with nothing written.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { completeContent } from './work.support';

const h = apiHarness();
let d: District;

const docs = (collection: string) => [...((h.local.store.get(collection)?.docs.values() ?? []) as Iterable<Record<string, unknown>>)];
const STAGES = [
  { name: '学习动员', start: '2026-01-01', end: '2026-06-30' },
  { name: '深入推进', start: '2026-07-01', end: '2026-12-20', due: '2027-01-15' },
];
const campaign = () => h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });

beforeAll(async () => {
  d = await buildDistrict(h);
});

describe('campaign stages [002]', () => {
  it('when 每阶段 is chosen with no stage named, then the update is refused beside 活动阶段 and nothing changes', async () => {
    // Arrange
    const before = await campaign();

    // Act
    const reply = await h.call(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: before.version, frequencies: { R1: 'STAGE' } });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'CAMPAIGN.INVALID_PERIOD', message: '点评频次选了「每阶段」，请先添加活动阶段' } });
    expect((reply as { error: { issues?: Array<{ path: unknown[] }> } }).error.issues?.[0]?.path).toEqual(['stages']);
    expect((await campaign()).version).toBe(before.version);
  });

  it('when two stages overlap, then the second is refused with its place named', async () => {
    // Arrange
    const c = await campaign();

    // Act
    const reply = await h.call(d.users.admin, 'campaign.update', {
      campaignId: d.campaignId,
      version: c.version,
      stages: [STAGES[0], { ...STAGES[1], start: '2026-06-15' }],
    });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { message: '第2阶段：须在上一阶段结束之后开始' } });
  });

  it('when R1 is set to 每阶段 with two stages, then the cycles are the stages, by name, each due on its own date', async () => {
    // Arrange
    const c = await campaign();

    // Act
    await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: c.version, frequencies: { ...c.frequencies, R1: 'STAGE' }, stages: STAGES });
    const after = await campaign();

    // Assert
    expect(after.stages).toEqual(STAGES);
    const stageCycles = after.cycles.filter((cy: { frequency: string }) => cy.frequency === 'STAGE');
    expect(stageCycles.map((cy: { key: string; label: string; dueDate: string }) => [cy.key, cy.label, cy.dueDate])).toEqual([
      ['2026-S1', '2026年第1阶段（学习动员）', '2026-06-30'],
      ['2026-S2', '2026年第2阶段（深入推进）', '2027-01-15'],
    ]);
  });

  it('when the plan runs in the second stage, then each member is owed one review in that stage, and a review done now counts there', async () => {
    // Act
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    const owed = docs('requirements').filter((r) => r.rule === 'R1' && r.superseded !== true && r.targetId === d.person.s3);
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'ON_SITE',
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }] },
      date: '2026-11-25',
      place: '党员活动室',
      reportDeadline: '2026-11-24',
      opinionDeadline: '2026-11-24',
      opinionsAnonymous: false,
    });
    const reviewId = started.reviews[0].reviewId;
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId, version: 1, ...completeContent('MEMBER'), submit: true });

    // Assert
    expect(owed.map((r) => r.cycleKey)).toEqual(['2026-S2']);
    expect(docs('requirements').find((r) => r._id === owed[0]._id)).toMatchObject({ done: true, reviewId });
  });
});
