/** Rectification (整改): the target drafts measures, carries them out and replies to the reviewer in writing. */
import * as z from 'zod/mini';
import {
  CstDateSchema,
  IdSchema,
  InstantSchema,
  TargetRefSchema,
  TransitionRecordSchema,
  VersionSchema,
  text,
} from './review';

/** Stored states; OVERDUE is derived at read time (domain/workflow.ts `rectificationDisplayStatus`). */
export const RectificationStatusSchema = z.enum(['REQUIRED', 'PLANNED', 'REPLIED', 'CONFIRMED']);
export type RectificationStatus = z.infer<typeof RectificationStatusSchema>;

export const RectificationSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  reviewId: IdSchema,
  reviewerId: z.nullable(IdSchema),
  target: TargetRefSchema,
  requirement: text(1000),
  /** Due by the end of this CST day. */
  deadline: CstDateSchema,
  /** 责令限期整改: a deadline imposed on a weak target [002][004]. */
  imposed: z.boolean(),
  /** 整改措施, drafted by the target. */
  plan: text(2000),
  /** 书面回复 to the reviewer. */
  reply: text(2000),
  repliedAt: z.nullable(InstantSchema),
  confirmedAt: z.nullable(InstantSchema),
  status: RectificationStatusSchema,
  history: z.array(TransitionRecordSchema).check(z.maxLength(200)),
  version: VersionSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Rectification = z.infer<typeof RectificationSchema>;
