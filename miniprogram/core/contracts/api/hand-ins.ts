/**
 * Plans and summaries from lower units (issue 24 item 4): the upper unit asks for a 具体方案 by a deadline,
 * each lower unit's secretary hands it in (text and attachments), the upper reads it. Rules in
 * core/domain/hand-ins.ts.
 */
import * as z from 'zod/mini';
import { HAND_IN_FILES_MAX, HAND_IN_TEXT_MAX } from '../../domain/hand-ins';
import { cstDate, IdSchema, InstantSchema, lineText, nameText, text } from '../review';

const nullable = <T extends z.ZodMiniType>(t: T) => z.nullable(t);

/** An attachment uploaded with wx.cloud.uploadFile under the tenant's hand-in folder, with the name the person picked. */
export const HandInFileSchema = z.object({
  fileID: z.string().check(z.minLength(10), z.maxLength(500), z.regex(/^cloud:\/\//)),
  name: nameText(120),
});

/** 要求上交具体方案: the upper unit (the org given) asks each of its direct lower units for a plan by `deadline`. */
export const HandInAskInput = z.object({ campaignId: IdSchema, orgId: IdSchema, deadline: cstDate('上交截止日期'), note: z.optional(lineText(200)) });

/** 上交具体方案: the lower unit (the org given) hands in, or replaces before the deadline, its plan. */
export const HandInSubmitInput = z.object({
  campaignId: IdSchema,
  orgId: IdSchema,
  text: text(HAND_IN_TEXT_MAX),
  files: z.optional(z.array(HandInFileSchema).check(z.maxLength(HAND_IN_FILES_MAX))),
});

/** One lower unit's plan as handed in, read by it or by those above it. */
export const HandInGetInput = z.object({ campaignId: IdSchema, orgId: IdSchema });

/** The request as set. */
export const HandInAskOutput = z.object({ orgId: IdSchema, deadline: z.string(), note: z.string(), lowerUnits: z.int() });

/** What was kept: when, and whether after the deadline. */
export const HandInSubmitOutput = z.object({ orgId: IdSchema, at: InstantSchema, late: z.boolean(), files: z.int() });

/** A hand-in with its attachments (opened by fileID: wx.cloud.downloadFile → wx.openDocument), and the request it answers. */
export const HandInGetOutput = z.object({
  orgId: IdSchema,
  orgName: z.string(),
  upperOrgName: nullable(z.string()),
  deadline: nullable(z.string()),
  note: z.string(),
  /** Null while nothing is handed in yet. */
  handIn: nullable(
    z.object({
      text: z.string(),
      at: InstantSchema,
      state: z.enum(['IN', 'LATE']),
      stateLabel: z.string(),
      files: z.array(z.object({ fileID: z.string(), name: z.string() })),
    }),
  ),
  /** True while the caller may hand in or replace it (its secretary, not past the deadline once handed in). */
  canHandIn: z.boolean(),
  /** Where the caller uploads attachments (wx.cloud.uploadFile's cloudPath prefix); handin.submit accepts only files from there. */
  uploadFolder: z.string(),
});
