/** Report (汇报情况): the target reports on its commitments, their fulfilment and its plans. */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema, TargetRefSchema, VersionSchema, text } from './review';

export const ReportStatusSchema = z.enum(['DRAFT', 'SUBMITTED']);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

export const ReportSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  sessionId: IdSchema,
  target: TargetRefSchema,
  /** The person who writes it: the member, or the secretary for an org. */
  authorId: IdSchema,
  /** Commitments and how they were kept (公开承诺的具体内容和兑现情况). */
  fulfilment: text(2500),
  /** Work done in the campaign (创建先进基层党组织、争当优秀共产党员情况). */
  work: text(2500),
  /** Ideas and measures for the next stage (具体想法及措施). */
  plans: text(2000),
  status: ReportStatusSchema,
  submittedAt: z.nullable(InstantSchema),
  version: VersionSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Report = z.infer<typeof ReportSchema>;
