/**
 * Stored document contracts of the review work: sessions, reports, opinions, reviews, publications,
 * rectifications and opinion invitations. Each is the domain entity (`_id` for `id`) plus what the
 * server keeps for queries and permissions. Domain views are re-parsed with the domain schema.
 */
import * as z from 'zod/mini';
import { CommitmentSchema } from '../../../../miniprogram/core/contracts/commitment';
import { SessionCardSchema } from '../../../../miniprogram/core/contracts/api/session-card';
import { AnonymousStoredOpinionSchema, NamedStoredOpinionSchema, OpinionGiverKindSchema } from '../../../../miniprogram/core/contracts/opinion';
import { PublicationSchema } from '../../../../miniprogram/core/contracts/publication';
import { RectificationSchema } from '../../../../miniprogram/core/contracts/rectification';
import { ReportSchema } from '../../../../miniprogram/core/contracts/report';
import { IdSchema, InstantSchema, ReviewRuleSchema, ReviewSchema, VersionSchema } from '../../../../miniprogram/core/contracts/review';
import { ReviewSessionSchema } from '../../../../miniprogram/core/contracts/session';
import { ModerationSchema } from './docs';

const stored = { _id: IdSchema, version: VersionSchema };

// The domain schemas carry refinements, which zod will not omit from: rebuild from their shapes.
function shapeWithoutId<S extends { id: unknown; version: unknown }>(shape: S): Omit<S, 'id' | 'version'> {
  const { id: _id, version: _version, ...rest } = shape;
  return rest;
}

export const SessionDoc = z.object({
  ...shapeWithoutId(ReviewSessionSchema.shape),
  ...stored,
  /** The org the reviewer reviews from (secretary or liaison point): the session's permission scope. */
  orgId: IdSchema,
  reviewerName: z.string(),
  /** `personId ?? orgId` of every target, so a target finds its sessions in one query. */
  targetIds: z.array(IdSchema),
  /** Orgs whose members are asked for opinions: the targets' orgs and the session's org. */
  opinionOrgIds: z.array(IdSchema),
  /** The rule of each target, in target order, with its explanation (absent on sessions started before it was kept). */
  targetRules: z.optional(z.array(z.object({ rule: ReviewRuleSchema, ruleLabel: z.string() }))),
  /** The card shared into the group as a WeChat updatable message (session.card), while one was made. */
  card: z.optional(SessionCardSchema),
});
export type SessionDoc = z.infer<typeof SessionDoc>;

export const ReviewDoc = z.object({
  ...shapeWithoutId(ReviewSchema.shape),
  ...stored,
  /** Top-level copies for indexes: the reviewer's person id and `personId ?? orgId` of the target. */
  reviewerId: z.nullable(IdSchema),
  targetKey: IdSchema,
  /** The session's org (permission scope of the reviewer). */
  orgId: IdSchema,
  /** The target org's ancestors and itself: scoping (exemplary cases, publication audiences) without a tree scan. */
  targetOrgPath: z.array(IdSchema),
  /** Orgs whose secretary reads the review as an official besides those above: the inflow org of a home visit. */
  readerOrgIds: z.optional(z.array(IdSchema)),
  moderation: ModerationSchema,
  /**
   * The target's public commitments as they stood when the review was submitted (issue 22): the forms
   * print these, not today's progress. Empty: none then; absent: submitted before snapshots were kept.
   */
  commitmentsAtReview: z.optional(z.array(CommitmentSchema)),
});
export type ReviewDoc = z.infer<typeof ReviewDoc>;

export const ReportDoc = z.object({
  ...shapeWithoutId(ReportSchema.shape),
  ...stored,
  campaignId: IdSchema,
  targetKey: IdSchema,
  /** Submitted after the session's report deadline. */
  late: z.boolean(),
  moderation: ModerationSchema,
});
export type ReportDoc = z.infer<typeof ReportDoc>;

// Strict like the domain: an anonymous opinion document with any author field fails to parse.
export const AnonymousOpinionDoc = z.strictObject({ ...shapeWithoutId(AnonymousStoredOpinionSchema.shape), ...stored, moderation: ModerationSchema });
export const NamedOpinionDoc = z.strictObject({ ...shapeWithoutId(NamedStoredOpinionSchema.shape), ...stored, moderation: ModerationSchema });
export const OpinionDoc = z.discriminatedUnion('anonymous', [AnonymousOpinionDoc, NamedOpinionDoc]);
export type OpinionDoc = z.infer<typeof OpinionDoc>;

/** A giver's place on one target of one session (docs/anonymity.md): its id is an HMAC, it names nobody. */
export const OpinionSlotDoc = z.strictObject({
  ...stored,
  tenantId: IdSchema,
  sessionId: IdSchema,
  /** False once its opinion was withdrawn: the giver may give again. */
  taken: z.boolean(),
  /** HMAC of the opinion's withdraw-key hash (or id): frees the slot on that opinion's withdrawal only. */
  tag: z.nullable(z.string()),
});
export type OpinionSlotDoc = z.infer<typeof OpinionSlotDoc>;

export const OpinionInvitationDoc = z.object({
  ...stored,
  tenantId: IdSchema,
  sessionId: IdSchema,
  giverKind: OpinionGiverKindSchema,
  createdBy: IdSchema,
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
});
export type OpinionInvitationDoc = z.infer<typeof OpinionInvitationDoc>;

/** A masses' link to one published notice (core/domain/notice.ts NoticeLink). */
export const NoticeLinkDoc = z.object({
  ...stored,
  tenantId: IdSchema,
  publicationId: IdSchema,
  /** The publication's session org: the permission scope for taking the link back. */
  orgId: IdSchema,
  createdBy: IdSchema,
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
  revokedAt: z.nullable(InstantSchema),
});
export type NoticeLinkDoc = z.infer<typeof NoticeLinkDoc>;

export const PublicationDoc = z.object({
  ...shapeWithoutId(PublicationSchema.shape),
  ...stored,
  sessionId: IdSchema,
  /** The session's org: the permission scope for the organiser's steps. */
  orgId: IdSchema,
  /** The scope anchor's parent, so audiences are decided from the reader's ancestry alone. */
  anchorParentId: z.nullable(IdSchema),
  /** A compiled notice (整理汇总): every session it gathers, `sessionId` first; absent for one session's notice. */
  sessionIds: z.optional(z.array(IdSchema)),
  /** The scope anchor's ancestry (root first), so a later notice can tell whether it would be wider (core/domain/notice.ts). */
  anchorPath: z.optional(z.array(IdSchema)),
});
export type PublicationDoc = z.infer<typeof PublicationDoc>;

export const RectificationDoc = z.object({
  ...shapeWithoutId(RectificationSchema.shape),
  ...stored,
  sessionId: z.nullable(IdSchema),
  targetKey: IdSchema,
  /** The reviewing org (the session's org): the reviewer's permission scope. */
  orgId: IdSchema,
  moderation: ModerationSchema,
});
export type RectificationDoc = z.infer<typeof RectificationDoc>;
