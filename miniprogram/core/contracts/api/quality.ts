/**
 * Contracts of the review-quality hints (issue 27): what `session.get` sends the session's writer to
 * compute the hints on the phone, and the per-unit counts `progress.get` shows the upper unit.
 */
import * as z from 'zod/mini';
import { HINT_CODES } from '../../domain/review-quality';
import { IdSchema } from '../review';

export const HintCodeSchema = z.enum(HINT_CODES);

/** A MinHash signature: 64 minima of 16 bits as hex, or '' for a part too short to compare. */
const SignatureSchema = z.string().check(z.regex(/^(?:[0-9a-f]{256})?$/));
export const FingerprintSchema = z.object({ body: SignatureSchema, problems: SignatureSchema, direction: SignatureSchema });

/**
 * What the hints of a session's reviews are compared with: the reviewer's other reviews as fingerprints
 * (this cycle's of other targets outside the session; last cycle's of the session's targets), and the
 * targets' public commitments by target id (`personId ?? orgId`).
 */
export const QualityContextSchema = z.object({
  others: z.array(z.object({ targetKey: IdSchema, targetName: z.string(), cycle: z.enum(['THIS', 'LAST']), fingerprint: FingerprintSchema })),
  commitments: z.record(IdSchema, z.array(z.object({ content: z.string(), fulfilmentNotes: z.string() }))),
});
export type QualityContext = z.infer<typeof QualityContextSchema>;

/** Submitted reviews of a unit (its subtree) and how many carried a hint of each kind: counts, never scores. */
export const QualityCountsSchema = z.object({
  submitted: z.int().check(z.gte(0)),
  hints: z.record(HintCodeSchema, z.int().check(z.gte(0))),
});
export type QualityCounts = z.infer<typeof QualityCountsSchema>;
