/** Action inputs for tenants, the org tree, people, liaisons and the roster import. */
import * as z from 'zod/mini';
import { AssistanceSchema, ExternalReviewerSchema, OrgKindSchema, PersonFlagsSchema, ORG_NAME_MAX, PERSON_NAME_MAX } from '../org';
import { IdSchema, lineText, nameText, VersionSchema } from '../review';

const name = nameText;

export const TenantBootstrapInput = z.object({
  tenantId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, '单位编号只能用小写字母、数字和连字符')),
  name: name(ORG_NAME_MAX),
});
export const TenantAddAdminInput = z.object({ personId: IdSchema });
export const TenantUpdateInput = z.object({
  version: VersionSchema,
  name: z.optional(name(ORG_NAME_MAX)),
  topReviewer: z.optional(z.nullable(ExternalReviewerSchema)),
  /** R7 assistance points; the list replaces the stored one. */
  assistances: z.optional(z.array(AssistanceSchema).check(z.maxLength(100))),
});

export const OrgCreateInput = z.object({ name: name(ORG_NAME_MAX), kind: OrgKindSchema, parentId: z.nullable(IdSchema) });
/**
 * The org form saved at once: name and kind, and (when given) the secretary (null: vacant) and the
 * committee. Everything is checked before anything is written, so a refusal leaves the org as it was.
 */
export const OrgUpdateInput = z.object({
  orgId: IdSchema,
  version: VersionSchema,
  name: z.optional(name(ORG_NAME_MAX)),
  kind: z.optional(OrgKindSchema),
  secretaryId: z.optional(z.nullable(IdSchema)),
  committeeIds: z.optional(z.array(IdSchema).check(z.maxLength(30))),
});
export const OrgMoveInput = z.object({ orgId: IdSchema, version: VersionSchema, parentId: IdSchema });
export const OrgRefInput = z.object({ orgId: IdSchema });
export const OrgVersionedInput = z.object({ orgId: IdSchema, version: VersionSchema });
export const OrgAssignSecretaryInput = z.object({ orgId: IdSchema, version: VersionSchema, personId: z.nullable(IdSchema) });
export const OrgSetCommitteeInput = z.object({
  orgId: IdSchema,
  version: VersionSchema,
  personIds: z.array(IdSchema).check(z.maxLength(30)),
});
/** A CloudID as wx.cloud.CloudID() arrives in a cloud function: the platform has resolved `data`. */
export const GroupCloudIdInput = z.object({ cloudID: z.string(), data: z.object({ opengid: z.string().check(z.minLength(1)) }) });
export const OrgBindGroupInput = z.object({ orgId: IdSchema, group: GroupCloudIdInput });
export const OrgResolveGroupInput = z.object({ group: GroupCloudIdInput });

const personFields = {
  name: name(PERSON_NAME_MAX),
  unitAndPost: z.optional(lineText(100)),
  isMember: z.optional(z.boolean()),
  flags: z.optional(PersonFlagsSchema),
};
export const PersonCreateInput = z.object({ orgId: IdSchema, ...personFields });
export const PersonUpdateInput = z.object({
  personId: IdSchema,
  version: VersionSchema,
  name: z.optional(name(PERSON_NAME_MAX)),
  unitAndPost: z.optional(lineText(100)),
  isMember: z.optional(z.boolean()),
  flags: z.optional(PersonFlagsSchema),
});
export const PersonMoveInput = z.object({ personId: IdSchema, version: VersionSchema, orgId: IdSchema });
export const PersonRetireInput = z.object({ personId: IdSchema, version: VersionSchema });
export const LiaisonInput = z.object({ leaderId: IdSchema, orgId: IdSchema });

/** One roster row may name an org by its `key` in the same import or by an existing org id. */
const RefSchema = z.string().check(z.minLength(1), z.maxLength(64));
export const RosterOrgRow = z.object({
  key: RefSchema,
  name: name(ORG_NAME_MAX),
  kind: OrgKindSchema,
  /** The parent org: a key of this import or an existing org id; null for the tenant's top org. */
  parent: z.nullable(RefSchema),
});
export const RosterPersonRow = z.object({
  name: name(PERSON_NAME_MAX),
  /** The org the membership is registered in: a key of this import or an existing org id. */
  org: RefSchema,
  unitAndPost: z.optional(lineText(100)),
  isMember: z.optional(z.boolean()),
  /** Orgs this person is secretary (书记/负责人) of (keys or ids). */
  secretaryOf: z.optional(z.array(RefSchema).check(z.maxLength(5))),
  /** Orgs whose committee (班子成员/支委) this person sits on (keys or ids). */
  committeeOf: z.optional(z.array(RefSchema).check(z.maxLength(5))),
  /** 流动党员: the inflow org (key or id). */
  mobileInflowOrg: z.optional(RefSchema),
  intern: z.optional(z.boolean()),
  elderly: z.optional(z.boolean()),
  /**
   * 手机号: only its last four digits are kept, for a newcomer's claim to be checked against (see
   * docs/privacy.md); the full number is never stored.
   */
  phone: z.optional(z.string().check(z.regex(/^\+?[\d\s-]{4,20}$/, '手机号只能填写数字（可含空格或短横线）'))),
  /** 联系点 of this leader (keys or ids). */
  liaisonOrgs: z.optional(z.array(RefSchema).check(z.maxLength(20))),
});
export const RosterImportInput = z.object({
  orgs: z.array(z.unknown()).check(z.maxLength(2000)),
  persons: z.array(z.unknown()).check(z.maxLength(5000)),
});
