/**
 * The plan job (docs/design-progress.md): the domain's required reviews, coverage units and per-org
 * counters of a campaign's current cycles, materialised as the difference from what is stored, in
 * slices of at most SLICE_TRIPS requests, one slice at a time per campaign (a lease on the job).
 */
import type { Campaign } from '../../../../miniprogram/core/contracts/campaign';
import { ReviewRuleSchema, type ReviewRule } from '../../../../miniprogram/core/contracts/review';
import { addCounts, coverageUnits, ownRows, rollUp, zeroCounts, type CoverageUnit } from '../../../../miniprogram/core/domain/coverage';
import { currentCycles } from '../../../../miniprogram/core/domain/cycles';
import { assistedNames, ruleView } from '../../../../miniprogram/core/domain/reach';
import { matchReview, requiredReviews, requirementIndex, VACANCY_LABELS, type RequiredReview, type RequiredReviewSet } from '../../../../miniprogram/core/domain/required';
import { indexTree, type OrgTree } from '../../../../miniprogram/core/domain/tree';
import type { Db } from '../frame/db';
import { AppError } from '../frame/errors';
import { metered, type Meter } from '../frame/trips';
import { COL } from '../repositories/collections';
import { campaignOf, type CampaignDoc, type OrgDoc } from '../repositories/docs';
import { addMany, removeByIds, requirementsPageAfter, saveJob, stampCounters, supersedeOthers, takeJobLease, unitsPageAfter, updateIds, type PlanJobDoc, type PlanPhase } from '../repositories/plan-job';
import { BULK, doneRequirements, getCounter, listCounters, putPlan, reviewSubmittedSince, submittedReviewsSince } from '../repositories/progress';
import { counterId, planIdOf, requirementId, unitId, type CounterDoc, type CounterPart, type RequirementDoc } from '../repositories/progress-docs';
import type { ReviewDoc } from '../repositories/work-docs';
import { canon, diffDocs, eventsFound, groupIncrements, figureIncrements, requirementDocs, targetUnitOf, unitDocs, type Naming } from './plan-state';
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
  /** Database requests of the job so far (every request, counted as it is sent). */
  trips: number;
}

/** Most round trips one slice of the plan job makes: at 20 ms a trip, 20 s — a third of the cloud function's timeout. */
export const SLICE_TRIPS = 1000;
/**
 * Writes a slice may always make after its reads, whatever its budget: enough for the stamp (two writes
 * and a read) or one window of the diff (WINDOW_REQUESTS). Without it, a slice whose reads alone use up its budget writes nothing, and every next
 * slice reads the same and stops at the same place (a livelock, seen at about 300,000 members).
 */
export const MIN_SLICE_WRITES = 3;
/** A request on the real cloud, for a slice's projected time (docs/design-progress.md, "Figures"). */
export const TRIP_MS = 20;
/**
 * Most projected cloud time a slice spends (its own time + TRIP_MS a request): a sixth of the api and
 * remind functions' 60 s timeout, so a call may run a few and still answer well inside it.
 */
export const SLICE_CLOUD_MS = 10_000;
/** Most heap a slice may add while it writes (after its reads): under the 256 MB a run gets on the basic quota. */
export const SLICE_HEAP_BYTES = 200 * 1024 * 1024;
/** Requests of one window of the diff: its page read, one remove and one add (a window holds at most BULK documents). */
const WINDOW_REQUESTS = 3;
/** A slice's lease: long enough for any slice, short enough that a crashed one is taken over soon. */
const LEASE_MS = 5 * 60 * 1000;
/** Passes over the phases when reviews keep landing while a pass writes (each re-matches them). */
const MAX_PASSES = 3;
const PHASE_BASE: Record<PlanPhase, number> = { REQUIREMENTS: 10, UNITS: 50, COUNTERS: 80, STAMP: 98, DONE: 100 };
const PHASE_SPAN: Record<PlanPhase, number> = { REQUIREMENTS: 40, UNITS: 30, COUNTERS: 18, STAMP: 1, DONE: 0 };

/** What one slice did. */
export interface SliceOutcome {
  /** BUSY: another slice holds the job's lease. */
  state: 'DONE' | 'RUNNING' | 'BUSY';
  percent: number;
  /** Requests this slice made. */
  trips: number;
  /** The plan as computed by this slice (null when BUSY). */
  result: PlanResult | null;
}

type Op = { run: () => Promise<void>; matched?: string[] };

/** Bounds of one slice (defaults SLICE_TRIPS, SLICE_CLOUD_MS, SLICE_HEAP_BYTES); tests force tiny ones. */
export interface SliceOptions {
  /** Most requests. */
  budget?: number;
  /** Most projected cloud time: ownMs() + TRIP_MS a request. */
  cloudMs?: number;
  /** Most heap the writes add (after the reads). */
  heapBytes?: number;
  /** The slice's own time so far (default: this process's CPU time since it began; a benchmark leaves out the emulator's). */
  ownMs?: () => number;
  /** Documents of each side in one window of the diff (default and most: BULK, so a window is WINDOW_REQUESTS). */
  window?: number;
  loaded?: LoadedTree;
}

/**
 * One slice of the full plan job (docs/design-progress.md, "Plan job, sliced"): reads the roster, the done
 * requirements and the submitted reviews, computes with the domain what should be stored, and writes the
 * difference — pending requirements, then units (both window by window from the job's `_id` cursor), then
 * counters (by increments, so completions counted meanwhile are kept), then the stamp that makes the plan
 * current — stopping before its requests, projected cloud time or written heap pass their bounds
 * (SliceOptions). The next slice (the next
 * timer firing, or the next call) reads again and goes on where the difference still is, so a crashed
 * or interrupted slice needs no repair. Starts a new job when none is running.
 */
export async function planSlice(raw: Db, campaignDoc: CampaignDoc, now: number, options: SliceOptions = {}): Promise<SliceOutcome> {
  // The slice's own time is its CPU time: its wall time on the platform is that plus the requests' latency (TRIP_MS
  // each, counted apart), and CPU time does not grow when the machine is shared with other work.
  const cpuAtStart = cpuMs();
  const ownMs = options.ownMs ?? (() => cpuMs() - cpuAtStart);
  const cloudMs = options.cloudMs ?? SLICE_CLOUD_MS;
  const heapBytes = options.heapBytes ?? SLICE_HEAP_BYTES;
  const windowSize = Math.min(options.window ?? BULK, BULK);
  const meter: Meter = { used: 0, budget: options.budget ?? SLICE_TRIPS };
  const db = metered(raw, meter);
  const campaign = campaignOf(campaignDoc);
  const cycles = currentCycles(campaign, now);
  if (!cycles.ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能生成点评计划');
  const cycleKeys = cycles.value.map((c) => c.key);
  const planId = planIdOf(campaign.id, cycleKeys);
  const tenantId = campaign.tenantId;
  const fresh = (): Omit<PlanJobDoc, '_id' | 'leaseUntil'> => ({
    tenantId,
    campaignId: campaign.id,
    jobId: `${campaign.id}@${now}`,
    startedAt: now,
    cycleKeys,
    campaignVersion: campaignDoc.version,
    phase: 'REQUIREMENTS',
    phaseDone: 0,
    phaseTotal: 0,
    percent: 0,
    passes: 0,
    slices: 0,
    trips: 0,
    events: {},
  });
  const taken = await takeJobLease(db, fresh(), now, LEASE_MS);
  if (!taken) return { state: 'BUSY', percent: 0, trips: meter.used, result: null };
  // A finished job is followed by a new one; a running one goes on, aiming at today's cycles and campaign.
  let job: PlanJobDoc = taken.phase === 'DONE' ? { ...taken, ...fresh() } : { ...taken, cycleKeys, campaignVersion: campaignDoc.version };
  // Where the job stood: a slice that leaves it elsewhere made progress (progress.get tells a stalled job by it).
  const cursor = (j: PlanJobDoc) => `${j.jobId}|${j.passes}|${j.phase}|${j.phaseDone}|${j.after ?? ''}`;
  const before = taken.phase === 'DONE' ? '' : cursor(taken);
  try {
    const { tree, orgDocs } = options.loaded ?? (await loadTree(db, tenantId));
    // Only the done requirements are read whole: the pending ones are compared window by window below.
    const [done, reviews] = await Promise.all([doneRequirements(db, campaign.id, cycleKeys), submittedReviewsSince(db, campaign.id, Math.min(...cycles.value.map((c) => c.start)))]);
    const set = requiredReviews(tree, campaign, cycles.value);
    const doneKeys = new Set(done.map((d) => d.key));
    const recorded = new Map(done.filter((d) => d.doneAt !== null).map((d) => [d.key, d.doneAt as number]));
    // Reviews submitted before the first plan, or while their requirement was being rewritten, matched by the domain's rule.
    const matched = matchReviews(set.items, campaign, reviews, doneKeys, usedReviewIds(done));
    const completions = new Map([...recorded, ...[...matched].map(([k, m]) => [k, m.doneAt] as const)]);
    const naming = namingOf(tree, orgDocs);
    const ids = { tenantId, campaignId: campaign.id, planId };
    const units = coverageUnits(set.items, completions, now);
    const result = summary(set, planId, cycleKeys, doneKeys, matched, units.length, tree.orgs.size);

    // The heap bound holds the writes: what the reads above hold is the tenant's size (docs/design-progress.md, "Known limits").
    const heapAtWrites = process.memoryUsage().heapUsed;
    const reserve = 1; // the job's own save
    // A few writes are always allowed after the reads: every slice moves the job, however large the roster.
    const floor = meter.used + MIN_SLICE_WRITES + reserve;
    const fits = (n = 1) => {
      const after = meter.used + n + reserve;
      if (after <= floor) return true;
      return after <= meter.budget && ownMs() + TRIP_MS * after <= cloudMs && process.memoryUsage().heapUsed - heapAtWrites <= heapBytes;
    };
    const runOp = async (op: Op) => {
      await op.run();
      if (op.matched?.length) {
        // The units these matches complete are completion events (人次) no completion write counted.
        const found = eventsFound(set.items, recorded, new Map([...recorded, ...op.matched.map((k) => [k, matched.get(k)!.doneAt] as const)]), now);
        for (const k of op.matched) recorded.set(k, matched.get(k)!.doneAt);
        for (const [orgId, c] of found) job.events[orgId] = addCounts({ ...(job.events[orgId] ?? zeroCounts()) }, c);
      }
    };
    const runOps = async (ops: Op[]): Promise<boolean> => {
      job.phaseTotal = job.phaseDone + ops.length;
      for (const op of ops) {
        if (!fits()) return false;
        await runOp(op);
        job.phaseDone += 1;
      }
      return true;
    };
    /**
     * The difference of one collection, window by window in `_id` order from the job's cursor: a page of
     * the stored side and the desired documents up to the same `_id`, at most `windowSize` of each, so a
     * window is one read, one remove and one add (WINDOW_REQUESTS). A slice reads only the windows it
     * reconciles, and starts none it could not finish.
     */
    const runWindows = async <T extends { _id: string; version: number }>(
      collection: string,
      desiredIds: readonly string[],
      page: (after: string | null) => Promise<T[]>,
      rewritable: (stored: T) => boolean,
      build: (lo: number, hi: number) => Array<Record<string, unknown> & { _id: string }>,
    ): Promise<boolean> => {
      job.phaseTotal = desiredIds.length;
      while (job.after !== WINDOWS_DONE) {
        const after = job.after ?? null;
        const lo = after === null ? 0 : upperBound(desiredIds, after);
        job.phaseDone = lo;
        if (!fits(WINDOW_REQUESTS)) return false;
        const stored = await page(after);
        // The window ends where the page ends, or sooner when the desired side has more documents there.
        let end = stored.length < windowSize ? null : stored[stored.length - 1]._id;
        let hi = end === null ? desiredIds.length : upperBound(desiredIds, end);
        if (hi - lo > windowSize) {
          hi = lo + windowSize;
          end = desiredIds[hi - 1];
        }
        const inWindow = end === null ? stored : stored.filter((d) => d._id <= end!);
        // A document completed since this slice read the done ones is left alone too.
        const kept = new Set(inWindow.filter((d) => !rewritable(d)).map((d) => d._id));
        const diff = diffDocs(
          inWindow.filter(rewritable),
          build(lo, hi).filter((d) => !kept.has(d._id)),
        );
        for (const op of [...removeOps(db, collection, diff.remove), ...addOps(db, collection, diff.add)]) await runOp(op);
        job = { ...job, after: end ?? WINDOWS_DONE, phaseDone: hi };
      }
      return true;
    };
    const next = (phase: PlanPhase) => {
      job = { ...job, phase, phaseDone: 0, phaseTotal: 0, after: null };
    };

    while (job.phase !== 'DONE') {
      if (job.phase === 'REQUIREMENTS') {
        const pending = set.items.filter((i) => !doneKeys.has(i.key));
        const byId = new Map(pending.map((i) => [requirementId(campaign.id, i.key), i]));
        const desiredIds = [...byId.keys()].sort(byCodeUnits);
        const windows = await runWindows(COL.requirements, desiredIds, (after) => requirementsPageAfter(db, campaign.id, cycleKeys, after, windowSize),
          // Done requirements are never rewritten (the desired side skips them too).
          (d) => !d.done,
          (lo, hi) =>
          requirementDocs(desiredIds.slice(lo, hi).map((id) => byId.get(id)!), ids, naming, doneKeys, matched),
        );
        if (!windows) break;
        const flags = unplannedFlags(done, new Set(set.items.map((i) => i.key)));
        if (!(await runOps([...flagOps(db, flags), { run: () => supersedeOthers(db, campaign.id, planId) }]))) break;
        next('UNITS');
      } else if (job.phase === 'UNITS') {
        const byId = new Map(units.map((u) => [unitId(planId, u.kind, u.id), u]));
        const desiredIds = [...byId.keys()].sort(byCodeUnits);
        const windows = await runWindows(COL.units, desiredIds, (after) => unitsPageAfter(db, planId, after, windowSize), () => true, (lo, hi) => {
          const window = desiredIds.slice(lo, hi).map((id) => byId.get(id)!);
          const keys = new Set(window.map((u) => `${u.kind}|${u.id}`));
          // Only the requirements naming these units shape their documents (reviewers, rules).
          const concerned = set.items.filter((i) => keys.has(targetUnitOf(i)) || (i.reviewerId !== null && keys.has(`LEADER|${i.reviewerId}`)));
          return unitDocs(window, concerned, ids, naming) as Array<Record<string, unknown> & { _id: string }>;
        });
        if (!windows) break;
        next('COUNTERS');
      } else if (job.phase === 'COUNTERS') {
        const counters = await listCounters(db, campaign.id);
        if (!(await runOps(counterOps(db, tree, orgDocs, counters, units, job, ids, cycleKeys, campaignDoc.version)))) break;
        next('STAMP');
      } else if (job.phase === 'STAMP') {
        const ops: Op[] = [
          // The plan becomes current for readers at once: every counter names it in one request.
          { run: () => stampCounters(db, campaign.id, { planId, cycleKeys: db.command.set(cycleKeys), plannedAt: job.startedAt, campaignVersion: campaignDoc.version }) },
          {
            run: () =>
              putPlan(db, planId, {
                tenantId,
                campaignId: campaign.id,
                cycleKeys,
                plannedAt: job.startedAt,
                campaignVersion: campaignDoc.version,
                counts: { requirements: result.requirements, done: result.done, units: result.units, orgs: result.orgs, waived: result.waived, vacancies: result.vacancies.length },
              }),
          },
        ];
        if (!fits(ops.length + 1) || !(await runOps(ops))) break;
        // A review that landed while this pass rewrote its requirement found nothing to complete: one more pass matches it.
        if (job.passes + 1 < MAX_PASSES && (await reviewSubmittedSince(db, campaign.id, now))) {
          job = { ...job, passes: job.passes + 1 };
          next('REQUIREMENTS');
          break;
        }
        next('DONE');
      }
    }
    job.percent = Math.min(99, Math.floor(PHASE_BASE[job.phase] + (PHASE_SPAN[job.phase] * job.phaseDone) / Math.max(1, job.phaseTotal)));
    if (job.phase === 'DONE') job.percent = 100;
    return { state: job.phase === 'DONE' ? 'DONE' : 'RUNNING', percent: job.percent, trips: meter.used + 1, result: { ...result, trips: job.trips + meter.used + 1 } };
  } finally {
    job = { ...job, slices: job.slices + 1, trips: job.trips + meter.used + 1, progressAt: cursor(job) !== before ? now : (job.progressAt ?? job.startedAt) };
    await saveJob(db, job);
  }
}

/** Done requirements whose `unplanned` mark is wrong for the plan `required` (keys): to mark, and to clear. */
export function unplannedFlags(stored: readonly RequirementDoc[], required: ReadonlySet<string>): { mark: string[]; clear: string[] } {
  const done = stored.filter((r) => r.done);
  return { mark: done.filter((r) => !required.has(r.key) && !r.unplanned).map((r) => r._id), clear: done.filter((r) => required.has(r.key) && r.unplanned).map((r) => r._id) };
}

/** Writes setting and clearing the `unplanned` mark of done requirements. */
export function flagOps(db: Db, flags: { mark: string[]; clear: string[] }): Array<{ run: () => Promise<void> }> {
  return [
    ...chunks(flags.mark).map((ids) => ({ run: () => updateIds(db, COL.requirements, ids, { unplanned: true }) })),
    ...chunks(flags.clear).map((ids) => ({ run: () => updateIds(db, COL.requirements, ids, { unplanned: false }) })),
  ];
}

/**
 * The pending requirements submitted reviews satisfy (first review wins), by the domain's matching; a
 * review that already completed a stored requirement (`used`) completes nothing more.
 */
export function matchReviews(items: readonly RequiredReview[], campaign: Campaign, reviews: readonly ReviewDoc[], done: ReadonlySet<string>, used: ReadonlySet<string> = new Set()): Map<string, { doneAt: number; reviewId: string }> {
  const index = requirementIndex(items);
  const matched = new Map<string, { doneAt: number; reviewId: string }>();
  for (const r of reviews) {
    if (r.additional || used.has(r._id)) continue;
    const hit = matchReview(index, campaign, { reviewedAt: r.reviewedAt, reviewerId: r.reviewerId, targetKind: r.target.kind, targetId: r.targetKey }, (req) => done.has(req.key) || matched.has(req.key));
    if (!hit || done.has(hit.key) || matched.has(hit.key)) continue;
    matched.set(hit.key, { doneAt: r.submittedAt ?? r.reviewedAt, reviewId: r._id });
  }
  return matched;
}

/** Reviews that completed a stored requirement: each counts once. */
export function usedReviewIds(stored: ReadonlyArray<{ done: boolean; reviewId: string | null }>): Set<string> {
  return new Set(stored.flatMap((d) => (d.done && d.reviewId !== null ? [d.reviewId] : [])));
}

function namingOf(tree: OrgTree, orgDocs: ReadonlyMap<string, OrgDoc>): Naming {
  const externalNames = assistedNames(tree.assistances);
  return {
    orgName: (id) => tree.orgs.get(id)?.name ?? externalNames.get(id) ?? id,
    personName: (id) => tree.persons.get(id)?.name ?? externalNames.get(id) ?? id,
    rowPath: (orgId) => {
      const o = orgDocs.get(orgId);
      return o ? [...o.path, orgId] : [orgId];
    },
  };
}

function summary(set: RequiredReviewSet, planId: string, cycleKeys: string[], done: ReadonlySet<string>, matched: ReadonlyMap<string, unknown>, units: number, orgs: number): PlanResult {
  return {
    planId,
    cycleKeys,
    requirements: set.items.length,
    done: set.items.filter((i) => done.has(i.key) || matched.has(i.key)).length,
    units,
    orgs,
    waived: set.waived.length,
    rules: ReviewRuleSchema.options.map((rule) => ({ ...ruleView(rule), requirements: set.items.filter((i) => i.rule === rule).length })).filter((r) => r.requirements > 0),
    vacancies: set.vacancies.slice(0, 100).map((v) => ({ ...v, label: VACANCY_LABELS[v.reason] })),
    trips: 0,
  };
}

/** CPU time (user + system) of this process so far, in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The job's cursor once every window of the phase is reconciled (above any `_id`). */
const WINDOWS_DONE = '\uffff';
/** `_id` order as the database sorts strings (by UTF-16 code units, not by locale). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Index of the first id in sorted `ids` greater than `id`. */
function upperBound(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const chunks = <T>(xs: readonly T[]) => Array.from({ length: Math.ceil(xs.length / BULK) }, (_, i) => xs.slice(i * BULK, (i + 1) * BULK));
const removeOps = (db: Db, collection: string, ids: readonly string[]): Op[] => chunks(ids).map((part) => ({ run: () => removeByIds(db, collection, part) }));
const addOps = (db: Db, collection: string, docs: ReadonlyArray<Record<string, unknown>>): Op[] =>
  chunks(docs).map((part) => ({ run: () => addMany(db, collection, part), matched: part.filter((d) => d.done === true).map((d) => d.key as string) }));

/**
 * Counter writes: a new org's counter added whole; a retired org's removed; every other counter moved
 * by increments to its new figures (own from the units, rolled up the tree; events carried, plus those
 * the job found), so a completion counted while the job runs is kept. Counters needing the same
 * increments share one request.
 */
function counterOps(db: Db, tree: OrgTree, orgDocs: ReadonlyMap<string, OrgDoc>, counters: readonly CounterDoc[], units: readonly CoverageUnit[], job: PlanJobDoc, ids: { tenantId: string; campaignId: string; planId: string }, cycleKeys: string[], campaignVersion: number): Op[] {
  const own = ownRows(units, null);
  const byOrg = new Map(counters.map((c) => [c.orgId, c]));
  const owns = new Map<string, CounterPart>();
  const rolled = rollUp<CounterPart>(
    tree,
    tree.rootId,
    (id) => {
      const row = own.get(id);
      const old = byOrg.get(id);
      const completed = row ? { ...row.completed } : zeroCounts();
      // A new org starts with what is already complete counted once; an existing one keeps its tally, plus what this job found once.
      const events = old ? addCounts({ ...old.own.events }, old.jobId === job.jobId ? zeroCounts() : (job.events[id] ?? zeroCounts())) : { ...completed };
      const o = { required: row ? { ...row.required } : zeroCounts(), completed, events };
      owns.set(id, o);
      return { required: { ...o.required }, completed: { ...o.completed }, events: { ...o.events } };
    },
    (into, from) => {
      addCounts(into.required, from.required);
      addCounts(into.completed, from.completed);
      addCounts(into.events, from.events);
    },
  );
  const fresh: CounterDoc[] = [];
  const updates = new Map<string, Record<string, unknown>>();
  for (const [orgId, r] of rolled) {
    const org = tree.orgs.get(orgId)!;
    const shape = { parentId: org.parentId, path: orgDocs.get(orgId)?.path ?? [], name: org.name, kind: org.kind, childCount: tree.children.get(orgId)?.length ?? 0 };
    const old = byOrg.get(orgId);
    if (!old) {
      fresh.push({ _id: counterId(ids.campaignId, orgId), version: 1, tenantId: ids.tenantId, campaignId: ids.campaignId, orgId, ...shape, planId: ids.planId, cycleKeys, plannedAt: job.startedAt, campaignVersion, own: owns.get(orgId)!, rolled: r, lastReport: null, jobId: job.jobId });
      continue;
    }
    const fields: Record<string, unknown> = { ...figureIncrements(old, { own: owns.get(orgId)!, rolled: r }) };
    for (const [k, v] of Object.entries(shape)) if (canon(v) !== canon((old as Record<string, unknown>)[k])) fields[k] = v;
    if (job.events[orgId] && old.jobId !== job.jobId) fields.jobId = job.jobId;
    if (Object.keys(fields).length) updates.set(old._id, fields);
  }
  const _ = db.command;
  const asUpdate = (fields: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'number' && k.includes('.') ? _.inc(v) : Array.isArray(v) ? _.set(v) : v]));
  return [
    ...addOps(db, COL.counters, fresh.map(({ _id, ...doc }) => ({ _id, ...doc }))),
    ...removeOps(db, COL.counters, counters.filter((c) => !rolled.has(c.orgId)).map((c) => c._id)),
    ...groupIncrements(updates).map((g) => ({ run: () => updateIds(db, COL.counters, g.ids, asUpdate(g.fields)) })),
  ];
}

// Both waits, plus one more slice, must end inside the api function's timeout (config.json): the deploy
// dry run checks it against the largest slice's projected cloud time at the largest benchmark size.
/** How long a call waits for another slice of the same campaign's job before answering PROGRESS.PLANNING. */
export const BUSY_WAIT_MS = 10 * 1000;
/** Elapsed time after which campaign.plan stops starting slices and leaves the rest to the timer. */
export const CALL_BUDGET_MS = 10 * 1000;

/**
 * The admin's campaign.plan: runs slices (each at most SLICE_TRIPS requests) until the job is done,
 * or leaves it to the timer once the call has run CALL_BUDGET_MS (then `percent` says how far it got).
 * A slice held by another caller (the timer) is waited for, then the job goes on.
 */
export async function runPlan(db: Db, campaignDoc: CampaignDoc, now: number, loaded?: LoadedTree): Promise<{ result: PlanResult; percent: number | null }> {
  const started = Date.now();
  let trips = 0;
  for (;;) {
    const slice = await planSlice(db, campaignDoc, now, { loaded });
    trips += slice.trips;
    if (slice.state === 'BUSY') {
      if (Date.now() - started > BUSY_WAIT_MS) throw new AppError('PROGRESS.PLANNING');
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const result = { ...slice.result!, trips };
    if (slice.state === 'DONE') return { result, percent: null };
    if (Date.now() - started > CALL_BUDGET_MS) return { result, percent: slice.percent };
  }
}

/** An org's counter of a campaign's current plan, or PROGRESS.NOT_PLANNED (also for a campaign of another tenant). */
export async function plannedCounter(db: Db, campaignId: string, org: OrgDoc): Promise<CounterDoc> {
  const self = await getCounter(db, campaignId, org._id);
  if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
  return self;
}
