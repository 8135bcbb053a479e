/**
 * What a reader may see of a target's anonymous opinions (DOMAIN §6.2, docs/anonymity.md): nothing
 * until at least the threshold of givers answered (or, if the session says so, the opinion deadline
 * passed); then in an order that says nothing about arrival; and as of the start of the CST day, so
 * that polling shows neither when one arrived nor when one was withdrawn.
 */
import { cstEndOfDay, cstStartOfDay } from './cst';

/** The fields of a stored opinion this rule reads. */
export interface OpinionState {
  id: string;
  anonymous: boolean;
  status: 'SUBMITTED' | 'WITHDRAWN';
  submittedAt: number;
  withdrawnAt: number | null;
}

export interface VisibilitySettings {
  threshold: number;
  revealAfterDeadline: boolean;
  opinionDeadline: string | null;
  now: number;
}

/**
 * A target's anonymous opinions as they stood at the start of today: given before today, and not
 * withdrawn before today (an opinion withdrawn today still counts, and is shown, until tomorrow).
 */
export function asOfToday<O extends OpinionState>(opinions: readonly O[], now: number): O[] {
  const dayStart = cstStartOfDay(now);
  return opinions
    .filter((o) => o.anonymous && o.submittedAt < dayStart && !(o.status === 'WITHDRAWN' && o.withdrawnAt !== null && o.withdrawnAt < dayStart))
    .map((o) => (o.status === 'WITHDRAWN' ? { ...o, status: 'SUBMITTED' as const, withdrawnAt: null } : o));
}

/**
 * The anonymous opinions of ONE target a reader may see, ordered by their random ids (an order that
 * carries no arrival time and stays the same between polls), and whether some are held back.
 */
export function visibleAnonymous<O extends OpinionState>(opinions: readonly O[], settings: VisibilitySettings): { shown: O[]; pending: boolean; received: number } {
  const standing = asOfToday(opinions, settings.now);
  if (standing.length === 0) return { shown: [], pending: false, received: 0 };
  const deadlinePassed = settings.opinionDeadline !== null && settings.now > cstEndOfDay(settings.opinionDeadline);
  // One opinion per giver per target per session, so opinions standing = givers who answered.
  if (standing.length < settings.threshold && !(settings.revealAfterDeadline && deadlinePassed)) return { shown: [], pending: true, received: standing.length };
  return { shown: [...standing].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), pending: false, received: standing.length };
}
