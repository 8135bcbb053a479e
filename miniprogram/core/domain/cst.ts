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

/** The hour (0–23) on a CST clock at an instant. */
export function cstHourOf(instant: number): number {
  return Math.floor((((instant + CST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000);
}

/** The CST date `days` after `date` (negative: before); noon keeps the sum inside the day. */
export function addCstDays(date: string, days: number): string {
  return cstDateOf(cstStartOf(date) + days * DAY_MS + DAY_MS / 2);
}

/** A CST calendar date (`YYYY-MM-DD`) as people read it, 2026年12月9日; anything else is shown as it is. */
export function cstDateLabel(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The CST day of an instant as people read it, 2011年1月17日, on any machine's time zone. */
export function cstInstantLabel(instant: number): string {
  return cstDateLabel(cstDateOf(instant));
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
