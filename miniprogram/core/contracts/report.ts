/** Report (汇报情况): the target reports on its commitments, their fulfilment and its plans. */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema, NAME_MAX, TargetRefSchema, VersionSchema, text } from './review';

export const ReportStatusSchema = z.enum(['DRAFT', 'SUBMITTED']);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

/**
 * How a secretary heard the report of a member who cannot write it (年老体弱, 外出): seed 001 asks for
 * flexible ways with such members (采取灵活方式), and these are the ways the seeds name.
 */
export const ReportEntryWaySchema = z.enum(['HOME_VISIT', 'PHONE', 'TALK']);
export type ReportEntryWay = z.infer<typeof ReportEntryWaySchema>;
/** The ways in words, as the member and the secretary read them. */
export const REPORT_ENTRY_WAY_LABELS: Record<ReportEntryWay, string> = { HOME_VISIT: '上门走访', PHONE: '电话联系', TALK: '谈话' };

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
  /** Who typed it in for the member (录入人), after a visit, a call or a talk; absent when the member wrote it. */
  enteredBy: z.optional(z.object({ id: IdSchema, name: z.string().check(z.minLength(1), z.maxLength(NAME_MAX)) })),
  /** How the report was heard when someone entered it for the member. */
  way: z.optional(ReportEntryWaySchema),
  submittedAt: z.nullable(InstantSchema),
  version: VersionSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Report = z.infer<typeof ReportSchema>;
