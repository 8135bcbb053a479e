/**
 * What the `export` function reads and writes, through the api's repository helpers (every read
 * parsed with its contract): reviews of a subtree or an org for a cycle, what fills their forms, and
 * the archive jobs. Nothing here changes a review; the only documents written are export jobs.
 */
import * as z from 'zod/mini';
import { CycleKeySchema } from '../../../../miniprogram/core/contracts/campaign';
import { IdSchema, InstantSchema, VersionSchema } from '../../../../miniprogram/core/contracts/review';
import { COL, CommitmentDoc, findMany, getById, PAGE, PersonDoc, ProgressReportDoc, PublicationDoc, RectificationDoc, ReviewDoc, scanAll, type Db } from '../../../api/src/kernel';

/** The export function's collections, named in the one registry. */
export const E = { jobs: COL.exportJobs } as const;

/** Reviews that have forms: submitted or published, never drafts. */
const WITH_FORMS = ['SUBMITTED', 'PUBLISHED'];

/** The submitted reviews of targets in an org's subtree for a campaign and cycle keys, in id order. */
export const subtreeReviews = (db: Db, campaignId: string, orgId: string, cycleKeys: string[]) =>
  scanAll(db, COL.reviews, ReviewDoc, { campaignId, targetOrgPath: orgId, cycleKey: db.command.in(cycleKeys), status: db.command.in(WITH_FORMS) });

/** The submitted reviews of targets registered in exactly this org (the org itself and its people). */
export const orgReviews = (db: Db, campaignId: string, orgId: string, cycleKeys: string[]) =>
  scanAll(db, COL.reviews, ReviewDoc, { campaignId, 'target.orgId': orgId, cycleKey: db.command.in(cycleKeys), status: db.command.in(WITH_FORMS) });

/** Splits ids into pages a single `in` query can take. */
async function byPages<T>(ids: readonly string[], read: (page: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += PAGE) out.push(...(await read(unique.slice(i, i + PAGE))));
  return out;
}

export const rectificationsOf = (db: Db, reviewIds: readonly string[]) =>
  byPages(reviewIds, (page) => findMany(db, COL.rectifications, RectificationDoc, { reviewId: db.command.in(page) }, { limit: PAGE }));

export const publishedOf = (db: Db, reviewIds: readonly string[]) =>
  byPages(reviewIds, (page) => findMany(db, COL.publications, PublicationDoc, { reviewIds: db.command.in(page), status: 'PUBLISHED' }, { limit: PAGE }));

export const personsByIds = (db: Db, ids: readonly string[]) => byPages(ids, (page) => findMany(db, COL.persons, PersonDoc, { _id: db.command.in(page) }, { limit: PAGE }));

/** The campaign's commitments of the given orgs (org and personal ones). */
export const commitmentsOfOrgs = (db: Db, campaignId: string, orgIds: readonly string[]) =>
  byPages(orgIds, (page) => scanAll(db, COL.commitments, CommitmentDoc, { campaignId, orgId: db.command.in(page) }));

/** Party members registered in the given orgs who have not left: 党员人数 on the org form. */
export const membersOfOrgs = (db: Db, orgIds: readonly string[]) =>
  byPages(orgIds, (page) => scanAll(db, COL.persons, PersonDoc, { orgId: db.command.in(page), isMember: true }));

export const getProgressReport = (db: Db, id: string) => getById(db, COL.progressReports, ProgressReportDoc, id);

/** One file of an archive, as it will sit in the zip. */
export const ArchivePartSchema = z.object({ path: z.string(), fileID: z.string() });

/** True once a 台帐 job has made its file: its link is handed out and no step is left. */
export function jobDone(job: { status: 'RUNNING' | 'DONE' }): boolean {
  // eslint-disable-next-line no-restricted-syntax -- the job's own two-state progress, declared just below; no core machine knows export jobs
  return job.status === 'DONE';
}

/** A 台帐 job: the subtree's orgs in pre-order, how many are done, and the files made so far. */
export const ExportJobDoc = z.object({
  _id: IdSchema,
  version: VersionSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  orgId: IdSchema,
  cycleKey: CycleKeySchema,
  createdBy: z.string(),
  status: z.enum(['RUNNING', 'DONE']),
  orgIds: z.array(IdSchema),
  /** Zip folder of each org: the names from the archive's root down. */
  folders: z.array(z.string()),
  done: z.int(),
  forms: z.int(),
  /** Reviews the caller may not read (scope rules), left out. */
  withheld: z.int(),
  parts: z.array(ArchivePartSchema),
  fileID: z.nullable(z.string()),
  name: z.string(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type ExportJobDoc = z.infer<typeof ExportJobDoc>;

export const getJob = (db: Db, id: string) => getById(db, E.jobs, ExportJobDoc, id);

/**
 * Moves a job on if it is still at `version`: two steps of one job at once cannot both record
 * their work (the second finds the version moved and does nothing). True when this one won.
 */
export async function advanceJob(db: Db, job: ExportJobDoc, patch: Partial<Omit<ExportJobDoc, '_id' | 'version'>>): Promise<boolean> {
  const res = (await db
    .collection(E.jobs)
    .where({ _id: job._id, version: job.version })
    .update({ data: { ...patch, version: job.version + 1 } })) as { stats?: { updated: number } };
  return (res.stats?.updated ?? 0) === 1;
}
