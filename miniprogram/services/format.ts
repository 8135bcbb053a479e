/** Date display helpers shared by pages (labels of enums come from the core). No rules live here. */

/** A CST calendar date (YYYY-MM-DD) as 2026年12月9日. */
export function cstDateLabel(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** An instant (epoch ms) as a CST date label, independent of the device's time zone. */
export function instantLabel(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Today's CST calendar date (YYYY-MM-DD) on this phone's clock. */
export function cstToday(): string {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}


// Dates (2026年11月26日, 11月26日, 2026-11-26), times (9:30) and amounts with their unit (70%, 0 项, 3 人,
// 2/3): each is read as one word, so it is kept on one line.
const KEEP = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d+(?:[./]\d+)?\s?(?:%|条|人|项|个|次|天|份|名|位|年|岁|分|周|月)?/g;

/** Splits a line into runs to show as they are and tokens (dates, numbers) to keep unbroken. */
export function keepParts(text: string | null | undefined): { text: string; keep: boolean }[] {
  const parts: { text: string; keep: boolean }[] = [];
  const line = text ?? '';
  let at = 0;
  for (const m of line.matchAll(KEEP)) {
    const start = m.index ?? 0;
    if (start > at) parts.push({ text: line.slice(at, start), keep: false });
    parts.push({ text: m[0], keep: true });
    at = start + m[0].length;
  }
  if (at < line.length) parts.push({ text: line.slice(at), keep: false });
  return parts;
}
