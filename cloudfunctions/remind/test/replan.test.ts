/**
 * Planning that keeps itself current (issue 13): a roster change is followed, with no manual call,
 * by the timer's re-plan, and the result equals the domain recomputed from scratch on the new roster.
 */
import { indexTree } from '../../../miniprogram/core/domain/tree';
import { registerFunction, resetTimers, runDueTimers, timerTriggers, type CloudMain } from '../../../local/src/services';
import { apiHarness, type Data, type District } from '../../api/test/harness';
import { buildSeed000, complete, oracle, oracleItems, oracleTree, testDb } from '../../api/test/progress.support';
import { completeContent } from '../../api/test/work.support';

const h = apiHarness();
// eslint-disable-next-line @typescript-eslint/no-require-imports
registerFunction('remind', (require('../src/index') as { main: CloudMain }).main);
const TRIGGERS = timerTriggers().filter((t) => t.functionName === 'remind');

let d: District;

async function fireUntil(at: string) {
  h.clock.set(at);
  return runDueTimers({ triggers: TRIGGERS });
}

interface StoredRequirement {
  key: string;
  campaignId: string;
  superseded?: boolean;
}
const storedKeys = () =>
  ([...(h.local.store.get('requirements')?.docs.values() ?? [])] as unknown as StoredRequirement[])
    .filter((r) => r.campaignId === d.campaignId && !r.superseded)
    .map((r) => r.key)
    .sort();

describe('re-planning on the timer', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  it('when a member moves to another branch, then the next firing re-plans and requirements and progress equal the domain from scratch', async () => {
    // Arrange: planned by the timer, one review done, then 钱军 (s4) moves from 实验小学 to 中学第一党支部.
    d = await buildSeed000(h);
    h.clock.set('2026-11-21T10:00+08:00');
    resetTimers();
    await fireUntil('2026-11-21T10:10+08:00');
    await complete(d, 's1', 'MEMBER', 's3');
    const s4 = h.local.store.get('persons')?.docs.get(d.person.s4) as { version: number };
    await h.ok(d.users.admin, 'person.move', { personId: d.person.s4, version: s4.version, orgId: d.org.zb1 });
    const stale = await h.ok(d.users.admin, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(stale.stale).toBe(true);
    expect(stale.updating).toEqual({ percent: 0, stalled: false, message: '正在更新 0%' });
    expect(stale.staleReasons[0].message).toContain('正在更新');

    // Act: no manual campaign.plan; the timer fires.
    const fired = await fireUntil('2026-11-21T10:20+08:00');

    // Assert
    expect((fired[0].outcome as Data).result.replanned).toEqual([expect.objectContaining({ reasons: ['ROSTER_CHANGED'] })]);
    const base = oracleTree(d);
    const moved = indexTree({
      tenant: { id: 't000', name: base.tenant.name, topReviewer: base.tenant.topReviewer },
      orgs: [...base.orgs.values()],
      persons: [...base.persons.values()].map((p) => (p.id === d.person.s4 ? { ...p, orgId: d.org.zb1 } : p)),
      liaisons: [...base.liaisons],
      assistances: [],
    });
    if (!moved.ok) throw new Error('tree');
    const tree = moved.value;
    expect(storedKeys()).toEqual(oracleItems(d, tree, h.clock.now()).map((i) => i.key).sort());
    const got = await h.ok(d.users.admin, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    const want = oracle(h, d, tree, d.org.gw, h.clock.now(), null);
    expect(got.stale).toBe(false);
    expect(got.updating).toBeNull();
    for (const row of got.rows) {
      const w = want.rows.find((r) => r.orgId === row.orgId)!;
      expect({ org: row.name, required: row.required, completed: row.completed }).toEqual({ org: w.name, required: w.required, completed: w.completed });
    }
  });

  it('when nothing changed since the last plan, then a firing does not re-plan', async () => {
    // Act
    const fired = await fireUntil('2026-11-21T10:30+08:00');

    // Assert
    expect((fired[0].outcome as Data).result.replanned).toEqual([]);
  });
});

describe('plan progress', () => {
  it('when a full plan runs in small slices, then each slice reports a higher percent on the job and nothing once it is done', async () => {
    // Arrange: a campaign change makes the plan stale (a full plan, not an incremental one).
    const { planSlice } = jest.requireActual('../../api/src/plan/plan') as typeof import('../../api/src/plan/plan');
    const { planJobPercent } = jest.requireActual('../../api/src/repositories/progress') as typeof import('../../api/src/repositories/progress');
    const db = testDb();
    const campaign = (await db.collection('campaigns').doc(d.campaignId).get()) as unknown as { data: Parameters<typeof planSlice>[1] };
    const seen: Array<number | null> = [];

    // Act: slices of 14 requests each until done.
    for (let i = 0; i < 50; i++) {
      const slice = await planSlice(db, campaign.data, h.clock.now(), { budget: 14 });
      if (slice.state === 'DONE') break;
      seen.push(await planJobPercent(db, d.campaignId));
    }

    // Assert
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect([...seen].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(seen);
    expect(seen.every((p) => p !== null && p > 0 && p < 100)).toBe(true);
    expect(await planJobPercent(db, d.campaignId)).toBeNull();
  });
});

describe('reviews before the first plan', () => {
  it('when a review is submitted before any plan, then the timer plan matches it: its requirement is done and progress counts it as the domain does', async () => {
    // Arrange: a fresh campaign in the same tenant, a review of 李娜 by 吴敏 submitted before it is planned.
    h.clock.set('2026-11-22T10:00+08:00');
    resetTimers();
    const campaign = await h.ok(d.users.admin, 'campaign.create', { name: '第二期点评', start: '2026-10-01', end: '2026-12-31' });
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: campaign.id,
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

    // Act
    await fireUntil('2026-11-22T10:10+08:00');

    // Assert
    const stored = ([...(h.local.store.get('requirements')?.docs.values() ?? [])] as unknown as Array<{ campaignId: string; reviewerId: string; targetId: string; targetKind: string; done: boolean; reviewId: string | null }>).filter(
      (r) => r.campaignId === campaign.id && r.reviewerId === d.person.s1 && r.targetId === d.person.s3 && r.targetKind === 'MEMBER',
    );
    expect(stored.map((r) => ({ done: r.done, reviewId: r.reviewId }))).toEqual([{ done: true, reviewId: started.reviews[0].reviewId }]);
    const got = await h.ok(d.users.admin, 'progress.get', { campaignId: campaign.id, orgId: d.org.xx1 });
    expect(got.rows[0].completed.members).toBeGreaterThanOrEqual(1);
    expect(got.rows[0].cumulative.members).toBe(got.rows[0].completed.members);
  });
});
