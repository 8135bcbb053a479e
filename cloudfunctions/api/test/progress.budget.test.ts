/**
 * Round trips of the progress calls do not grow with the tenant: the same calls on seed 000 with
 * 20 members and with ~2,000 members cost exactly the same database requests.
 */
import { requestCounter, type CounterSnapshot } from '../../../local/src/testing';
import { apiHarness, type Data, type District } from './harness';
import { commit } from '../src/repositories/commit';
import { completionWrites } from '../src/shared/progress-counters';
import { buildSeed000, oracle, oracleTree, testDb } from './progress.support';

const h = apiHarness();

interface Costs {
  get: CounterSnapshot;
  getBranch: CounterSnapshot;
  gaps: CounterSnapshot;
  submit: CounterSnapshot;
  completion: CounterSnapshot;
  completionReads: CounterSnapshot;
  writes: number;
  rows: Data;
}

async function measure(extra: number): Promise<{ d: District; costs: Costs }> {
  h.local.reset();
  const d = await buildSeed000(h, extra);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  const ref = { campaignId: d.campaignId, orgId: d.org.gw };
  const get = await h.trips(d.users.committeeSecretary, 'progress.get', ref);
  const getBranch = await h.trips(d.users.committeeSecretary, 'progress.get', { ...ref, orgId: d.org.zx });
  const gaps = await h.trips(d.users.committeeSecretary, 'progress.gaps', ref);
  const submit = await h.trips(d.users.committeeSecretary, 'progress.submit', ref);
  requestCounter.reset();
  const now = h.clock.now();
  const writes = await completionWrites(testDb(), { campaignId: d.campaignId, reviewerId: d.person.s1, targetKind: 'MEMBER', targetId: d.person.s3, reviewedAt: now, reviewId: `rev-${extra}`, now });
  const reads = requestCounter.snapshot();
  await commit(testDb(), writes, { tenantId: d.tenantId, actorOpenid: 'o-test', actorPersonId: null, action: 'test.complete', now, recordId: `o-test:budget${extra}`, fingerprint: '', anonymous: false, reply: null });
  const completion = requestCounter.snapshot();
  for (const r of [get, getBranch, gaps, submit]) expect(r.reply.ok).toBe(true);
  return { d, costs: { get: get.counts, getBranch: getBranch.counts, gaps: gaps.counts, submit: submit.counts, completion, completionReads: reads, writes: writes.length, rows: get.reply.ok ? get.reply.data.rows : null } };
}

describe('progress round trips at two tenant sizes', () => {
  let small: Costs;
  let large: Costs;
  let largeDistrict: District;

  beforeAll(async () => {
    small = (await measure(0)).costs;
    const l = await measure(1980);
    large = l.costs;
    largeDistrict = l.d;
  }, 120_000);

  it('when the tenant grows from 20 to ~2,000 members, then progress.get costs the same requests (and at most 7)', () => {
    expect(large.get.byKey).toEqual(small.get.byKey);
    expect(large.getBranch.byKey).toEqual(small.getBranch.byKey);
    // 7 since the dashboard opens with this one call: its coverage-over-time chart reads the org's reports too.
    expect(small.get.total).toBeLessThanOrEqual(7);
  });

  it('when the tenant grows, then progress.gaps and progress.submit cost the same requests', () => {
    expect(large.gaps.byKey).toEqual(small.gaps.byKey);
    expect(large.submit.byKey).toEqual(small.submit.byKey);
  });

  it('when the tenant grows, then recording a completion costs the same requests (≤ 4 reads outside the transaction)', () => {
    expect(large.completion.byKey).toEqual(small.completion.byKey);
    expect(small.completionReads.total).toBeLessThanOrEqual(4);
    expect(small.completion.byAction.startTransaction).toBe(1);
    // requirement, target unit, reviewer's unit, counters of the row org and its one ancestor (depth 1)
    expect(small.writes).toBe(5);
    expect(large.writes).toBe(small.writes);
  });

  it('when the large tenant is read, then its table still equals the oracle and counts the extra members', () => {
    const want = oracle(h, largeDistrict, oracleTree(largeDistrict, 1980), largeDistrict.org.gw, h.clock.now(), null);
    expect(large.rows[0].required).toEqual(want.rows[0].required);
    expect(large.rows[0].required.members).toBe(20 + 1980);
  });
});
