/**
 * Stored document contracts: the domain entities as kept in the cloud database (`_id` for `id`,
 * plus what the server keeps for permissions and history). Every read is parsed with these.
 */
import * as z from 'zod/mini';
import { CampaignSchema, type Campaign } from '../../../../miniprogram/core/contracts/campaign';
import { CommitmentSchema } from '../../../../miniprogram/core/contracts/commitment';
import { FormSettingsSchema } from '../../../../miniprogram/core/contracts/api/export';
import { AssistanceSchema, OrgSchema, PersonSchema, TenantSchema } from '../../../../miniprogram/core/contracts/org';
import { ClaimStatusSchema as ClaimStatusContract, PhoneCheckSchema, PhoneTailSchema } from '../../../../miniprogram/core/contracts/api/work';
import { IdSchema, InstantSchema, ReviewTemplateSchema, TargetKindSchema, VersionSchema } from '../../../../miniprogram/core/contracts/review';

/** 'HELD' when msgSecCheck asked for human review: visible to its author and admins only. */
export const ModerationSchema = z.enum(['PASS', 'HELD']);

const stored = { _id: IdSchema, version: VersionSchema };

export const TenantDoc = z.extend(z.omit(TenantSchema, { id: true }), {
  ...stored,
  createdAt: InstantSchema,
  /** R7: orgs outside the tree that an org of this tenant assists and reviews [003 §二(一)5]. */
  assistances: z.optional(z.array(AssistanceSchema)),
});
export type TenantDoc = z.infer<typeof TenantDoc>;

export const OrgDoc = z.extend(z.omit(OrgSchema, { id: true }), {
  ...stored,
  /** Ancestors from the root down to the parent: permissions and subtree queries in one read. */
  path: z.array(IdSchema),
  /** The WeChat group bound to this org (from a CloudID), so a card opened there resolves it. */
  opengid: z.optional(z.nullable(z.string())),
});
export type OrgDoc = z.infer<typeof OrgDoc>;

export const PersonDoc = z.extend(z.omit(PersonSchema, { id: true }), {
  ...stored,
  /** The last four digits of the roster's phone number (手机号 column): all a claim is checked against. */
  phoneTail: z.optional(PhoneTailSchema),
  /** The openid bound through an approved claim; null until then. */
  openid: z.nullable(z.string()),
  admin: z.optional(z.boolean()),
  /** Orgs this person is secretary of, kept with the org's secretaryId in one transaction. */
  secretaryOf: z.array(IdSchema),
  /** Orgs this person is liaison leader (联系点) of. */
  liaisonOf: z.array(IdSchema),
  /** Earlier registrations, so moving a person keeps their history. */
  history: z.array(z.object({ orgId: IdSchema, until: InstantSchema })),
});
export type PersonDoc = z.infer<typeof PersonDoc>;

export const InvitationDoc = z.object({
  ...stored,
  tenantId: IdSchema,
  orgId: IdSchema,
  createdBy: IdSchema,
  createdAt: InstantSchema,
  expiresAt: InstantSchema,
});
export type InvitationDoc = z.infer<typeof InvitationDoc>;

export const ClaimStatusSchema = ClaimStatusContract;
export const ClaimDoc = z.object({
  ...stored,
  tenantId: IdSchema,
  orgId: IdSchema,
  invitationId: IdSchema,
  personId: IdSchema,
  openid: z.string(),
  status: ClaimStatusSchema,
  createdAt: InstantSchema,
  decidedAt: z.optional(InstantSchema),
  /** What the claimant typed: the name, and the phone tail (kept for the secretary to read, never matched later). */
  enteredName: z.optional(z.string()),
  enteredPhoneTail: z.optional(PhoneTailSchema),
  /** The tail compared with the roster at submission (claims made before this check have none). */
  phoneCheck: z.optional(PhoneCheckSchema),
  /** Set when the claim was closed because its person or its claimant was bound through another claim. */
  closedReason: z.optional(z.enum(['PERSON_BOUND', 'CLAIMANT_BOUND'])),
});
export type ClaimDoc = z.infer<typeof ClaimDoc>;

// CampaignSchema carries a refinement (start ≤ end), which zod will not omit from: rebuild from its shape.
const { id: _campaignId, ...campaignShape } = CampaignSchema.shape;
export const CampaignDoc = z.object({
  ...campaignShape,
  ...stored,
  createdAt: InstantSchema,
  templateOptions: z.optional(z.object({ integrity: z.optional(z.boolean()), windowService: z.optional(z.boolean()) })),
  templates: z.optional(z.partialRecord(TargetKindSchema, ReviewTemplateSchema)),
  forms: z.optional(FormSettingsSchema),
});
export type CampaignDoc = z.infer<typeof CampaignDoc>;

export const CommitmentDoc = z.extend(z.omit(CommitmentSchema, { id: true, version: true }), {
  ...stored,
  /** The org the commitment is public within. */
  orgId: IdSchema,
  /** `PERSON:<id>` or `ORG:<id>`: one commitment per owner and campaign (unique index). */
  ownerKey: z.string(),
  moderation: ModerationSchema,
});
export type CommitmentDoc = z.infer<typeof CommitmentDoc>;

/** Maps a stored document to its domain shape (`_id` → `id`), dropping server-only fields. */
export function withId<T extends { _id: string }>(doc: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}

/** The domain view of a stored campaign. */
export function campaignOf(doc: CampaignDoc): Campaign {
  return { id: doc._id, tenantId: doc.tenantId, name: doc.name, start: doc.start, end: doc.end, frequencies: doc.frequencies, cycleDueDates: doc.cycleDueDates, reportDeadlines: doc.reportDeadlines, ...(doc.coverage ? { coverage: doc.coverage } : {}), ...(doc.stages ? { stages: doc.stages } : {}) };
}
