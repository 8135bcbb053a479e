/**
 * The full plan in many small slices (issue 26): slices bounded by requests, projected time and windows of
 * the stored side store exactly what one slice stores — requirements, units and counters.
 */
import { apiHarness, type Data, type District } from './harness';
import { buildSeed000, testDb } from './progress.support';
import { completeContent } from './work.support';
import type { planSlice as PlanSlice } from '../src/plan/plan';

const h = apiHarness();
let d: District;

/** Submits 吴敏's review of 李娜 in a campaign before it is planned (the plan matches it: a done requirement). */
async function reviewBeforePlan(campaignId: string): Promise<void> {
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }] },
    date: '2026-11-22',
    place: '活动室',
    reportDeadline: null,
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: started.reviews[0].reviewId, version: 1, ...completeContent('MEMBER'), submit: true });
}

/** Everything a plan stored for a campaign, with the campaign's id and its review's id and time taken out so two campaigns compare. */
function storedPlan(campaignId: string): Record<string, Data[]> {
  const review = [...(h.local.store.get('reviews')?.docs.values() ?? [])].find((x) => (x as Data).campaignId === campaignId) as Data;
  const out: Record<string, Data[]> = {};
  for (const name of ['requirements', 'units', 'counters']) {
    const docs = [...(h.local.store.get(name)?.docs.values() ?? [])].filter((x) => (x as Data).campaignId === campaignId);
    out[name] = docs
      .map((x) => JSON.parse(JSON.stringify(x).split(campaignId).join('CAMPAIGN').split(review._id).join('REVIEW').split(String(review.submittedAt)).join('"SUBMITTED"')))
      .sort((a, b) => (a._id < b._id ? -1 : 1));
  }
  return out;
}

describe('a full plan in many small slices', () => {
  beforeAll(async () => {
    d = await buildSeed000(h, 30);
    h.clock.set('2026-11-22T10:00+08:00');
  });

  it('when a campaign is planned in slices of one request, no time and windows of 5 documents, then it stores exactly what one slice stores for a twin campaign', async () => {
    // Arrange: two campaigns alike, each with a review submitted before its plan.
    const { planSlice } = jest.requireActual('../src/plan/plan') as { planSlice: typeof PlanSlice };
    const db = testDb();
    const one = await h.ok(d.users.admin, 'campaign.create', { name: '第二期点评', start: '2026-10-01', end: '2026-12-31' });
    const many = await h.ok(d.users.admin, 'campaign.create', { name: '第二期点评', start: '2026-10-01', end: '2026-12-31' });
    await reviewBeforePlan(one.id);
    await reviewBeforePlan(many.id);
    const docOf = async (id: string) => ((await db.collection('campaigns').doc(id).get()) as unknown as { data: Parameters<typeof PlanSlice>[1] }).data;
    const now = h.clock.now();

    // Act
    const single = await planSlice(db, await docOf(one.id), now);
    const slices: Array<Awaited<ReturnType<typeof PlanSlice>>> = [];
    for (let i = 0; i < 500; i++) {
      const slice = await planSlice(db, await docOf(many.id), now, { budget: 1, cloudMs: 0, window: 5 });
      slices.push(slice);
      if (slice.state === 'DONE') break;
    }
    const last = slices[slices.length - 1];

    // Assert
    expect(single.state).toBe('DONE');
    expect(last.state).toBe('DONE');
    expect(slices.length).toBeGreaterThan(20);
    const a = storedPlan(one.id);
    const b = storedPlan(many.id);
    expect(a.requirements.length).toBeGreaterThan(50);
    expect(a.requirements.filter((r) => r.done).length).toBe(1);
    expect(b).toEqual(a);
    const counts = (r: Data) => ({ requirements: r.requirements, done: r.done, units: r.units, orgs: r.orgs, waived: r.waived, vacancies: r.vacancies, rules: r.rules });
    expect(counts(last.result)).toEqual(counts(single.result));
  });
});
