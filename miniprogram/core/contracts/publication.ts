/** Publication (整理公开): the office compiles reviews and publishes them within a set scope [000]–[004]. */
import * as z from 'zod/mini';
import { IdSchema, InstantSchema, VersionSchema, requiredText } from './review';

/**
 * TARGET_ORG: members of the anchor org (the target's org); ORG_AND_UPPER: the anchor org and its
 * parent (upper committee); SUBTREE: the anchor org and every org below; TENANT: every org.
 */
export const ScopeKindSchema = z.enum(['TARGET_ORG', 'ORG_AND_UPPER', 'SUBTREE', 'TENANT']);
export type ScopeKind = z.infer<typeof ScopeKindSchema>;
export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  TARGET_ORG: '被点评对象所在党组织',
  ORG_AND_UPPER: '本组织及上级党组织',
  SUBTREE: '本组织及所属各级党组织',
  TENANT: '全系统',
};

export const PublicationScopeSchema = z.object({ kind: ScopeKindSchema, orgId: IdSchema });
export type PublicationScope = z.infer<typeof PublicationScopeSchema>;

export const PublicationStatusSchema = z.enum(['DRAFT', 'PUBLISHED']);
export type PublicationStatus = z.infer<typeof PublicationStatusSchema>;

export const PublicationSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  cycleKey: z.string().check(z.minLength(1), z.maxLength(32)),
  title: requiredText(100),
  summary: requiredText(2500),
  reviewIds: z.array(IdSchema).check(z.minLength(1), z.maxLength(500)),
  scope: PublicationScopeSchema,
  organiserId: IdSchema,
  status: PublicationStatusSchema,
  publishedAt: z.nullable(InstantSchema),
  version: VersionSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Publication = z.infer<typeof PublicationSchema>;
