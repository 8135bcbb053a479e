/**
 * Planning that keeps itself current, incremental and sliced (issue 13): roster changes re-planned by
 * the timer alone equal the domain recomputed from scratch; a person move and a secretary change cost
 * at most 30 requests; a full plan too large for one slice completes over several firings, no slice
 * above its budget; a review submitted while a plan runs is counted.
 */
import fc from 'fast-check';
import { coverageUnits, ownRows, rollUp } from '../../../miniprogram/core/domain/coverage';
import { currentCycles } from '../../../miniprogram/core/domain/cycles';
import { requiredReviews } from '../../../miniprogram/core/domain/required';
import { registerFunction, resetTimers, runDueTimers, timerTriggers, type CloudMain } from '../../../local/src/services';
import { requestCounter } from '../../../local/src/testing';
import { apiHarness, type Data, type District } from '../../api/test/harness';
import { buildSeed000, complete, testDb } from '../../api/test/progress.support';
import { campaignOf, type CampaignDoc } from '../../api/src/repositories/docs';
import { loadTree } from '../../api/src/plan/plan';
import { replanDirty } from '../src/replan';

const h = apiHarness();
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerFunction('remind', (require('../src/index') as { main: CloudMain }).main);
const TRIGGERS = timerTriggers().filter((t) => t.functionName === 'remind');

let d: District;
type Doc = Record<string, unknown>;
const docs = (collection: string) => [...(h.local.store.get(collection)?.docs.values() ?? [])] as unknown as Doc[];
const stored = (collection: string, id: string) => h.local.store.get(collection)?.docs.get(id) as unknown as Doc;

async function campaignDoc(id = d.campaignId): Promise<CampaignDoc> {
  return ((await testDb().collection('campaigns').doc(id).get()) as unknown as { data: CampaignDoc }).data;
}

/** Fires the timer every 10 minutes until a firing has nothing left to re-plan; returns what each firing did. */
async function fireUntilSettled(): Promise<Data[][]> {
  const seen: Data[][] = [];
  for (let i = 0; i < 30; i++) {
    h.clock.advance('10m');
    const fired = await runDueTimers({ triggers: TRIGGERS });
    const replanned = (fired[0].outcome as Data).result.replanned as Data[];
    if (!replanned.length) return seen;
    seen.push(replanned);
  }
  throw new Error('the timer never settled');
}

/** Stored requirements, units and counters of the campaign against the domain recomputed from the stored roster and completions. */
async function expectPlanEqualsDomain(campaignId = d.campaignId): Promise<void> {
  const now = h.clock.now();
  const db = testDb();
  const { tree } = await loadTree(db, d.tenantId);
  const campaign = campaignOf(await campaignDoc(campaignId));
  const cycles = currentCycles(campaign, now);
  if (!cycles.ok) throw new Error(cycles.error.code);
  const set = requiredReviews(tree, campaign, cycles.value);
  const cycleKeys = cycles.value.map((c) => c.key);
  const planId = `${campaignId}|${cycleKeys.join('+')}`;
  const reqs = docs('requirements').filter((r) => r.campaignId === campaignId && cycleKeys.includes(r.cycleKey as string) && !r.superseded);
  const byKey = new Map(reqs.map((r) => [r.key as string, r]));
  const view = (r: Doc) => ({ key: r.key, orgId: r.orgId, fromOrgId: r.fromOrgId, reviewerId: r.reviewerId, reviewerRowOrgId: r.reviewerRowOrgId, vacancy: r.vacancy ?? null, hint: r.hint ?? null });
  // Every required review is stored as the domain says; nothing pending is stored that is not required.
  expect(set.items.map((i) => view(byKey.get(i.key) ?? { key: i.key }))).toEqual(set.items.map((i) => view(i as unknown as Doc)));
  const required = new Set(set.items.map((i) => i.key));
  expect(reqs.filter((r) => !r.done && !required.has(r.key as string)).map((r) => r.key)).toEqual([]);

  const completions = new Map(reqs.filter((r) => r.done && r.doneAt !== null).map((r) => [r.key as string, r.doneAt as number]));
  const units = coverageUnits(set.items, completions, now);
  const storedUnits = docs('units').filter((u) => u.planId === planId);
  const unitView = (u: { kind: unknown; id: unknown; rowOrgId: unknown; total: number; done: number; complete: boolean }) => `${u.kind}|${u.id}|${u.rowOrgId}|${u.total}|${u.done}|${u.complete}`;
  expect(storedUnits.map((u) => unitView(u as never)).sort()).toEqual(units.map((u) => unitView({ ...u, total: u.keys.length, done: u.keys.length - u.pendingKeys.length, complete: u.doneAt !== null })).sort());

  const own = ownRows(units, null);
  const rolled = rollUp(
    tree,
    tree.rootId,
    (id) => ({ required: { ...(own.get(id)?.required ?? { leaders: 0, orgs: 0, members: 0 }) }, completed: { ...(own.get(id)?.completed ?? { leaders: 0, orgs: 0, members: 0 }) } }),
    (into, from) => {
      for (const k of ['leaders', 'orgs', 'members'] as const) {
        into.required[k] += from.required[k];
        into.completed[k] += from.completed[k];
      }
    },
  );
  const counters = docs('counters').filter((c) => c.campaignId === campaignId);
  const counterView = (orgId: string, r: unknown) => ({ orgId, ...(r as object) });
  expect(counters.map((c) => counterView(c.orgId as string, { required: (c.rolled as Data).required, completed: (c.rolled as Data).completed })).sort((a, b) => a.orgId.localeCompare(b.orgId))).toEqual(
    [...rolled].map(([orgId, r]) => counterView(orgId, r)).sort((a, b) => a.orgId.localeCompare(b.orgId)),
  );
  expect(counters.every((c) => c.planId === planId)).toBe(true);
}

/** Requests of one timer step for the campaign (the remind function's own code), counted by the local cloud. */
async function timerTrips(): Promise<{ trips: number; mode: string }> {
  h.clock.advance('1m');
  const campaign = await campaignDoc();
  requestCounter.reset();
  const done = await replanDirty(testDb(), [campaign], h.clock.now(), () => false);
  const trips = requestCounter.snapshot().total;
  expect(done).toHaveLength(1);
  return { trips, mode: done[0].mode };
}

const version = (collection: string, id: string) => stored(collection, id).version as number;

beforeAll(async () => {
  d = await buildSeed000(h, 40);
  h.clock.set('2026-11-21T10:00+08:00');
  resetTimers();
  await fireUntilSettled();
});
afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

describe('incremental re-plan', () => {
  it('when a member moves to another branch, then the timer re-plans incrementally in at most 30 requests and the plan equals the domain', async () => {
    // Arrange
    await complete(d, 's1', 'MEMBER', 's3');
    await h.ok(d.users.admin, 'person.move', { personId: d.person.s4, version: version('persons', d.person.s4), orgId: d.org.zb1 });

    // Act
    const step = await timerTrips();

    // Assert
    expect(step.mode).toBe('INCREMENTAL');
    expect(step.trips).toBeLessThanOrEqual(30);
    await expectPlanEqualsDomain();
  });

  it('when a branch gets another secretary, then the timer re-plans incrementally in at most 30 requests and the plan equals the domain', async () => {
    // Arrange: 李娜 (s3) becomes secretary of 实验小学党支部 in place of 吴敏.
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: d.org.xx1, version: version('orgs', d.org.xx1), personId: d.person.s3 });

    // Act
    const step = await timerTrips();

    // Assert
    expect(step.mode).toBe('INCREMENTAL');
    expect(step.trips).toBeLessThanOrEqual(30);
    await expectPlanEqualsDomain();
  });

  it('when random roster changes (moves, secretaries, committees, liaisons, creates, retires, updates) are made, then after the timer alone the plan equals the domain', async () => {
    const activeOrgs = () => docs('orgs').filter((o) => o.tenantId === d.tenantId && !o.retired);
    const activePersons = () => docs('persons').filter((p) => p.tenantId === d.tenantId && !p.left);
    const pick = <T>(xs: T[], n: number) => xs[n % xs.length];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('secretary' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('committee' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('liaison' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('unliaison' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('create' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('retire' as const), a: fc.nat(), b: fc.nat() }),
      fc.record({ kind: fc.constant('update' as const), a: fc.nat(), b: fc.nat() }),
    );
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        for (const o of ops) {
          const orgs = activeOrgs();
          const persons = activePersons();
          const org = pick(orgs, o.a) as Doc & { _id: string; kind: string };
          const person = pick(persons, o.b) as Doc & { _id: string; liaisonOf: string[] };
          const inOrg = persons.filter((p) => p.orgId === org._id);
          // A refused change (a rule of the roster) changes nothing: the plan must still equal the domain.
          if (o.kind === 'move') await h.call(d.users.admin, 'person.move', { personId: person._id, version: person.version, orgId: org._id });
          if (o.kind === 'secretary' && org.kind !== 'GROUP') await h.call(d.users.admin, 'org.assignSecretary', { orgId: org._id, version: org.version, personId: inOrg.length ? (pick(inOrg, o.b)._id as string) : null });
          if (o.kind === 'committee' && org.kind !== 'GROUP') await h.call(d.users.admin, 'org.setCommittee', { orgId: org._id, version: org.version, personIds: inOrg.slice(o.b % 3, (o.b % 3) + 2).map((p) => p._id) });
          if (o.kind === 'liaison') await h.call(d.users.admin, 'liaison.assign', { leaderId: person._id, orgId: org._id });
          if (o.kind === 'unliaison' && person.liaisonOf.length) await h.call(d.users.admin, 'liaison.remove', { leaderId: person._id, orgId: pick(person.liaisonOf, o.a) });
          if (o.kind === 'create') await h.call(d.users.admin, 'person.create', { orgId: org._id, name: `新党员${++seq}`, unitAndPost: '教师', isMember: true });
          if (o.kind === 'retire') await h.call(d.users.admin, 'person.retire', { personId: person._id, version: person.version });
          if (o.kind === 'update') await h.call(d.users.admin, 'person.update', { personId: person._id, version: person.version, name: `改名${++seq}`, isMember: o.a % 4 !== 0 });
        }
        await fireUntilSettled();
        await expectPlanEqualsDomain();
      }),
      { numRuns: 12, seed: 13 },
    );
  });
});

describe('sliced full plan', () => {
  afterEach(() => {
    delete process.env.PLAN_SLICE_TRIPS;
  });

  it('when a full plan needs several slices, then the timer completes it over several firings, no slice above its budget, percent rising', async () => {
    // Arrange: a new campaign, never planned; slices of 13 requests.
    const { id } = await h.ok(d.users.admin, 'campaign.create', { name: '分片点评', start: '2026-10-01', end: '2026-12-31' });
    const percents: number[] = [];
    const trips: number[] = [];

    // Act: the timer's own step, as each firing runs it, counted by the local cloud.
    for (let i = 0; i < 40; i++) {
      h.clock.advance('10m');
      const campaign = await campaignDoc(id);
      requestCounter.reset();
      const [step] = await replanDirty(testDb(), [campaign], h.clock.now(), () => false, 13);
      trips.push(requestCounter.snapshot().total);
      if (!step) break;
      expect(step.mode).toBe('FULL');
      percents.push(step.percent);
      if (step.finished) break;
    }

    // Assert: several slices, each within 13 requests plus the timer's 2 reads of the job and the root counter.
    expect(percents.length).toBeGreaterThanOrEqual(3);
    expect(percents[percents.length - 1]).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(Math.max(...trips)).toBeLessThanOrEqual(13 + 2);
    await expectPlanEqualsDomain(id);
  });

  it('when a review is submitted while a sliced plan runs, then it is counted once the plan completes', async () => {
    // Arrange: the timer caught up; a new campaign; the timer (slices of 13 requests) has run one slice.
    await runDueTimers({ triggers: TRIGGERS });
    const { id } = await h.ok(d.users.admin, 'campaign.create', { name: '分片点评二', start: '2026-10-01', end: '2026-12-31' });
    process.env.PLAN_SLICE_TRIPS = '13';
    h.clock.advance('10m');
    await runDueTimers({ triggers: TRIGGERS });
    expect(stored('plans', `${id}|job`).phase).not.toBe('DONE');

    // Act: a member's requirement completed in the middle of the job, then the timer alone finishes.
    const keyOf = (pid: unknown) => Object.entries(d.person).find(([, v]) => v === pid)?.[0];
    const pending = docs('requirements').find((r) => r.campaignId === id && !r.done && r.targetKind === 'MEMBER' && keyOf(r.reviewerId) && keyOf(r.targetId))!;
    await complete({ ...d, campaignId: id }, keyOf(pending.reviewerId)!, 'MEMBER', keyOf(pending.targetId)!);
    await fireUntilSettled();

    // Assert
    expect(stored('requirements', pending._id as string).done).toBe(true);
    const unit = docs('units').find((u) => u.campaignId === id && u.kind === 'MEMBER' && u.id === pending.targetId)!;
    expect(unit.complete).toBe(true);
    await expectPlanEqualsDomain(id);
  });
});
