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

