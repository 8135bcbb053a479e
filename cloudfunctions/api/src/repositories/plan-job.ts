/**
 * Storage of the plan job (docs/design-progress.md, "Sliced plan"): one document per campaign,
 * `${campaignId}|job` in `plans`, holding the job's phase, cursor and the lease of the slice running
 * now; and the scoped reads and bulk writes its slices and the incremental re-plan make.
 */
import * as z from 'zod/mini';
import { CountsSchema, CycleKeySchema } from '../../../../miniprogram/core/contracts/campaign';
import type { Db } from '../frame/db';
import { isDuplicateKey } from '../frame/uow';
import { AuditDoc } from './commit';
import { COL } from './collections';
import { OrgDoc, PersonDoc } from './docs';
import { CounterDoc, RequirementDoc, UnitDoc } from './progress-docs';
import { findMany, getById } from './read';
import { BULK } from './progress';
import { findAll, PAGE } from './store';
import { ReviewDoc } from './work-docs';

export const PlanPhaseSchema = z.enum(['REQUIREMENTS', 'UNITS', 'COUNTERS', 'STAMP', 'DONE']);
export type PlanPhase = z.infer<typeof PlanPhaseSchema>;

/** The plan job of a campaign: which pass of which plan, how far, and who runs a slice now. */
export const PlanJobDoc = z.object({
  _id: z.string(),
  tenantId: z.string(),
  campaignId: z.string(),
  /** One id per full plan run; counters it has given their events carry it (`jobId`). */
  jobId: z.string(),
  /** When the job started: the plan's `plannedAt` (changes audited after it re-plan again). */
  startedAt: z.number(),
  cycleKeys: z.array(CycleKeySchema),
  campaignVersion: z.int(),
  phase: PlanPhaseSchema,
  /** The cursor within the phase: writes done of the writes the phase needed when it began. */
  phaseDone: z.int(),
  phaseTotal: z.int(),
  percent: z.int(),
  /** Passes over the three phases (another one when a review landed while a pass wrote). */
  passes: z.int(),
  slices: z.int(),
  trips: z.int(),
  /** Completion events (人次) found by re-matching reviews and not yet added to counters, per row org. */
  events: z.record(z.string(), CountsSchema),
  /** A slice runs until then (a crashed slice's lease lapses). */
  leaseUntil: z.number(),
  /** When a slice last moved the job (absent on jobs saved before it was kept: their start counts). */
  progressAt: z.optional(z.number()),
  /** Within REQUIREMENTS and UNITS: the last `_id` up to which the stored side already matches the plan (null: from the start). */
  after: z.optional(z.nullable(z.string())),
});
export type PlanJobDoc = z.infer<typeof PlanJobDoc>;

export const jobIdOf = (campaignId: string) => `${campaignId}|job`;

export const getPlanJob = (db: Db, campaignId: string) => getById(db, COL.plans, PlanJobDoc, jobIdOf(campaignId));

/**
 * Takes the job's lease for one slice (one conditional update, so two timer firings cannot both run):
 * the job document with the lease, or null when another slice holds it. Creates the document when the
 * campaign has none (`add`, so a racing creator fails on the `_id`).
 */
export async function takeJobLease(db: Db, fresh: Omit<PlanJobDoc, '_id' | 'leaseUntil'>, now: number, leaseMs: number): Promise<PlanJobDoc | null> {
  const _ = db.command;
  const id = jobIdOf(fresh.campaignId);
  const res = (await db.collection(COL.plans).where({ _id: id, leaseUntil: _.lt(now) }).update({ data: { leaseUntil: now + leaseMs } })) as { stats?: { updated: number } };
  if (res.stats?.updated === 1) return getPlanJob(db, fresh.campaignId);
  try {
    const doc = { ...fresh, leaseUntil: now + leaseMs };
    await db.collection(COL.plans).add({ data: { _id: id, ...doc } });
    return { _id: id, ...doc };
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** Saves the job's state and gives the lease back (one write). */
export async function saveJob(db: Db, { _id, ...job }: PlanJobDoc): Promise<void> {
  await db.collection(COL.plans).doc(_id).set({ data: { ...job, leaseUntil: 0 } });
}

/** One page of the requirements of these cycles (done or not) after `after` in `_id` order: a window of a full plan's diff. */
export function requirementsPageAfter(db: Db, campaignId: string, cycleKeys: readonly string[], after: string | null, limit = PAGE) {
  const where: Record<string, unknown> = { campaignId, cycleKey: db.command.in([...cycleKeys]) };
  if (after !== null) where._id = db.command.gt(after);
  return findMany(db, COL.requirements, RequirementDoc, where, { limit, orderBy: [['_id', 'asc']] });
}

/** One page of a plan's units after `after` in `_id` order. */
export function unitsPageAfter(db: Db, planId: string, after: string | null, limit = PAGE) {
  const where: Record<string, unknown> = { planId };
  if (after !== null) where._id = db.command.gt(after);
  return findMany(db, COL.units, UnitDoc, where, { limit, orderBy: [['_id', 'asc']] });
}

/** Requirements of these cycles matching any of the conditions (one query a page): the stored side of an incremental diff. */
export function requirementsWhere(db: Db, campaignId: string, cycleKeys: readonly string[], any: Array<Record<string, unknown>>) {
  const _ = db.command;
  const conds = any.filter((c) => Object.values(c).some((v) => !(Array.isArray(v) && v.length === 0)));
  if (!conds.length) return Promise.resolve([]);
  const where = _.and([{ campaignId, cycleKey: _.in([...cycleKeys]) }, _.or(conds.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.isArray(v) ? _.in(v) : v]))))]);
  return findAll(db, COL.requirements, RequirementDoc, where);
}

/** Units by id, paged. */
export const unitsWhereIds = (db: Db, ids: readonly string[]) => (ids.length ? findAll(db, COL.units, UnitDoc, { _id: db.command.in([...ids]) }) : Promise.resolve([]));

/** Orgs and persons matching any of the conditions, in one query each (the incremental re-plan's partial tree). */
export function orgsWhere(db: Db, tenantId: string, any: Array<Record<string, readonly string[]>>) {
  const conds = any.filter((c) => Object.values(c).every((v) => v.length > 0));
  if (!conds.length) return Promise.resolve([]);
  const _ = db.command;
  return findAll(db, COL.orgs, OrgDoc, _.and([{ tenantId }, _.or(conds.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, _.in([...v])]))))]));
}
export function personsWhere(db: Db, tenantId: string, any: Array<Record<string, readonly string[]>>) {
  const conds = any.filter((c) => Object.values(c).every((v) => v.length > 0));
  if (!conds.length) return Promise.resolve([]);
  const _ = db.command;
  return findAll(db, COL.persons, PersonDoc, _.and([{ tenantId }, _.or(conds.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, _.in([...v])]))))]));
}

/** Requirement-affecting audit rows after `after`, oldest first, at most `limit` (one read): what changed since the plan. */
export const auditRowsSince = (db: Db, tenantId: string, actions: readonly string[], after: number, limit: number) =>
  findMany(db, COL.audit, AuditDoc, { tenantId, action: db.command.in([...actions]), at: db.command.gt(after) }, { limit, orderBy: [['at', 'asc']] });

/** Submitted reviews of the campaign on these targets, reviewed from `since` (re-matched by an incremental re-plan). */
export const submittedReviewsOn = (db: Db, campaignId: string, targetKeys: readonly string[], since: number) =>
  targetKeys.length ? findAll(db, COL.reviews, ReviewDoc, { campaignId, status: db.command.in(['SUBMITTED', 'PUBLISHED']), targetKey: db.command.in([...targetKeys]), reviewedAt: db.command.gte(since) }) : Promise.resolve([]);

/** Removes documents by id, 500 ids a request. */
export async function removeByIds(db: Db, collection: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BULK) await db.collection(collection).where({ _id: db.command.in(ids.slice(i, i + BULK)) }).remove();
}

/** Adds documents, 500 a request (the batch add the local cloud and the SDK both take). */
export async function addMany(db: Db, collection: string, docs: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < docs.length; i += BULK) await db.collection(collection).add({ data: docs.slice(i, i + BULK) });
}

/** One update applied to several documents at once (counters sharing the same increments). */
export async function updateIds(db: Db, collection: string, ids: readonly string[], data: Record<string, unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += BULK) await db.collection(collection).where({ _id: db.command.in(ids.slice(i, i + BULK)) }).update({ data });
}

/** Stamps every counter of the campaign with the plan it now shows (one request). */
export async function stampCounters(db: Db, campaignId: string, data: Record<string, unknown>): Promise<void> {
  await db.collection(COL.counters).where({ campaignId }).update({ data });
}

/** Pending requirements of other cycle sets no longer move the counters (one request). */
export async function supersedeOthers(db: Db, campaignId: string, planId: string): Promise<void> {
  const _ = db.command;
  await db.collection(COL.requirements).where({ campaignId, done: false, planId: _.neq(planId), superseded: _.neq(true) }).update({ data: { superseded: true } });
}

export { CounterDoc };
