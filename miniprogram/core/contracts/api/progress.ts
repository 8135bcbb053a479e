/** Action inputs for planning a campaign's required reviews and for the progress report [003 附件1]. */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema } from '../review';

export const CampaignPlanInput = z.object({ campaignId: IdSchema });

/** The progress table of an org and its direct children (drill down by calling again on a child). */
export const ProgressRefInput = z.object({ campaignId: IdSchema, orgId: IdSchema });

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
