/**
 * 本期应点评而未点评的: which owed reviews a new session takes. A review owed by a reviewer in a cycle is
 * taken once a review of theirs for that target in that cycle exists — drafted in a session not yet
 * finished, or written. One statement of it, read by 发起点评's 「将点评 N 人」 (through requirement.list),
 * by `session.start` when it picks those still due, and by 待办's count of what is left to start.
 */
import type { TargetKind } from '../contracts/review';

/** What identifies an owed review: whose, in which campaign and cycle, of which target. */
export interface OwedKey {
  campaignId: string;
  reviewerId: string | null;
  cycleKey: string;
  targetKind: TargetKind;
  targetId: string;
}

/** A review that already exists (any status), as stored. */
export interface HeldReview {
  campaignId: string;
  reviewerId: string | null;
  cycleKey: string;
  target: { kind: TargetKind };
  targetKey: string;
}

const keyOf = (k: OwedKey) => `${k.campaignId}|${k.reviewerId ?? ''}|${k.cycleKey}|${k.targetKind}|${k.targetId}`;

/** The owed reviews a review already holds (the keys of `held`). */
export function heldKeys(held: readonly HeldReview[]): Set<string> {
  return new Set(held.map((r) => keyOf({ campaignId: r.campaignId, reviewerId: r.reviewerId, cycleKey: r.cycleKey, targetKind: r.target.kind, targetId: r.targetKey })));
}

/** True when a review of its reviewer already holds this owed review (it is in a session, or written). */
export function isHeld(owed: OwedKey, held: ReadonlySet<string>): boolean {
  return held.has(keyOf(owed));
}

/** The items still to be taken into a session: those no existing review holds, `owedOf` naming each. */
export function stillToStart<T>(items: readonly T[], held: readonly HeldReview[], owedOf: (item: T) => OwedKey): T[] {
  const keys = heldKeys(held);
  return items.filter((x) => !isHeld(owedOf(x), keys));
}
