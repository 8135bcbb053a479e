/**
 * Claims on a roster entry (加入申请): what a claimant must enter so that a stranger holding the
 * invitation link cannot pass, what the secretary is shown to check them by, and when a claim may be
 * approved. The roster keeps only the last four digits of a phone number (see docs/privacy.md).
 */
import type * as z from 'zod/mini';
import type { PhoneCheckSchema } from '../contracts/api/work';
import { fail, type Result } from '../errors';

/** How the phone tail a claimant entered compares with the roster's (never the roster's digits). */
export type PhoneCheck = z.infer<typeof PhoneCheckSchema>;

/** Claims one WeChat user may submit in a rolling day: a member needs one, a guesser is stopped. */
export const CLAIMS_PER_DAY = 3;
const DAY = 24 * 3600 * 1000;

/** The words the secretary's 加入申请 screen shows for each check. */
export const PHONE_CHECK_LABELS: Record<PhoneCheck, string> = {
  MATCH: '手机尾号相符',
  MISMATCH: '手机尾号不符',
  NOT_GIVEN: '未填手机尾号',
  NO_ROSTER_PHONE: '名册未登记手机号，请当面或电话核实',
};

/** The last four digits of a roster phone number, or undefined when the cell holds fewer than four digits. */
export function phoneTailOf(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

/** Compares what the claimant entered with the roster's tail. */
export function phoneCheck(rosterTail: string | undefined, entered: string | undefined): PhoneCheck {
  if (!rosterTail) return 'NO_ROSTER_PHONE';
  if (!entered) return 'NOT_GIVEN';
  return entered === rosterTail ? 'MATCH' : 'MISMATCH';
}

/** A typed name as the roster holds it: spaces (half or full width) do not make a different person. */
export function sameName(typed: string, rosterName: string): boolean {
  const norm = (s: string) => s.replace(/[\s\u3000·•.]/g, '');
  return norm(typed) === norm(rosterName);
}

/**
 * Picks the roster entry a typed name claims among the open entries of the invited org: the one whose
 * tail matches when two share the name, else the first; null when nobody open has that name.
 */
export function claimedEntry<P extends { name: string; phoneTail?: string }>(entries: readonly P[], name: string, tail: string | undefined): P | null {
  const named = entries.filter((p) => sameName(name, p.name));
  return named.find((p) => phoneCheck(p.phoneTail, tail) === 'MATCH') ?? named[0] ?? null;
}

/** Refuses a further claim once this WeChat user has made CLAIMS_PER_DAY within the last day. */
export function claimRateRefusal(previousClaimTimes: readonly number[], now: number): Result<true> {
  const recent = previousClaimTimes.filter((t) => t > now - DAY).length;
  return recent >= CLAIMS_PER_DAY ? fail('CLAIM.TOO_MANY') : { ok: true, value: true };
}

/**
 * A claim may be approved only when nothing on the roster speaks against it: a tail that does not
 * match (or was not given when the roster has one) is what a stranger with the link would produce.
 */
export function claimApprovalRefusal(check: PhoneCheck | undefined): Result<true> {
  return check === 'MISMATCH' || check === 'NOT_GIVEN' ? fail('CLAIM.PHONE_MISMATCH') : { ok: true, value: true };
}

/** Why a pending claim closed when its person was bound through another claim, or its claimant was. */
export const CLOSED_REASONS = {
  PERSON_BOUND: '该人员已通过另一份申请加入',
  CLAIMANT_BOUND: '申请人已以名册中的另一人加入',
} as const;
export type ClosedReason = keyof typeof CLOSED_REASONS;
