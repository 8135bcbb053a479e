/**
 * China Standard Time calendar maths: a fixed UTC+8 with no daylight saving, so shifting by 8 h
 * and reading UTC fields is exact on any machine, whatever its time zone.
 */

export const CST_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The CST calendar date of an instant, `YYYY-MM-DD`. */
export function cstDateOf(instant: number): string {
  const d = new Date(instant + CST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The instant a CST calendar date begins (00:00 CST). */
export function cstStartOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - CST_OFFSET_MS;
}

/** The instant after a CST calendar date ends: a deadline "by 1月28日" is late from here. */
export function cstEndOf(date: string): number {
  return cstStartOf(date) + DAY_MS;
}

/** The last millisecond of a CST calendar day. */
export function cstEndOfDay(date: string): number {
  return cstEndOf(date) - 1;
}

/** CST midnight of the day an instant falls on. */
export function cstStartOfDay(instant: number): number {
  return Math.floor((instant + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/** True for a real `YYYY-MM-DD` calendar date. */
export function isCstDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
