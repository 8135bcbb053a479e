/** Action inputs for planning a campaign's required reviews and for the progress report [003 附件1]. */
import * as z from 'zod/mini';
import { SUMMARY_MAX } from '../../domain/hand-ins';
import { cstDate, IdSchema, InstantSchema, ReviewRuleSchema, TargetKindSchema, text } from '../review';

export const CampaignPlanInput = z.object({ campaignId: IdSchema });

/** The progress table of an org and its direct children (drill down by calling again on a child). */
export const ProgressRefInput = z.object({ campaignId: IdSchema, orgId: IdSchema });

/** 本次上报 of an org, with the written 总结 the seeds ask to go with the figures (形成书面材料 / 总结上报 [000][002][004]). */
export const ProgressSubmitInput = z.object({ campaignId: IdSchema, orgId: IdSchema, writtenSummary: z.optional(text(SUMMARY_MAX)) });

/** 评定 [003]: the upper unit's few words on a lower unit's review work this cycle (words, no scores). */
export const ProgressAssessInput = z.object({ campaignId: IdSchema, orgId: IdSchema, text: text(2000) });

/** 薄弱 [001]: the upper unit marks a lower unit as weak for the campaign (with why), or lifts the mark. */
export const ProgressMarkWeakInput = z.object({ campaignId: IdSchema, orgId: IdSchema, weak: z.boolean(), note: z.optional(text(2000)) });

/** 亲自参加 [001]: the upper principal took part in a weak unit's review this round (会议、走访) on a day. */
export const ProgressAttendInput = z.object({ campaignId: IdSchema, orgId: IdSchema, date: cstDate('参加日期'), note: z.optional(text(2000)) });

/** Gaps of an org's subtree, a page at a time. */
export const ProgressGapsInput = z.object({
  campaignId: IdSchema,
  orgId: IdSchema,
  /** NOT_REVIEWED: orgs and members nobody has reviewed yet; NOT_REVIEWING: leaders with reviews left to do. */
  kind: z.optional(z.enum(['NOT_REVIEWED', 'NOT_REVIEWING'])),
  /** `nextCursor` of the previous page. */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
});

/** Past 本次上报 of an org, newest first. */
export const ProgressHistoryInput = z.object({
  campaignId: IdSchema,
  orgId: IdSchema,
  /** `nextBefore` of the previous page. */
  before: z.optional(InstantSchema),
});

/** The plan of a subtree, who must review whom, a page at a time (the office's view). */
export const RequirementListInput = z.object({
  campaignId: IdSchema,
  /** The subtree: requirements whose target is counted in this org or below. */
  orgId: IdSchema,
  rule: z.optional(ReviewRuleSchema),
  /** Requirements of this reviewer (a person id). */
  reviewerId: z.optional(IdSchema),
  targetKind: z.optional(TargetKindSchema),
  /** DONE: reviewed; OPEN: someone can do it and has not yet; GAP: nobody can (a vacancy). */
  state: z.optional(z.enum(['DONE', 'OPEN', 'GAP'])),
  /** `nextCursor` of the previous page. */
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
});

/** One requirement as the office reads it. */
export const RequirementRowSchema = z.object({
  key: z.string(),
  cycleKey: z.string(),
  rule: ReviewRuleSchema,
  /** The rule's explanation, e.g. `作为支部书记点评党员`. */
  ruleLabel: z.string(),
  targetKind: TargetKindSchema,
  targetId: IdSchema,
  targetName: z.string(),
  /** The org whose row counts the target. */
  orgId: IdSchema,
  /** The org the review is given from (a session's org). */
  fromOrgId: IdSchema,
  /** Null for a gap; `id` null for the tenant's named outside reviewer. */
  reviewer: z.nullable(z.object({ id: z.nullable(IdSchema), name: z.string() })),
  state: z.enum(['DONE', 'OPEN', 'GAP']),
  /** OPEN, but already taken into a session by its reviewer (a draft exists): 本期应点评而未点评的 leaves it out. */
  inSession: z.boolean(),
  /** Why nobody can do it (GAP), with its label. */
  vacancy: z.nullable(z.object({ code: z.string(), label: z.string() })),
  doneAt: z.nullable(InstantSchema),
  reviewId: z.nullable(z.string()),
});

/** A page of requirements and the cursor of the next one (null on the last page). */
export const RequirementListOutput = z.object({
  plan: z.object({ id: z.string(), cycleKeys: z.array(z.string()) }),
  requirements: z.array(RequirementRowSchema),
  nextCursor: z.nullable(z.string()),
});
