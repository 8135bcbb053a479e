/** Date display helpers shared by pages (labels of enums come from the core). No rules live here. */

import { cstDateLabel, cstDateOf, cstInstantLabel } from '../core/domain/cst';

// The CST calendar maths itself lives in core/domain/cst.ts; these only adapt it to what pages hold.
export { cstDateLabel };

/** An instant (epoch ms) as a CST date label, or empty when there is none. */
export function instantLabel(ms: number | null | undefined): string {
  return ms ? cstInstantLabel(ms) : '';
}

/** Today's CST calendar date (YYYY-MM-DD) on this phone's clock. */
export function cstToday(): string {
  return cstDateOf(Date.now());
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
