/**
 * Action inputs for the review work (DOMAIN §3–§8): sessions, reports, opinions, reviews,
 * publication, rectification, the home screen and exemplary cases.
 */
import * as z from 'zod/mini';
import { OpinionChannelSchema, OpinionGiverKindSchema } from '../opinion';
import { PublicationScopeSchema } from '../publication';
import { ReportEntryWaySchema } from '../report';
import {
  AspectEntrySchema,
  cstDate,
  IdSchema,
  MeetingTypeSchema,
  NAME_MAX,
  nameText,
  PLACE_MAX,
  RectificationRequirementSchema,
  ReviewModeSchema,
  SECTION_MAX,
  TargetKindSchema,
  VersionSchema,
  requiredText,
  text,
} from '../review';
import { GroupCloudIdInput } from './org';

/** A target as the client names it: its kind and the person (or, for ORG, the org) id. */
export const TargetPickInput = z.object({ kind: TargetKindSchema, id: IdSchema });

/** How a session's targets are chosen: all still due to the reviewer, a random sample, or picked by hand. */
export const SessionTargetsInput = z.discriminatedUnion('by', [
  z.object({ by: z.literal('DUE'), kinds: z.optional(z.array(TargetKindSchema).check(z.minLength(1), z.maxLength(4))) }),
  z.object({ by: z.literal('RANDOM'), targetKind: TargetKindSchema, size: z.int().check(z.gte(1), z.lte(500)) }),
  z.object({ by: z.literal('PICKED'), picks: z.array(TargetPickInput).check(z.minLength(1, '请至少选择一个点评对象'), z.maxLength(500)) }),
]);

/**
 * Whose review is entered, when it is not the caller's own: a leader of the roster who spoke at a
 * meeting, or (from the root org) the tenant's named outside reviewer. Entered by an admin or the
 * secretary of the org concerned, who is recorded as 录入人.
 */
export const OnBehalfOfInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PERSON'), personId: IdSchema }),
  z.object({ kind: z.literal('TOP') }),
]);

export const SessionStartInput = z.object({
  campaignId: IdSchema,
  /** Absent: the caller reviews. Present: the caller enters the reviews given by this reviewer. */
  onBehalfOf: z.optional(OnBehalfOfInput),
  /** The org the caller reviews from: where they are secretary, or their liaison point. */
  orgId: IdSchema,
  mode: ReviewModeSchema,
  meetingType: z.optional(z.nullable(MeetingTypeSchema)),
  topic: z.optional(z.nullable(text(100))),
  targets: SessionTargetsInput,
  date: cstDate('点评日期'),
  place: text(PLACE_MAX),
  reportDeadline: z.optional(z.nullable(cstDate('汇报截止日期'))),
  opinionDeadline: z.optional(z.nullable(cstDate('征求意见截止日期'))),
  opinionsAnonymous: z.boolean(),
  /** Show anonymous opinions after the opinion deadline even when fewer than the threshold answered. */
  revealOpinionsAfterDeadline: z.optional(z.boolean()),
});
export const SessionRefInput = z.object({ sessionId: IdSchema });
/** 修改时间地点: a session's date, place and deadlines, until its reviews are published (the whole plan is sent). */
export const SessionUpdateInput = z.object({
  sessionId: IdSchema,
  /** The session's version the edit was made on. */
  version: VersionSchema,
  date: cstDate('点评日期'),
  place: text(PLACE_MAX),
  reportDeadline: z.nullable(cstDate('汇报截止日期')),
  opinionDeadline: z.nullable(cstDate('征求意见截止日期')),
});
/** Opening a session's card; from a bound WeChat group the CloudID resolves the branch. */
export const SessionGetInput = z.object({ sessionId: IdSchema, group: z.optional(GroupCloudIdInput) });
export const SessionListInput = z.object({ campaignId: z.optional(IdSchema) });

export const ReportSaveInput = z.object({
  sessionId: IdSchema,
  target: TargetPickInput,
  fulfilment: text(2500),
  work: text(2500),
  plans: text(2000),
  /** The version the edit is based on; absent for the first save. */
  version: z.optional(VersionSchema),
  /** Submit after saving (DRAFT → SUBMITTED); otherwise the draft is kept. */
  submit: z.boolean(),
});

/**
 * 代为录入汇报: the session's reviewer or organiser types in the report of an elderly or away member,
 * heard on a visit, a call or a talk; it is submitted at once (nobody would finish a half-entered one).
 */
export const ReportEnterInput = z.object({
  sessionId: IdSchema,
  target: TargetPickInput,
  way: ReportEntryWaySchema,
  fulfilment: text(2500),
  work: text(2500),
  plans: text(2000),
});

const opinionFields = {
  target: TargetPickInput,
  content: requiredText(2000),
  anonymous: z.boolean(),
  giverName: z.optional(nameText(NAME_MAX)),
  /**
   * For anonymous opinions: a random secret the giver's device keeps to withdraw it later. Only its
   * hash is stored; it is chosen on the device because the server's reply is kept for retries.
   */
  withdrawKey: z.optional(z.string().check(z.minLength(16), z.maxLength(128))),
};
export const OpinionSubmitInput = z.object({ sessionId: IdSchema, giverKind: OpinionGiverKindSchema, channel: OpinionChannelSchema, ...opinionFields });
export const OpinionInviteInput = z.object({
  sessionId: IdSchema,
  giverKind: z.enum(['MASSES', 'SERVICE_RECIPIENT', 'UNIT']),
  days: z.optional(z.int().check(z.gte(1), z.lte(30))),
});
export const OpinionInvitationRefInput = z.object({ invitationId: IdSchema });
export const OpinionSubmitByInviteInput = z.object({ invitationId: IdSchema, ...opinionFields });
export const OpinionWithdrawInput = z
  .object({ opinionId: z.optional(IdSchema), withdrawKey: z.optional(z.string().check(z.minLength(16), z.maxLength(128))) })
  .check(z.refine((i) => (i.opinionId === undefined) !== (i.withdrawKey === undefined), { message: '请提供意见编号或撤回码之一', path: ['opinionId'] }));

/** The editable content of a review; absent fields keep their stored value. */
const reviewContent = {
  aspects: z.optional(z.array(AspectEntrySchema).check(z.maxLength(12))),
  achievements: z.optional(text(SECTION_MAX)),
  problems: z.optional(text(SECTION_MAX)),
  direction: z.optional(text(SECTION_MAX)),
  rectification: z.optional(RectificationRequirementSchema),
  exemplary: z.optional(z.boolean()),
  exemplaryNote: z.optional(text(500)),
  privateNotes: z.optional(text(SECTION_MAX)),
  place: z.optional(text(PLACE_MAX)),
};
export const ReviewEntryInput = z.object({ reviewId: IdSchema, version: VersionSchema, ...reviewContent });
export const ReviewSaveInput = z.object({ reviewId: IdSchema, version: VersionSchema, ...reviewContent, submit: z.optional(z.boolean()) });
/** 集中点评: one meeting enters many targets in one call and one transaction. */
/**
 * The most reviews one review.saveBatch call saves: a submission costs about 19 + 6 requests per entry in one
 * transaction, so 15 keep it near 110 requests (≈ 2.2 s at 20 ms each, plus the function's own time, under the
 * 5 s an action may take; 20 measured 5.2 s projected on a loaded machine: bench/results/remind-batch.json); a
 * meeting of more people is sent in parts of this size by the page (「正在保存 2/3」).
 */
export const REVIEW_BATCH_MAX = 15;
export const ReviewSaveBatchInput = z.object({
  sessionId: IdSchema,
  entries: z.array(ReviewEntryInput).check(z.minLength(1), z.maxLength(REVIEW_BATCH_MAX)),
  submit: z.boolean(),
});
export const ReviewRefInput = z.object({ reviewId: IdSchema });
export const ReviewExemplaryInput = z.object({ campaignId: z.optional(IdSchema) });

export const PublicationDraftInput = z.object({
  sessionId: IdSchema,
  title: requiredText(100),
  summary: requiredText(2500),
  scope: PublicationScopeSchema,
  /**
   * Other sessions compiled into the same notice (整理汇总); with them, the notice also carries reviews already
   * published (never to a wider audience, core/domain/notice.ts) and must lie within the publisher's own subtree.
   */
  sessionIds: z.optional(
    z.array(IdSchema).check(
      z.minLength(1),
      z.maxLength(19),
      z.refine((ids) => new Set(ids).size === ids.length, { message: '点评活动：有重复，每次活动只选一次' }),
    ),
  ),
  /** Defaults to every submitted review of the session (and, compiling, every published one). */
  reviewIds: z.optional(
    z.array(IdSchema).check(
      z.minLength(1),
      z.maxLength(500),
      z.refine((ids) => new Set(ids).size === ids.length, { message: '点评：有重复，每条点评只选一次' }),
    ),
  ),
});
export const PublicationPreviewInput = z.object({ publicationId: IdSchema, orgId: IdSchema });
/**
 * The most reviews one publication.publish call publishes: its transaction costs 14 + 2 requests per review, so
 * 60 keep it near 135 requests (≈ 2.7 s at 20 ms each, under the 5 s an action may take). A larger notice is
 * published in parts: each call publishes the next reviews, the last one makes the notice public (「正在发布 2/3」).
 */
export const PUBLISH_PART = 60;
export const PublicationPublishInput = z.object({ publicationId: IdSchema, version: VersionSchema });
export const PublicationRefInput = z.object({ publicationId: IdSchema });
export const PublicationListInput = z.object({ campaignId: z.optional(IdSchema) });

const rect = { rectificationId: IdSchema, version: VersionSchema };
/** One step of 整改落实, by event (DOMAIN §6 step 5). */
export const RectificationActInput = z.discriminatedUnion('event', [
  z.object({ event: z.literal('PLAN'), ...rect, plan: requiredText(2000) }),
  z.object({ event: z.literal('REPLY'), ...rect, reply: requiredText(2000) }),
  z.object({ event: z.literal('CONFIRM'), ...rect }),
  z.object({ event: z.literal('SEND_BACK'), ...rect, reason: requiredText(500) }),
  z.object({ event: z.literal('IMPOSE_DEADLINE'), ...rect, deadline: cstDate('限期整改日期'), reason: requiredText(500) }),
]);
export const RectificationRefInput = z.object({ rectificationId: IdSchema });
