/** Progress repositories: requirements, units, counters, reports; every read parsed with its contract. */
import * as z from 'zod/mini';
import { COL } from './collections';
import type { Db } from '../frame/db';
import { findMany, getById } from './read';
import { findAll, PAGE } from './store';
import { CounterDoc, PlanDoc, ProgressReportDoc, RequirementDoc, UnitDoc, counterId } from './progress-docs';
import { ReviewDoc } from './work-docs';

/** Documents per batch add of the plan job (the cloud's batch limit is far above; 500 keeps requests small). */
export const BULK = 500;

export const getPlan = (db: Db, id: string) => getById(db, COL.plans, PlanDoc, id);
export const getCounter = (db: Db, campaignId: string, orgId: string) => getById(db, COL.counters, CounterDoc, counterId(campaignId, orgId));

/** An org's counter and its direct children's, in one query. */
export async function counterWithChildren(db: Db, campaignId: string, orgId: string): Promise<{ self: CounterDoc | null; children: CounterDoc[] }> {
  const _ = db.command;
  const docs = await findAll(db, COL.counters, CounterDoc, _.or([{ _id: counterId(campaignId, orgId) }, { campaignId, parentId: orgId }]), [['name', 'asc']]);
  return { self: docs.find((d) => d.orgId === orgId) ?? null, children: docs.filter((d) => d.orgId !== orgId) };
}

/**
 * Of the given orgs, those the reviewer reviewed in these rounds (the org, its secretary or a member of
 * it: the target's org), submitted or published: one query, as a weak unit's upper principal is asked it.
 */
export async function orgsReviewedBy(db: Db, campaignId: string, reviewerId: string, orgIds: string[], cycleKeys: string[]): Promise<Set<string>> {
  if (!orgIds.length) return new Set();
  const _ = db.command;
  const done = await findMany(db, COL.reviews, z.object({ target: z.object({ orgId: z.string() }) }), {
    campaignId,
    'target.orgId': _.in(orgIds),
    cycleKey: _.in(cycleKeys),
    reviewerId,
    status: _.in(['SUBMITTED', 'PUBLISHED']),
  }, { limit: PAGE });
  return new Set(done.map((r) => r.target.orgId));
}

/** An org's counter and its parent's (the unit it hands in to), in one query; null where there is none. */
export async function counterAndParent(db: Db, campaignId: string, orgId: string, parentId: string | null): Promise<{ self: CounterDoc | null; parent: CounterDoc | null }> {
  const ids = [counterId(campaignId, orgId), ...(parentId ? [counterId(campaignId, parentId)] : [])];
  const docs = await findMany(db, COL.counters, CounterDoc, { _id: db.command.in(ids) }, { limit: ids.length });
  return { self: docs.find((d) => d.orgId === orgId) ?? null, parent: parentId ? (docs.find((d) => d.orgId === parentId) ?? null) : null };
}

/** Counters by (campaign, org) pairs, in one query (none when no pair is given). */
export async function countersOf(db: Db, pairs: ReadonlyArray<{ campaignId: string; orgId: string }>): Promise<CounterDoc[]> {
  if (!pairs.length) return [];
  const ids = [...new Set(pairs.map((p) => counterId(p.campaignId, p.orgId)))];
  return findMany(db, COL.counters, CounterDoc, { _id: db.command.in(ids) }, { limit: ids.length });
}

/** Requirements of a campaign with any of the given match keys (one query a page). */
export const requirementsByMatch = (db: Db, campaignId: string, matchKeys: string[]) => findAll(db, COL.requirements, RequirementDoc, { campaignId, matchKey: db.command.in(matchKeys) });

/** Units by id (one query a page). */
export const unitsByIds = (db: Db, ids: string[]) => findAll(db, COL.units, UnitDoc, { _id: db.command.in(ids) });

/** Pages through a query by `_id` (stable under concurrent inserts, unlike skip). */
export async function scanAll<T extends { _id: string }>(db: Db, collection: string, schema: Parameters<typeof findMany<T>>[2], where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  for (;;) {
    const cond: Record<string, unknown> = after === null ? where : { ...where, _id: db.command.gt(after) };
    const page = await findMany(db, collection, schema, cond, { limit: PAGE, orderBy: [['_id', 'asc']] });
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

/** Completed requirements of the given cycles: the completions a re-plan keeps. */
export const doneRequirements = (db: Db, campaignId: string, cycleKeys: string[]) =>
  scanAll(db, COL.requirements, RequirementDoc, { campaignId, cycleKey: db.command.in(cycleKeys), done: true });

export const listCounters = (db: Db, campaignId: string) => scanAll(db, COL.counters, CounterDoc, { campaignId });

/** One page of a subtree's incomplete units, in `_id` order (LEADER, then MEMBER, then ORG). */
export function incompleteUnits(db: Db, planId: string, orgId: string, after: string | null, kinds: string[], limit: number) {
  const _ = db.command;
  const where: Record<string, unknown> = { planId, rowPath: orgId, complete: false, kind: _.in(kinds) };
  if (after !== null) where._id = _.gt(after);
  return findMany(db, COL.units, UnitDoc, where, { limit, orderBy: [['_id', 'asc']] });
}

/** Reports of an org, newest first, before `before` when given. */
export function reportsOf(db: Db, campaignId: string, orgId: string, before: number | null, limit: number) {
  const where: Record<string, unknown> = { campaignId, orgId };
  if (before !== null) where.asOf = db.command.lt(before);
  return findMany(db, COL.progressReports, ProgressReportDoc, where, { limit, orderBy: [['asOf', 'desc']] });
}

/** Adds documents in batches outside any transaction (the plan job's bulk writes). */
export async function bulkAdd(db: Db, collection: string, docs: Array<Record<string, unknown>>): Promise<number> {
  let trips = 0;
  for (let i = 0; i < docs.length; i += BULK) {
    await db.collection(collection).add({ data: docs.slice(i, i + BULK) });
    trips++;
  }
  return trips;
}

/** One page of a subtree's requirements in the given cycles, filtered, in `_id` order. */
export function requirementsPage(
  db: Db,
  campaignId: string,
  cycleKeys: readonly string[],
  orgId: string,
  filter: { rule?: string; reviewerId?: string; targetKind?: string; state?: 'DONE' | 'OPEN' | 'GAP' },
  after: string | null,
  limit: number,
) {
  const _ = db.command;
  const where: Record<string, unknown> = { campaignId, cycleKey: _.in([...cycleKeys]), orgPath: orgId };
  if (filter.rule) where.rule = filter.rule;
  if (filter.reviewerId) where.reviewerId = filter.reviewerId;
  if (filter.targetKind) where.targetKind = filter.targetKind;
  if (filter.state === 'DONE') where.done = true;
  if (filter.state === 'OPEN') Object.assign(where, { done: false, matchKey: _.neq(null) });
  if (filter.state === 'GAP') Object.assign(where, { done: false, matchKey: null });
  if (after !== null) where._id = _.gt(after);
  return findMany(db, COL.requirements, RequirementDoc, where, { limit, orderBy: [['_id', 'asc']] });
}








/** The root org's counter of a campaign (what the last plan stamped: when, which cycles, which campaign version), or null before the first plan. */
export async function rootCounter(db: Db, campaignId: string): Promise<CounterDoc | null> {
  const [root] = await findMany(db, COL.counters, CounterDoc, { campaignId, parentId: null }, { limit: 1 });
  return root ?? null;
}

/** Writes a plan document whole (the timer's re-plan, which has no request of its own to commit it with). */
export async function putPlan(db: Db, id: string, doc: Record<string, unknown>): Promise<void> {
  await db.collection(COL.plans).doc(id).set({ data: doc });
}

/** Reviews of a campaign submitted (or published) and reviewed from `since` on: what the plan job re-matches into its requirements. */
export const submittedReviewsSince = (db: Db, campaignId: string, since: number) =>
  findAll(db, COL.reviews, ReviewDoc, { campaignId, status: db.command.in(['SUBMITTED', 'PUBLISHED']), reviewedAt: db.command.gte(since) });

/** True when a review of the campaign was submitted after `at` (one read): a plan job that started at `at` may have missed it. */
export async function reviewSubmittedSince(db: Db, campaignId: string, at: number): Promise<boolean> {
  const found = await findMany(db, COL.reviews, ReviewDoc, { campaignId, submittedAt: db.command.gt(at) }, { limit: 1 });
  return found.length > 0;
}

/** How far a campaign's running plan job has got (0–100), or null when none runs (one read). */
export async function planJobPercent(db: Db, campaignId: string): Promise<number | null> {
  const job = await getById(db, COL.plans, z.object({ _id: z.string(), phase: z.string(), percent: z.int() }), `${campaignId}|job`);
  return job && job.phase !== 'DONE' ? job.percent : null;
}

/**
 * A running plan job moved by no slice for this long is stalled: the timer fires every 10 minutes, so
 * three firings went by without moving it (the timer is not running, or every slice fails).
 */
export const PLAN_STALL_MS = 30 * 60_000;

/** A campaign's running plan job: how far it has got and whether it is stalled; null when none runs. */
export async function planJobState(db: Db, campaignId: string, now: number): Promise<{ percent: number; stalled: boolean } | null> {
  const job = await getById(db, COL.plans, z.object({ _id: z.string(), phase: z.string(), percent: z.int(), startedAt: z.number(), progressAt: z.optional(z.number()) }), `${campaignId}|job`);
  if (!job || job.phase === 'DONE') return null;
  return { percent: job.percent, stalled: now - (job.progressAt ?? job.startedAt) > PLAN_STALL_MS };
}
