/** Action inputs of the `export` cloud function: forms, the archive job, the progress sheet, the roster file. */
import * as z from 'zod/mini';
import { CycleKeySchema } from '../campaign';
import { IdSchema, lineText } from '../review';

/** A published 通报 as a printable written notice (core/domain/notice.ts). */
export const FormNoticeInput = z.object({ publicationId: IdSchema });
/** One review's registration form. */
export const FormReviewInput = z.object({ reviewId: IdSchema });
/** The forms of every target of a session, in one file. */
export const FormSessionInput = z.object({ sessionId: IdSchema });
/** An org's 领导点评党员档案 for a cycle: the forms of its members' reviews, in one file. */
export const FormMembersInput = z.object({ orgId: IdSchema, campaignId: IdSchema, cycleKey: CycleKeySchema });
/** Starts the 台帐 of an org's subtree for a cycle: every form, in a zip organised by org. */
export const ArchiveStartInput = FormMembersInput;
/** Moves an archive job on by one bounded step, or reads where it stands. */
export const ArchiveJobInput = z.object({ jobId: IdSchema });
/** The progress report [003 附件1] as a spreadsheet: a report in the history, or the table as it stands now. */
export const ProgressSheetInput = z.object({ campaignId: IdSchema, orgId: IdSchema, reportId: z.optional(IdSchema) });
/** A roster spreadsheet the office uploaded (wx.chooseMessageFile → wx.cloud.uploadFile). */
export const RosterFileInput = z.object({ fileID: z.string().check(z.minLength(10), z.maxLength(500), z.regex(/^cloud:\/\//)) });

/** How a campaign's forms look: [000] SIMPLE or [003] DETAILED, and the [003] title's first line. */
export const FormSettingsSchema = z.object({
  style: z.enum(['SIMPLE', 'DETAILED']),
  heading: z.optional(lineText(60)),
});
