/**
 * The plan job (docs/design-progress.md): the domain's required reviews, coverage units and per-org
 * counters of a campaign's current cycles, materialised in bulk, alone per campaign (a lock).
 */
import { ReviewRuleSchema, type ReviewRule } from '../../../../miniprogram/core/contracts/review';
import { addCounts, coverageUnits, ownRows, rollUp, UNIT_FIELD, zeroCounts } from '../../../../miniprogram/core/domain/coverage';
import type { Counts } from '../../../../miniprogram/core/contracts/campaign';
import { currentCycles } from '../../../../miniprogram/core/domain/cycles';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { matchKey, matchReview, requiredReviews, requirementIndex, VACANCY_LABELS } from '../../../../miniprogram/core/domain/required';
import { indexTree, type OrgTree } from '../../../../miniprogram/core/domain/tree';
import type { Db } from '../frame/db';
import { AppError } from '../frame/errors';
import { isDuplicateKey } from '../frame/uow';
import { campaignOf, type CampaignDoc, type OrgDoc } from '../repositories/docs';
import { doneRequirements, getCounter, reviewSubmittedSince, setPlanProgress, submittedReviewsSince, listCounters, planLockTime, putCounter, releasePlanLock, removeCounter, replacePendingRequirements, replaceUnits, takePlanLock } from '../repositories/progress';
import { counterId, planIdOf, requirementId, unitId, type CounterDoc, type CounterPart } from '../repositories/progress-docs';
import { orgOf, personOf } from '../repositories/reach';
import { getTenant, listOrgs, listPersons } from '../repositories/store';

export interface LoadedTree {
  tree: OrgTree;
  orgDocs: Map<string, OrgDoc>;
}

/** Reads the tenant's whole roster (paged) and indexes it with the domain's tree rules. */
export async function loadTree(db: Db, tenantId: string): Promise<LoadedTree> {
  const [tenant, orgs, persons] = await Promise.all([getTenant(db, tenantId), listOrgs(db, tenantId), listPersons(db, tenantId)]);
  if (!tenant) throw new AppError('TENANT.NOT_FOUND');
  const indexed = indexTree({
    tenant: { id: tenant._id, name: tenant.name, topReviewer: tenant.topReviewer ?? null },
    orgs: orgs.map(orgOf),
    persons: persons.map(personOf),
    liaisons: persons.flatMap((p) => p.liaisonOf.map((orgId) => ({ leaderId: p._id, orgId }))),
    assistances: tenant.assistances ?? [],
  });
  if (!indexed.ok) throw new AppError('ORG.TREE_INVALID', undefined, indexed.error.rows.map((r) => ({ path: r.path, message: r.message })));
  return { tree: indexed.value, orgDocs: new Map(orgs.map((o) => [o._id, o])) };
}

/** Reports how far the plan job has got (percent), for progress.get's "正在更新". */
export type Progress = (percent: number) => Promise<void>;

export interface PlanResult {
  planId: string;
  cycleKeys: string[];
  requirements: number;
  done: number;
  units: number;
  orgs: number;
  waived: number;
  /** Requirements per rule, with the rule's explanation. */
  rules: Array<{ rule: ReviewRule; ruleLabel: string; requirements: number }>;
  vacancies: Array<{ reason: string; label: string; orgId: string; leaderId?: string }>;
  /** Database requests of the job (reads and bulk writes), for the admin's and the bench's information. */
  trips: number;
}

/**
 * The plan job (O(n), admin-triggered): required reviews for the campaign's current cycles, their
 * coverage units and per-org counters, written in bulk outside the request's transaction (it is
 * idempotent: run it again to repair an interrupted run). Completions already recorded are kept by
 * requirement key; each org's event count (人次) and last report survive re-planning.
 */
/** The plan job; `loaded` is the tenant's tree when the caller has already read and checked it. */
export async function planCampaign(db: Db, campaignDoc: CampaignDoc, now: number, loaded?: LoadedTree, progress: Progress = async () => undefined): Promise<PlanResult> {
  const campaign = campaignOf(campaignDoc);
  const cycles = currentCycles(campaign, now);
  if (!cycles.ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能生成点评计划');
  const cycleKeys = cycles.value.map((c) => c.key);
  const planId = planIdOf(campaign.id, cycleKeys);
  const tenantId = campaign.tenantId;
  let trips = 0;

  const { tree, orgDocs } = loaded ?? (await loadTree(db, tenantId));
  trips += 1 + Math.ceil((orgDocs.size + 1) / 1000) + Math.ceil((tree.persons.size + 1) / 1000);
  const set = requiredReviews(tree, campaign, cycles.value);
  await progress(10);
  const [done, existing] = await Promise.all([doneRequirements(db, campaign.id, cycleKeys), listCounters(db, campaign.id)]);
  trips += Math.ceil((done.length + 1) / 1000) + Math.ceil((existing.length + 1) / 1000);
  const doneByKey = new Map(done.map((d) => [d.key, d]));
  const recorded = new Map(done.filter((d) => d.doneAt !== null).map((d) => [d.key, d.doneAt as number]));
  // Reviews submitted before the first plan, or while a requirement was briefly absent during a plan,
  // matched now by the domain's rule: never lost, and counted as done from when they were submitted.
  const earliest = Math.min(...cycles.value.map((c) => c.start));
  const reviews = await submittedReviewsSince(db, campaign.id, earliest);
  trips += Math.ceil((reviews.length + 1) / 1000);
  const index = requirementIndex(set.items);
  const matched = new Map<string, { doneAt: number; reviewId: string }>();
  for (const r of reviews) {
    if (r.additional) continue;
    const hit = matchReview(index, campaign, { reviewedAt: r.reviewedAt, reviewerId: r.reviewerId, targetKind: r.target.kind, targetId: r.targetKey });
    if (!hit || doneByKey.has(hit.key) || matched.has(hit.key)) continue;
    matched.set(hit.key, { doneAt: r.submittedAt ?? r.reviewedAt, reviewId: r._id });
  }
  const completions = new Map([...recorded, ...[...matched].map(([k, m]) => [k, m.doneAt] as const)]);
  const oldCounters = new Map(existing.map((c) => [c.orgId, c]));

  const rowPath = (orgId: string): string[] => {
    const o = orgDocs.get(orgId);
    return o ? [...o.path, orgId] : [orgId];
  };
  const externalNames = new Map(tree.assistances.map((a) => [a.targetOrgId, a.targetName]));
  const orgName = (id: string) => tree.orgs.get(id)?.name ?? externalNames.get(id) ?? id;
  const personName = (id: string) => tree.persons.get(id)?.name ?? id;

  // Requirements: pending ones of these cycles are rewritten; done ones are never touched.
  const reviewersOf = new Map<string, Array<{ id: string | null; name: string }>>();
  // The rules behind each unit (its target's requirements, or a leader's), so a gap can be explained.
  const rulesOf = new Map<string, Set<ReviewRule>>();
  const addRule = (unit: string, rule: ReviewRule) => rulesOf.set(unit, (rulesOf.get(unit) ?? new Set()).add(rule));
  const fresh: Array<Record<string, unknown>> = [];
  for (const item of set.items) {
    const target = `${item.targetKind === 'ORG' ? 'ORG' : 'MEMBER'}|${item.targetId}`;
    addRule(target, item.rule);
    if (item.reviewerId !== null) addRule(`LEADER|${item.reviewerId}`, item.rule);
    const list = reviewersOf.get(target) ?? [];
    const reviewer = item.reviewerId !== null ? { id: item.reviewerId, name: personName(item.reviewerId) } : item.externalReviewer ? { id: null, name: item.externalReviewer.name } : null;
    if (reviewer && !list.some((r) => r.id === reviewer.id && r.name === reviewer.name)) list.push(reviewer);
    reviewersOf.set(target, list);
    if (doneByKey.has(item.key)) continue;
    const hit = matched.get(item.key);
    fresh.push(
      JSON.parse(
        JSON.stringify({
          ...item,
          _id: requirementId(campaign.id, item.key),
          // Names as planned, so the office's list reads without a lookup per row.
          targetName: item.targetKind === 'ORG' ? orgName(item.targetId) : personName(item.targetId),
          reviewerName: item.reviewerId !== null ? personName(item.reviewerId) : (item.externalReviewer?.name ?? null),
          version: 1,
          tenantId,
          campaignId: campaign.id,
          planId,
          matchKey: item.reviewerId !== null || item.externalReviewer ? matchKey(item.cycleKey, item.reviewerId, item.targetKind, item.targetId) : null,
          orgPath: rowPath(item.orgId),
          reviewerRowPath: item.reviewerRowOrgId ? rowPath(item.reviewerRowOrgId) : [],
          done: hit !== undefined,
          doneAt: hit?.doneAt ?? null,
          reviewId: hit?.reviewId ?? null,
        }),
      ),
    );
  }
  trips += await replacePendingRequirements(db, campaign.id, cycleKeys, planId, fresh);
  await progress(50);

  // Units of this plan, from the domain's coverage rules.
  const units = coverageUnits(set.items, completions, now);
  const unitDocs = units.map((u) => ({
    _id: unitId(planId, u.kind, u.id),
    version: 1,
    tenantId,
    campaignId: campaign.id,
    planId,
    kind: u.kind,
    id: u.id,
    name: u.kind === 'ORG' ? orgName(u.id) : personName(u.id),
    rowOrgId: u.rowOrgId,
    rowOrgName: orgName(u.rowOrgId),
    rowPath: rowPath(u.rowOrgId),
    total: u.keys.length,
    done: u.keys.length - u.pendingKeys.length,
    complete: u.doneAt !== null,
    doneAt: u.doneAt,
    vacancies: u.vacancies,
    noReviewer: u.noReviewer,
    reviewers: u.kind === 'LEADER' ? [] : (reviewersOf.get(`${u.kind}|${u.id}`) ?? []).slice(0, 5),
    rules: [...(rulesOf.get(`${u.kind}|${u.id}`) ?? [])].sort(),
  }));
  trips += await replaceUnits(db, planId, unitDocs);
  await progress(70);

  // Counters: own from the units, events and the last report carried over, rolled up the tree.
  const own = ownRows(units, null);
  // Units completed only now, by re-matched reviews, are completion events (人次) their org has not counted.
  const before = matched.size ? new Set(coverageUnits(set.items, recorded, now).filter((u) => u.doneAt !== null).map((u) => `${u.kind}|${u.id}`)) : new Set<string>();
  const newEvents = new Map<string, Counts>();
  for (const u of matched.size ? units : []) {
    if (u.doneAt === null || before.has(`${u.kind}|${u.id}`)) continue;
    const c = newEvents.get(u.rowOrgId) ?? zeroCounts();
    c[UNIT_FIELD[u.kind]] += 1;
    newEvents.set(u.rowOrgId, c);
  }
  const ownPart = (orgId: string): CounterPart => {
    const row = own.get(orgId);
    const old = oldCounters.get(orgId);
    const completed = row ? { ...row.completed } : zeroCounts();
    // A new org starts with what is already complete counted once; an existing one keeps its tally.
    const events = old ? { ...old.own.events } : { ...completed };
    if (old && newEvents.has(orgId)) addCounts(events, newEvents.get(orgId)!);
    return { required: row ? { ...row.required } : zeroCounts(), completed, events };
  };
  const owns = new Map<string, CounterPart>();
  const rolled = rollUp<CounterPart>(
    tree,
    tree.rootId,
    (id) => {
      const o = ownPart(id);
      owns.set(id, o);
      return { required: { ...o.required }, completed: { ...o.completed }, events: { ...o.events } };
    },
    (into, from) => {
      addCounts(into.required, from.required);
      addCounts(into.completed, from.completed);
      addCounts(into.events, from.events);
    },
  );
  const counterDocs: CounterDoc[] = [];
  for (const [orgId, r] of rolled) {
    const org = tree.orgs.get(orgId)!;
    const old = oldCounters.get(orgId);
    counterDocs.push({
      _id: counterId(campaign.id, orgId),
      version: old ? old.version + 1 : 1,
      tenantId,
      campaignId: campaign.id,
      orgId,
      parentId: org.parentId,
      path: orgDocs.get(orgId)?.path ?? [],
      name: org.name,
      kind: org.kind,
      childCount: tree.children.get(orgId)?.length ?? 0,
      planId,
      cycleKeys,
      plannedAt: now,
      campaignVersion: campaignDoc.version,
      own: owns.get(orgId)!,
      rolled: r,
      lastReport: old?.lastReport ?? null,
    });
  }
  // One set per org keeps each counter whole at every moment (a crash never loses an org's tally).
  for (let i = 0; i < counterDocs.length; i += 50) {
    await Promise.all(counterDocs.slice(i, i + 50).map((doc) => putCounter(db, doc)));
  }
  trips += counterDocs.length + 3;
  for (const old of existing) {
    if (rolled.has(old.orgId)) continue;
    await removeCounter(db, old._id);
    trips++;
  }

  return {
    planId,
    cycleKeys,
    requirements: set.items.length,
    done: set.items.filter((i) => doneByKey.has(i.key) || matched.has(i.key)).length,
    units: unitDocs.length,
    orgs: counterDocs.length,
    waived: set.waived.length,
    rules: ReviewRuleSchema.options.map((rule) => ({ ...ruleView(rule), requirements: set.items.filter((i) => i.rule === rule).length })).filter((r) => r.requirements > 0),
    vacancies: set.vacancies.slice(0, 100).map((v) => ({ ...v, label: VACANCY_LABELS[v.reason] })),
    trips,
  };
}

/** Most runs of the plan job for one call: a review submitted while a run wrote could be missed by it, so the next run re-matches it. */
const SETTLE_RUNS = 3;

/**
 * The plan job, run again while reviews were submitted during it (after `now`): each run re-matches
 * every submitted review from scratch, so the last run's requirements, units and counters hold them all.
 */
export async function planSettled(db: Db, campaignDoc: CampaignDoc, now: number, loaded?: LoadedTree, progress?: Progress): Promise<PlanResult> {
  let result = await planCampaign(db, campaignDoc, now, loaded, progress);
  for (let run = 1; run < SETTLE_RUNS && (await reviewSubmittedSince(db, campaignDoc._id, now)); run++) {
    const again = await planCampaign(db, campaignDoc, now, loaded, progress);
    result = { ...again, trips: result.trips + again.trips + 1 };
  }
  return result;
}

/** How long a plan job may hold its campaign's lock before another run may break it (a crashed job). */
const LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_WAIT_MS = 30 * 1000;

/**
 * Runs the plan job alone for its campaign: two jobs interleaving their remove-then-add would fail
 * on each other's documents. A second call (a retry with the same requestId, a second admin) waits
 * for the first to finish and then runs again, which is idempotent.
 */
export async function withPlanLock<T>(db: Db, campaign: CampaignDoc, now: number, job: (progress: Progress) => Promise<T>): Promise<T> {
  const id = `${campaign._id}|lock`;
  const started = Date.now();
  for (;;) {
    try {
      await takePlanLock(db, id, { tenantId: campaign.tenantId, campaignId: campaign._id, lockedAt: now });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const lockedAt = await planLockTime(db, id);
      if (lockedAt !== null && lockedAt < now - LOCK_STALE_MS) await releasePlanLock(db, id);
      else if (Date.now() - started > LOCK_WAIT_MS) throw new AppError('PROGRESS.PLANNING');
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await job((percent) => setPlanProgress(db, id, percent));
  } finally {
    await releasePlanLock(db, id);
  }
}

/** An org's counter of a campaign's current plan, or PROGRESS.NOT_PLANNED (also for a campaign of another tenant). */
export async function plannedCounter(db: Db, campaignId: string, org: OrgDoc): Promise<CounterDoc> {
  const self = await getCounter(db, campaignId, org._id);
  if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
  return self;
}
