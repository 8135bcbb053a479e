/**
 * The org tree and its people (DOMAIN §1): tenants, orgs, persons with their special-member flags,
 * liaison points (联系点), the named outside reviewer of the top secretary, and R7 assistance.
 * Types are inferred from the schemas.
 */
import * as z from 'zod/mini';
import { IdSchema, lineText, nameText } from './review';

export const ORG_NAME_MAX = 100;
export const PERSON_NAME_MAX = 64;

/** 党委, 党总支, 党支部, 党小组, 党组, 工委, 机关党委. */
export const OrgKindSchema = z.enum([
  'COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
  'GROUP',
  'LEADING_GROUP',
  'WORK_COMMITTEE',
  'ORGAN_COMMITTEE',
]);
export type OrgKind = z.infer<typeof OrgKindSchema>;

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  COMMITTEE: '党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  GROUP: '党小组',
  LEADING_GROUP: '党组',
  WORK_COMMITTEE: '工委',
  ORGAN_COMMITTEE: '机关党委',
};


/**
 * An upper leader outside the tenant, recorded by name only (DOMAIN §2 edge cases): reviews the
 * tenant's top secretary and its top org, e.g. 区委组织部部长 for a 区工委 [000].
 */
export const ExternalReviewerSchema = z.object({
  name: nameText(PERSON_NAME_MAX),
  unitAndPost: z.optional(lineText(100)),
});
export type ExternalReviewer = z.infer<typeof ExternalReviewerSchema>;

/** A campaign tenant: one org tree. */
export const TenantSchema = z.object({
  id: IdSchema,
  name: nameText(ORG_NAME_MAX),
  /** Null or absent: the top secretary is reported as having no reviewer. */
  topReviewer: z.optional(z.nullable(ExternalReviewerSchema)),
});
export type Tenant = z.infer<typeof TenantSchema>;

export const OrgSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  name: nameText(ORG_NAME_MAX),
  kind: OrgKindSchema,
  parentId: z.nullable(IdSchema),
  /** 书记 / 负责人 (for a 党小组, the 组长); null is a vacancy. */
  secretaryId: z.nullable(IdSchema),
  /** 班子成员 / 支委, not necessarily including the secretary. */
  committeeMemberIds: z.array(IdSchema),
  /** 已撤销: kept for history, out of every requirement. */
  retired: z.optional(z.boolean()),
});
export type Org = z.infer<typeof OrgSchema>;

/**
 * Special-member flags on a membership (DOMAIN §1, [001]). A mobile member (流动党员) is reviewed by
 * the inflow org; interns are reviewed remotely; elderly or frail members in a flexible mode.
 */
export const PersonFlagsSchema = z.object({
  mobile: z.optional(z.object({ inflowOrgId: IdSchema })),
  intern: z.optional(z.boolean()),
  elderly: z.optional(z.boolean()),
});
export type PersonFlags = z.infer<typeof PersonFlagsSchema>;

export const PersonSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  name: nameText(PERSON_NAME_MAX),
  /** The one org the membership is registered in (for non-members: the org they give opinions to). */
  orgId: IdSchema,
  /** 单位及职务, printed on the registration forms. */
  unitAndPost: z.optional(lineText(100)),
  flags: z.optional(PersonFlagsSchema),
  /** False for masses' representatives (群众代表) and service recipients. */
  isMember: z.boolean(),
  /** Transferred out or no longer in post: kept so references still resolve; out of every requirement. */
  left: z.optional(z.boolean()),
});
export type Person = z.infer<typeof PersonSchema>;

/** 联系点: a leader of an upper org is assigned a lower org (R5). */
export const LiaisonSchema = z.object({
  leaderId: IdSchema,
  orgId: IdSchema,
});
export type Liaison = z.infer<typeof LiaisonSchema>;

/**
 * R7 [003 §二(一)5]: an upper body assists a local one and reviews a named org outside its own tree,
 * e.g. 总局党组 → 各直属检验检疫局党组. The target is known by an id the admin gives it and a name.
 */
export const AssistanceSchema = z.object({
  id: IdSchema,
  assistingOrgId: IdSchema,
  targetOrgId: IdSchema,
  targetName: nameText(ORG_NAME_MAX),
  /** The assisted org's 负责人, reviewed when the campaign covers them [003]; absent: named after the org. */
  leaderName: z.optional(nameText(PERSON_NAME_MAX)),
});
export type Assistance = z.infer<typeof AssistanceSchema>;

/** Everything the tree rules read, as imported or loaded. */
export const TreeInputSchema = z.object({
  tenant: TenantSchema,
  orgs: z.array(OrgSchema),
  persons: z.array(PersonSchema),
  liaisons: z.array(LiaisonSchema),
  assistances: z.array(AssistanceSchema),
});
export type TreeInput = z.infer<typeof TreeInputSchema>;
