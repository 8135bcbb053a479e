/**
 * What a person owes now (issue 19): one statement per fact, asked by home (the to-do), the `remind`
 * timer (what is due a reminder) and the in-app fallback (which reminders are still open). Each edge
 * loads its own slice and asks here, so the to-do, the message and the fallback never disagree.
 */
import { targetId, type TargetKind, type TargetRef } from '../contracts/review';
import type { RectificationStatus } from '../contracts/rectification';
import { cstDateOf } from './cst';
import { handInOwed, handInReminderDue, type HandIn, type HandInCall } from './hand-ins';
import { reportsOpenOn, type ReminderFacts, type ReportSession } from './reminders';
import { availableEvents, RECTIFICATION_MACHINE } from './workflow';

/** One reminder for one person (a person id of the campaign's tenant), or for an administrator off the roster (by openid). */
export interface DueReminder {
  tenantId: string;
  personId: string | null;
  /** Given when the recipient is known by openid (the office); otherwise the person's bound openid is used. */
  openid?: string;
  facts: ReminderFacts;
}

/** The one key of "this target has reported in this session": the same shape wherever it is asked. */
export function reportKey(sessionId: string, target: { kind: TargetKind; id: string }): string {
  return `${sessionId}|${target.kind}|${target.id}`;
}

/** A session as the report rule reads it. */
export interface OwedReportSession extends ReportSession {
  id: string;
  targets: readonly TargetRef[];
}

/**
 * The (session, target) pairs whose report is still owed on `day`: the session's reports are still due
 * (reportsOpenOn) and the target has not submitted one. `submitted` holds reportKey()s.
 */
export function reportsOwed<S extends OwedReportSession>(sessions: readonly S[], submitted: ReadonlySet<string>, day: string): Array<{ session: S; target: TargetRef }> {
  return sessions.filter((s) => reportsOpenOn(day, s)).flatMap((session) => session.targets.filter((t) => !submitted.has(reportKey(session.id, { kind: t.kind, id: targetId(t) }))).map((target) => ({ session, target })));
}

/** True while the target still has to act on a rectification (plan or reply): the machine grants the target a step. */
export function rectificationOwedByTarget(status: RectificationStatus): boolean {
  return availableEvents(RECTIFICATION_MACHINE, status, ['TARGET']).length > 0;
}

/** True while a rectification waits for its reviewer's confirmation: the machine grants the reviewer CONFIRM. */
export function replyToConfirm(status: RectificationStatus): boolean {
  return availableEvents(RECTIFICATION_MACHINE, status, ['REVIEWER']).includes('CONFIRM');
}

/** True when a unit has reported in the period that began on `since` (a CST date): its last report is dated after it. */
export function unitReported(lastReport: { asOf: number } | null, since: string): boolean {
  return lastReport !== null && cstDateOf(lastReport.asOf) > since;
}

/**
 * The lower units reminded today of the 具体方案 their upper unit asked for: the request's deadline is 3 or 1
 * days away and the unit has not handed in (core/domain/hand-ins.ts). Once handed in, a unit owes nothing.
 */
export function planHandInsDue<U extends { handIn: HandIn | null }>(today: string, call: HandInCall, lowerUnits: readonly U[]): U[] {
  if (!handInReminderDue(today, call)) return [];
  return lowerUnits.filter((u) => handInOwed(call, u.handIn));
}
