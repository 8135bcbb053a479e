/** Action inputs for joining, campaigns, commitments and moderation. */
import * as z from 'zod/mini';
import { AnonymityThresholdSchema, CampaignStageSchema, CoverageOptionsSchema, CycleKeySchema, FrequencySchema, STAGES_MAX } from '../campaign';
import { CommitmentItemSchema } from '../commitment';
import { FormSettingsSchema } from './export';
import { PERSON_NAME_MAX } from '../org';
import { cstDate, IdSchema, nameText, ReviewRuleSchema, ReviewTemplateSchema, TargetKindSchema, VersionSchema } from '../review';

export const InvitationCreateInput = z.object({ orgId: IdSchema, days: z.optional(z.int().check(z.gte(1), z.lte(30))) });
export const InvitationRefInput = z.object({ invitationId: IdSchema });
/** 已关闭 (CLOSED): the person or the claimant was bound through another claim. */
export const ClaimStatusSchema = z.enum(['PENDING', 'APPROVED', 'REJECTED', 'CLOSED']);
/** How a claimant's phone tail compares with the roster's (the roster's digits are never returned). */
export const PhoneCheckSchema = z.enum(['MATCH', 'MISMATCH', 'NOT_GIVEN', 'NO_ROSTER_PHONE']);
/** Four digits: the last four of the phone number the roster holds for the claimant. */
export const PhoneTailSchema = z.string().check(z.regex(/^\d{4}$/, '手机尾号请填写4位数字'));
/**
 * A claim names the roster entry by the name typed (the newcomer's screen) or by its id (the office's
 * tools); the phone tail is what a stranger holding the link would not know.
 */
export const ClaimSubmitInput = z
  .object({ invitationId: IdSchema, personId: z.optional(IdSchema), name: z.optional(nameText(PERSON_NAME_MAX)), phoneTail: z.optional(PhoneTailSchema) })
  .check(z.refine((c) => (c.personId === undefined) !== (c.name === undefined), { message: '请填写您在名册中的姓名', path: ['name'] }));
export const ClaimListInput = z.object({ orgId: IdSchema });
export const ClaimDecideInput = z.object({ claimId: IdSchema, approve: z.boolean() });

const campaignFields = {
  name: nameText(100),
  start: cstDate('活动开始日期'),
  end: cstDate('活动结束日期'),
  frequencies: z.optional(z.partialRecord(ReviewRuleSchema, FrequencySchema)),
  cycleDueDates: z.optional(z.record(CycleKeySchema, cstDate('周期截止日期'))),
  reportDeadlines: z.optional(z.array(cstDate('进度上报截止日期')).check(z.maxLength(24))),
  /** [003]-style aspects: integrity (廉洁自律) and window-unit service quality. */
  templateOptions: z.optional(z.object({ integrity: z.optional(z.boolean()), windowService: z.optional(z.boolean()) })),
  /** Per-target-kind templates that replace the defaults. */
  templates: z.optional(z.partialRecord(TargetKindSchema, ReviewTemplateSchema)),
  /** Which seed's registration forms the campaign hands in ([000] SIMPLE by default). */
  forms: z.optional(FormSettingsSchema),
  /** Anonymous opinions on a target stay hidden until this many givers answered (default 3). */
  anonymityThreshold: z.optional(AnonymityThresholdSchema),
  /** Who the liaison (R5) and assistance (R7) duties cover beyond the org and its secretary [003][004]. */
  coverage: z.optional(CoverageOptionsSchema),
  /** Named stages [002] (「每阶段一次」), the cycles of the rules set to 每阶段; an empty list removes them. */
  stages: z.optional(z.array(CampaignStageSchema).check(z.maxLength(STAGES_MAX, `活动阶段最多${STAGES_MAX}个`))),
};
export const CampaignCreateInput = z.object(campaignFields);
export const CampaignUpdateInput = z.extend(z.partial(CampaignCreateInput), { campaignId: IdSchema, version: VersionSchema });
export const CampaignRefInput = z.object({ campaignId: IdSchema });

/** A commitment item as the owner edits it: new items have no id yet. */
export const CommitmentItemInput = z.object({
  id: z.optional(IdSchema),
  content: CommitmentItemSchema.shape.content,
  progress: CommitmentItemSchema.shape.progress,
  fulfilmentNotes: z.optional(CommitmentItemSchema.shape.fulfilmentNotes),
});
const commitmentFields = {
  campaignId: IdSchema,
  items: z.array(CommitmentItemInput).check(z.minLength(1, '至少填写一项承诺'), z.maxLength(30)),
  date: cstDate('承诺日期'),
  /** The version the edit is based on; absent when making the commitment for the first time. */
  version: z.optional(VersionSchema),
};
export const CommitmentSaveMineInput = z.object(commitmentFields);
export const CommitmentSaveOrgInput = z.object({ orgId: IdSchema, ...commitmentFields });
export const CommitmentListInput = z.object({ campaignId: IdSchema, orgId: IdSchema });

/** Release (approve) or refuse text held for review; refused text is blanked for its author to rewrite. */
export const ModerationReleaseInput = z.object({
  collection: z.enum(['commitments', 'reports', 'opinions', 'reviews', 'rectifications']),
  id: IdSchema,
  approve: z.boolean(),
});
