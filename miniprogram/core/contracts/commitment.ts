/** Commitment (公开承诺): a member's or an org's public promises and their fulfilment; public within the org. */
import * as z from 'zod/mini';
import { CstDateSchema, IdSchema, InstantSchema, VersionSchema, requiredText, text } from './review';

export const CommitmentOwnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PERSON'), personId: IdSchema, orgId: IdSchema }),
  z.object({ kind: z.literal('ORG'), orgId: IdSchema }),
]);
export type CommitmentOwner = z.infer<typeof CommitmentOwnerSchema>;

/** The stored key of an owner's commitments (`PERSON:<id>` or `ORG:<id>`): one key per owner, whoever asks. */
export function commitmentOwnerKey(owner: { kind: 'PERSON'; personId: string } | { kind: 'ORG'; orgId: string }): string {
  return owner.kind === 'PERSON' ? `PERSON:${owner.personId}` : `ORG:${owner.orgId}`;
}

/** The key of the commitments a review target answers with: an org's own for an org, the person's for anyone else. */
export function targetOwnerKey(target: { kind: 'ORG' | 'ORG_LEADER' | 'COMMITTEE_MEMBER' | 'MEMBER'; orgId: string; personId: string | null }): string {
  return target.kind === 'ORG' || target.personId === null ? commitmentOwnerKey({ kind: 'ORG', orgId: target.orgId }) : commitmentOwnerKey({ kind: 'PERSON', personId: target.personId });
}

export const CommitmentItemSchema = z.object({
  id: IdSchema,
  content: requiredText(500),
  /** Percent done, 0–100. */
  progress: z.int().check(z.gte(0), z.lte(100)),
  fulfilmentNotes: text(1000),
});
export type CommitmentItem = z.infer<typeof CommitmentItemSchema>;

export const CommitmentSchema = z.object({
  id: IdSchema,
  tenantId: IdSchema,
  campaignId: IdSchema,
  owner: CommitmentOwnerSchema,
  items: z.array(CommitmentItemSchema).check(z.minLength(1), z.maxLength(30)),
  /** The day the commitment was made public. */
  date: CstDateSchema,
  version: VersionSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;
