/**
 * 通报 beyond one session (core/domain/notice.ts): the sessions a publisher may compile, and the masses'
 * link that opens one notice and nothing else.
 */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema, ReviewModeSchema } from '../review';

/** The sessions the caller may compile into a notice, newest first (a campaign's, or all). */
export const NoticeSourcesInput = z.object({ campaignId: z.optional(IdSchema) });
export const NoticeSourcesOutput = z.object({
  sessions: z.array(
    z.object({
      id: IdSchema,
      campaignId: IdSchema,
      orgId: IdSchema,
      date: z.string(),
      mode: ReviewModeSchema,
      /** The session in words for a picker: its date, mode and those reviewed. */
      label: z.string(),
      /** Reviews submitted and not yet published: the notice publishes them. */
      submitted: z.int(),
      /** Reviews already published: the notice may carry them again, never wider. */
      published: z.int(),
    }),
  ),
});

/** A link for the masses to one published notice; it lives `days` days (7 unless given). */
export const NoticeLinkInput = z.object({ publicationId: IdSchema, days: z.optional(z.int().check(z.minimum(1), z.maximum(90))) });
export const NoticeLinkOutput = z.object({ linkId: IdSchema, expiresAt: InstantSchema, title: z.string() });

/** A masses' link, by its id: to open it, or for its maker to take it back. */
export const NoticeLinkRefInput = z.object({ linkId: IdSchema });
export const NoticeRevokeOutput = z.object({ linkId: IdSchema, revokedAt: InstantSchema });

/** What the masses read: the notice's words, with no id, roster or other data (massesNotice). */
export const NoticeOpenOutput = z.object({
  notice: z.object({
    title: z.string(),
    issuer: z.string(),
    date: z.string(),
    summary: z.string(),
    items: z.array(
      z.object({
        target: z.string(),
        reviewer: z.string(),
        mode: z.string(),
        achievements: z.string(),
        problems: z.string(),
        direction: z.string(),
        rectification: z.string(),
      }),
    ),
  }),
  expiresAt: InstantSchema,
});
