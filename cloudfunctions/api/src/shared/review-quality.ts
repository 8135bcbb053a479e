/**
 * Review quality (issue 27) on the server: what the hints are compared with, and the per-unit counts
 * kept when reviews are submitted.
 *
 * Where the hints are computed, and why: on the phone, from what `session.get` returns. The page shows
 * them as the reviewer writes (no call per keystroke or per blur, so the cost of writing stays the one
 * `session.get` and the one `review.saveBatch`), and `session.get` sends the reviewer's other reviews as
 * fixed-size MinHash fingerprints, not their text: the payload per review is constant whatever was
 * written, and no text of another target's review travels (an admin entering a leader's reviews sees
 * no other review's words). That costs `session.get` three constant reads (this cycle's other reviews,
 * a page of 100; last cycle's reviews of the session's targets; their commitments). When reviews are
 * submitted, the api computes the same hints with the same function and the same reads to keep the
 * counts: a counter per unit incremented in the submit's transaction, never a scan of reviews.
 */
import type { Review } from '../../../../miniprogram/core/contracts/review';
import { targetOwnerKey } from '../../../../miniprogram/core/contracts/commitment';
import type { QualityContext } from '../../../../miniprogram/core/contracts/api/quality';
import { HINT_CODES, fingerprintOf, hintKinds, sessionReviewHints, type HintCode, type SessionReview } from '../../../../miniprogram/core/domain/review-quality';
import type { Db } from '../frame/db';
import type { Write } from '../frame/uow';
import { COL } from '../repositories/collections';
import { CommitmentDoc, type OrgDoc } from '../repositories/docs';
import { counterId } from '../repositories/progress-docs';
import { findMany } from '../repositories/read';
import { SESSION_MAX } from '../repositories/work';
import { ReviewDoc } from '../repositories/work-docs';

/** This cycle's other reviews sent with a session: the newest page; older ones are rarely what is copied. */
export const OTHERS_PAGE = 100;

/** The text of a review as the hints read it, with its target's id. */
export function sessionReviewOf(r: Pick<Review, 'target' | 'aspects' | 'achievements' | 'problems' | 'direction' | 'rectification'>): SessionReview {
  return {
    targetKey: r.target.personId ?? r.target.orgId,
    targetName: r.target.name,
    aspects: r.aspects,
    achievements: r.achievements,
    problems: r.problems,
    direction: r.direction,
    requirement: r.rectification.requirement,
  };
}


/**
 * What the hints of some reviews of one reviewer compare with, in three reads whatever the tenant's size:
 * the reviewer's newest reviews of this cycle (other than `exclude`), the latest earlier-cycle review of
 * each target, and the targets' public commitments (those passed by the content check).
 */
export async function loadQualityContext(
  db: Db,
  q: { campaignId: string; reviewerId: string | null; reviews: ReadonlyArray<Pick<Review, 'target' | 'cycleKey'>>; exclude: { sessionId: string } | { ids: readonly string[] } },
): Promise<QualityContext> {
  const _ = db.command;
  const cycleKeys = [...new Set(q.reviews.map((r) => r.cycleKey))];
  const keys = [...new Set(q.reviews.map((r) => r.target.personId ?? r.target.orgId))];
  const owners = [...new Set(q.reviews.map((r) => targetOwnerKey(r.target)))];
  const excluded = 'sessionId' in q.exclude ? { sessionId: _.neq(q.exclude.sessionId) } : { _id: _.nin([...q.exclude.ids]) };
  const [thisCycle, earlier, commitments] = await Promise.all([
    findMany(db, COL.reviews, ReviewDoc, { campaignId: q.campaignId, reviewerId: q.reviewerId, cycleKey: _.in(cycleKeys), ...excluded }, { limit: OTHERS_PAGE, orderBy: [['updatedAt', 'desc']] }),
    findMany(db, COL.reviews, ReviewDoc, { campaignId: q.campaignId, reviewerId: q.reviewerId, targetKey: _.in(keys), cycleKey: _.nin(cycleKeys) }, { limit: SESSION_MAX, orderBy: [['cycleKey', 'desc']] }),
    findMany(db, COL.commitments, CommitmentDoc, { campaignId: q.campaignId, ownerKey: _.in(owners) }, { limit: SESSION_MAX }),
  ]);
  // Per target, its review of the latest cycle before the one it is reviewed in now.
  const current = new Map(q.reviews.map((r) => [r.target.personId ?? r.target.orgId, r.cycleKey]));
  const last = new Map<string, ReviewDoc>();
  for (const d of earlier) {
    const now = current.get(d.targetKey);
    if (now === undefined || d.cycleKey >= now) continue;
    const prev = last.get(d.targetKey);
    if (!prev || d.cycleKey > prev.cycleKey) last.set(d.targetKey, d);
  }
  const others = [
    ...thisCycle.map((d) => ({ d, cycle: 'THIS' as const })),
    ...[...last.values()].map((d) => ({ d, cycle: 'LAST' as const })),
  ].map(({ d, cycle }) => ({ targetKey: d.targetKey, targetName: d.target.name, cycle, fingerprint: fingerprintOf(sessionReviewOf(d)) }));
  const byOwner = new Map(commitments.filter((c) => c.moderation === 'PASS').map((c) => [c.ownerKey, c.items.map((i) => ({ content: i.content, fulfilmentNotes: i.fulfilmentNotes }))]));
  const commitmentsOf: Record<string, Array<{ content: string; fulfilmentNotes: string }>> = {};
  for (const r of q.reviews) {
    const items = byOwner.get(targetOwnerKey(r.target));
    if (items) commitmentsOf[r.target.personId ?? r.target.orgId] = items;
  }
  return { others, commitments: commitmentsOf };
}

/** The hint kinds of each submitted review, computed as the page computes them, with the batch as the session. */
export function submittedHintKinds(submitted: readonly SessionReview[], context: QualityContext): HintCode[][] {
  return submitted.map((r) => hintKinds(sessionReviewHints(r, submitted, context)));
}

/**
 * The counter increments of submitted reviews: per org from the reviewing org up to the root,
 * `quality.rolled.submitted` and one per hint kind carried, and `quality.own.*` on the reviewing org.
 * An org without a counter (no plan yet) ignores the increment, as it does completions.
 */
export function qualityCounterWrites(campaignId: string, org: Pick<OrgDoc, '_id' | 'path'>, kinds: readonly HintCode[][]): Write[] {
  if (kinds.length === 0) return [];
  const fields: Record<string, number> = { submitted: kinds.length };
  for (const code of HINT_CODES) {
    const n = kinds.filter((k) => k.includes(code)).length;
    if (n) fields[code] = n;
  }
  const prefixed = (part: 'own' | 'rolled') => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`quality.${part}.${k}`, v]));
  return [...org.path, org._id].map((orgId) => ({
    kind: 'inc' as const,
    collection: COL.counters,
    id: counterId(campaignId, orgId),
    fields: orgId === org._id ? { ...prefixed('rolled'), ...prefixed('own') } : prefixed('rolled'),
  }));
}

/** A counter's figures as the dashboard reads them: every hint kind present, zero when none was counted. */
export function qualityCountsOf(stored: Readonly<Record<string, number>> | undefined) {
  const hints = Object.fromEntries(HINT_CODES.map((code) => [code, stored?.[code] ?? 0])) as Record<HintCode, number>;
  return { submitted: stored?.submitted ?? 0, hints };
}
