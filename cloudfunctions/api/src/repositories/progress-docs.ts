/**
 * Stored contracts of the progress machinery (docs/design-progress.md): plans, requirements,
 * coverage units, per-org counters and submitted progress reports (本次上报).
 */
import * as z from 'zod/mini';
import { ProgressSubmitOutput, ReportRow } from '../../../../miniprogram/core/contracts/api/outputs';
import { CountsSchema, CycleKeySchema } from '../../../../miniprogram/core/contracts/campaign';
import { ExternalReviewerSchema, OrgKindSchema } from '../../../../miniprogram/core/contracts/org';
import { IdSchema, InstantSchema, ReviewRuleSchema, TargetKindSchema, VersionSchema } from '../../../../miniprogram/core/contracts/review';

const VacancySchema = z.enum(['NO_SECRETARY', 'LIAISON_LEADER_LEFT', 'NO_TOP_REVIEWER']);
export const UnitKindSchema = z.enum(['LEADER', 'ORG', 'MEMBER']);

/** One campaign.plan run for a set of current cycles. `_id = ${campaignId}|${cycleKeys.join('+')}`. */
export const PlanDoc = z.object({
  _id: IdSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  cycleKeys: z.array(CycleKeySchema),
  plannedAt: InstantSchema,
  campaignVersion: VersionSchema,
  counts: z.object({ requirements: z.int(), done: z.int(), units: z.int(), orgs: z.int(), waived: z.int(), vacancies: z.int() }),
});
export type PlanDoc = z.infer<typeof PlanDoc>;

/** A RequiredReview of the domain as stored: `_id = ${campaignId}|${key}`. */
export const RequirementDoc = z.object({
  _id: z.string(),
  version: VersionSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  /** The plan that (last) wrote it; its units are `${planId}|…`. */
  planId: z.string(),
  key: z.string(),
  cycleKey: CycleKeySchema,
  rule: ReviewRuleSchema,
  targetKind: TargetKindSchema,
  targetId: IdSchema,
  orgId: IdSchema,
  /** The org the review is given from (absent on requirements planned before it was kept). */
  fromOrgId: z.optional(IdSchema),
  reviewerId: z.nullable(IdSchema),
  reviewerOrgId: z.nullable(IdSchema),
  reviewerRowOrgId: z.nullable(IdSchema),
  externalReviewer: z.optional(ExternalReviewerSchema),
  vacancy: z.optional(VacancySchema),
  formerReviewerId: z.optional(IdSchema),
  /** Names as planned, for the office's list (absent on requirements planned before they were kept). */
  targetName: z.optional(z.string()),
  reviewerName: z.optional(z.nullable(z.string())),
  hint: z.optional(z.enum(['REMOTE', 'FLEXIBLE'])),
  /** The domain's matchKey, or null when nobody can do it (vacancies): what a review is matched by. */
  matchKey: z.nullable(z.string()),
  /** The row org and its ancestors, root first (counters to bump for the target's unit). */
  orgPath: z.array(IdSchema),
  /** The reviewer's row org and its ancestors, root first; empty when there is no reviewer in the tenant. */
  reviewerRowPath: z.array(IdSchema),
  done: z.boolean(),
  doneAt: z.nullable(InstantSchema),
  reviewId: z.nullable(z.string()),
  /** A later plan moved to other cycles while it was pending: completing it no longer moves the counters. */
  superseded: z.optional(z.boolean()),
  /** Done, but a later roster change means the plan no longer requires it: kept as history, counted in no unit. */
  unplanned: z.optional(z.boolean()),
});
export type RequirementDoc = z.infer<typeof RequirementDoc>;

/** A coverage unit of a plan (domain coverageUnits): `_id = ${planId}|${kind}|${id}`. */
export const UnitDoc = z.object({
  _id: z.string(),
  version: VersionSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  planId: z.string(),
  kind: UnitKindSchema,
  id: IdSchema,
  name: z.string(),
  rowOrgId: IdSchema,
  rowOrgName: z.string(),
  /** The row org and its ancestors, root first: the subtree query of the gaps list. */
  rowPath: z.array(IdSchema),
  total: z.int(),
  done: z.int(),
  complete: z.boolean(),
  doneAt: z.nullable(InstantSchema),
  vacancies: z.array(VacancySchema),
  noReviewer: z.boolean(),
  /** ORG/MEMBER: who is to review it (names), for the gaps list. */
  reviewers: z.array(z.object({ id: z.nullable(IdSchema), name: z.string() })),
  /** The rules of its requirements (a target's, or those a leader must do), so a gap can be explained. */
  rules: z.optional(z.array(ReviewRuleSchema)),
});
export type UnitDoc = z.infer<typeof UnitDoc>;

const CounterPart = z.object({
  required: CountsSchema,
  /** Units complete now (coverage). */
  completed: CountsSchema,
  /** Unit completions ever counted (人次), never decreasing: "new since last report" is a difference of these. */
  events: CountsSchema,
});
export type CounterPart = z.infer<typeof CounterPart>;

/** What the last 本次上报 of this org fixed, per row (the org and its children): events counted then and the cumulative reported. */
export const LastReport = z.object({
  id: z.string(),
  asOf: InstantSchema,
  rows: z.record(IdSchema, z.object({ events: CountsSchema, cumulative: CountsSchema })),
});
export type LastReport = z.infer<typeof LastReport>;

/** One per (campaign, org): `_id = ${campaignId}|${orgId}`; `rolled` = own + every descendant's own. */
export const CounterDoc = z.object({
  _id: z.string(),
  version: VersionSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  orgId: IdSchema,
  parentId: z.nullable(IdSchema),
  path: z.array(IdSchema),
  name: z.string(),
  kind: OrgKindSchema,
  childCount: z.int(),
  planId: z.string(),
  cycleKeys: z.array(CycleKeySchema),
  plannedAt: InstantSchema,
  campaignVersion: VersionSchema,
  own: CounterPart,
  rolled: CounterPart,
  lastReport: z.nullable(LastReport),
  /** The full plan job that last added its re-matched completion events here (so a resumed slice adds them once). */
  jobId: z.optional(z.string()),
  /**
   * Review-quality counts (issue 27), kept by increments when reviews are submitted from this org
   * (`own`) or from it and below (`rolled`): `submitted` and one per hint kind. Absent until the first.
   */
  quality: z.optional(z.object({ own: z.optional(z.record(z.string(), z.number())), rolled: z.optional(z.record(z.string(), z.number())) })),
  /** 评定 [003] of this org's review work by a unit above it, per round (cycle key): kept with its counter, read with the table. */
  assessments: z.optional(z.record(z.string(), z.object({ text: z.string(), by: z.string(), at: InstantSchema }))),
  /** 薄弱 [001]: marked weak by a unit above, with why, and the upper principal's attendance per round; null once lifted. */
  weak: z.optional(
    z.nullable(
      z.object({
        note: z.string(),
        by: z.string(),
        at: InstantSchema,
        attended: z.optional(z.record(z.string(), z.object({ date: z.string(), note: z.string(), by: z.string(), at: InstantSchema }))),
      }),
    ),
  ),
  /** The 具体方案 this org asked of its direct lower units (handin.ask): deadline (CST date), note, who asked and when. */
  handInCall: z.optional(z.object({ deadline: z.string(), note: z.string(), by: z.string(), at: InstantSchema })),
  /** This org's 具体方案 as handed in to the org above (handin.submit); replaced whole until the deadline. */
  handIn: z.optional(z.object({ text: z.string(), files: z.array(z.object({ fileID: z.string(), name: z.string() })), by: z.string(), at: InstantSchema })),
});
export type CounterDoc = z.infer<typeof CounterDoc>;

/** One row of the 附件1 table as reported: the reply's row contract, stored as it is. */
export const ReportRowSchema = ReportRow;
export type ReportRowDoc = z.infer<typeof ReportRowSchema>;

/** A submitted progress report (本次上报) of an org: the table for the org and its direct children, as `progress.submit` answered it. */
const { id: _reportId, ...reportShape } = ProgressSubmitOutput.shape;
// Reports made before the written 总结 was kept have no field: read as none.
export const ProgressReportDoc = z.object({ ...reportShape, _id: z.string(), version: VersionSchema, cycleKeys: z.array(CycleKeySchema), writtenSummary: z.optional(z.nullable(z.string())) });
export type ProgressReportDoc = z.infer<typeof ProgressReportDoc>;

export const counterId = (campaignId: string, orgId: string) => `${campaignId}|${orgId}`;
export const unitId = (planId: string, kind: z.infer<typeof UnitKindSchema>, id: string) => `${planId}|${kind}|${id}`;
export const requirementId = (campaignId: string, key: string) => `${campaignId}|${key}`;
export const planIdOf = (campaignId: string, cycleKeys: readonly string[]) => `${campaignId}|${cycleKeys.join('+')}`;
