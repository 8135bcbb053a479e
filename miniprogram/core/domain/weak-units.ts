/**
 * Weak units [001] (「对工作基础较薄弱的基层党组织，上一级党组织主要负责人要亲自参加」): the upper unit marks a
 * lower unit as 薄弱 for the campaign, and in each round the upper org's principal leader (its secretary)
 * must take part in that unit's review work himself, either by reviewing it (the unit, its secretary or a
 * member of it) or by attending its review (会议、走访, recorded with the day). Until then the unit shows
 * as a gap on its upper unit's progress screen.
 */
import type { CallerFacts } from './permissions';

/** The longest note on why a unit is weak, or on how the leader took part. */
export const WEAK_NOTE_MAX = 100;

/** How the upper principal took part in a round: the day and a few words (会议、走访). */
export interface WeakAttendance {
  date: string;
  note: string;
  /** Who recorded it: the principal himself, or the office entering it for him. */
  by: string;
  at: number;
}

/** A unit marked weak for a campaign, kept on its progress counter. */
export interface WeakMark {
  note: string;
  by: string;
  at: number;
  /** Attendance per round (cycle key). */
  attended?: Record<string, WeakAttendance>;
}

/** Where a weak unit stands in a round: the principal reviewed it, attended its review, still owes it, or there is no principal. */
export type WeakState = 'REVIEWED' | 'ATTENDED' | 'OWED' | 'NO_PRINCIPAL';

/** Whether the weak unit's upper principal has taken part this round, in the seed's words for the screen. */
export function weakUnitStatus(
  mark: WeakMark,
  round: string,
  principal: { id: string | null; name: string | null },
  reviewedByPrincipal: boolean,
): { state: WeakState; label: string; owed: boolean } {
  if (principal.id === null) return { state: 'NO_PRINCIPAL', label: '薄弱单位：上级党组织书记空缺，请先配齐', owed: true };
  if (reviewedByPrincipal) return { state: 'REVIEWED', label: `薄弱单位：${principal.name ?? '上级党组织书记'}已亲自点评`, owed: false };
  const attended = mark.attended?.[round];
  if (attended) return { state: 'ATTENDED', label: `薄弱单位：${principal.name ?? '上级党组织书记'}已亲自参加（${attended.date}）`, owed: false };
  return { state: 'OWED', label: `薄弱单位：待${principal.name ?? '上级党组织书记'}亲自参加点评`, owed: true };
}

/** Why a note (the reason for marking, or how the leader took part) cannot be kept as written, or null. */
export function weakNoteProblem(note: string): string | null {
  return note.trim().length > WEAK_NOTE_MAX ? `说明请控制在${WEAK_NOTE_MAX}字以内` : null;
}

/**
 * Who may record that the upper principal took part: he himself, or the office entering it for him
 * (as it enters reviews for leaders not on the app). Null when the caller may; else the refusal's code.
 */
export function attendanceRefusal(caller: Pick<CallerFacts, 'personId' | 'admin'>, principalId: string | null): 'PROGRESS.NO_PRINCIPAL' | 'PROGRESS.NOT_PRINCIPAL' | null {
  if (principalId === null) return 'PROGRESS.NO_PRINCIPAL';
  if (caller.admin || caller.personId === principalId) return null;
  return 'PROGRESS.NOT_PRINCIPAL';
}
