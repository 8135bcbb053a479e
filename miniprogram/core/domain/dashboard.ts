/**
 * The progress dashboard (issue 21): what a leader or the office reads in two seconds. Pure: the page
 * passes `progress.get`'s rows and today; the figures (本级 row, percentages, gaps by reason, days to the
 * next report deadline, coverage over time) are decided here so the screen only draws them.
 */
import type { Counts } from '../contracts/campaign';
import { daysUntil } from './reminders';
import { HINT_CODES, HINT_LABELS, type HintCode } from './review-quality';

/** The three kinds of coverage, in the order of the seed-003 table. */
export const DASHBOARD_KINDS = ['leaders', 'orgs', 'members'] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];
/** What each kind is called on the dashboard. */
export const KIND_LABELS: Record<DashboardKind, string> = { leaders: '领导', orgs: '党组织', members: '党员' };

/** The parts of a `progress.get` row the dashboard reads. */
export interface DashboardRowInput {
  orgId: string;
  name: string;
  depth: number;
  hasChildren: boolean;
  required: Counts;
  completed: Counts;
  own: { required: Counts; completed: Counts };
  quality?: { submitted: number; hints: Partial<Record<HintCode, number>> };
}

/**
 * One bar: done of required and its whole percentage. When nothing is required the bar is `empty`: it
 * reads 「无」 and draws nothing, because a full green bar would claim work that never existed.
 */
export interface Bar {
  kind: DashboardKind;
  label: string;
  done: number;
  required: number;
  percent: number;
  empty: boolean;
  /** What the screen writes beside the label: 「2/7　28%」, or 「无」 when nothing is required. */
  figure: string;
}

/** One unit row of the dashboard; `own` marks the 本级 row (the unit's own people, not a unit below). */
export interface DashboardRow {
  orgId: string;
  name: string;
  own: boolean;
  drill: boolean;
  bars: Bar[];
  gaps: number;
}

/** A reason something is missing, who must act, and how many. */
export interface GapReason {
  code: 'LEADERS_NOT_REVIEWING' | 'NOT_REVIEWED';
  count: number;
  text: string;
  who: string;
}

/** The whole dashboard: the summary (合计), one row per unit that adds up to it, and the gaps by reason. */
export interface Dashboard {
  total: Bar[];
  gaps: number;
  rows: DashboardRow[];
  gapReasons: GapReason[];
}

/** Whole percentage of done over required; 100 when nothing is required (the coverage chart's reading). */
export function percentOf(done: number, required: number): number {
  if (required <= 0) return 100;
  return Math.floor((Math.min(done, required) / required) * 100);
}

/** One bar of done over required; empty (「无」, no fill) when nothing is required. */
export function barOf(kind: DashboardKind, required: number, done: number): Bar {
  const empty = required <= 0;
  const percent = empty ? 0 : percentOf(done, required);
  return { kind, label: KIND_LABELS[kind], done, required, percent, empty, figure: empty ? '无' : `${done}/${required}　${percent}%` };
}

/** The three bars of a pair of counts. */
export function barsOf(required: Counts, completed: Counts): Bar[] {
  return DASHBOARD_KINDS.map((kind) => barOf(kind, required[kind], completed[kind]));
}

function gapsOf(required: Counts, completed: Counts): number {
  return DASHBOARD_KINDS.reduce((n, k) => n + Math.max(0, required[k] - completed[k]), 0);
}

/**
 * The dashboard of a `progress.get` table: the depth-0 row is the 合计; each child is a row, and the
 * unit's own people (its counter's `own`) are the 本级 row, so the rows always add up to the 合计.
 * 本级 is left out when it has nobody to count.
 */
export function dashboardOf(rows: readonly DashboardRowInput[]): Dashboard {
  const self = rows.find((r) => r.depth === 0);
  if (!self) return { total: barsOf(zero(), zero()), gaps: 0, rows: [], gapReasons: [] };
  const children = rows.filter((r) => r.depth > 0);
  const ownRow: DashboardRow = {
    orgId: self.orgId,
    name: '本级',
    own: true,
    drill: false,
    bars: barsOf(self.own.required, self.own.completed),
    gaps: gapsOf(self.own.required, self.own.completed),
  };
  const hasOwn = DASHBOARD_KINDS.some((k) => self.own.required[k] > 0);
  const childRows = children.map((c) => ({ orgId: c.orgId, name: c.name, own: false, drill: c.hasChildren, bars: barsOf(c.required, c.completed), gaps: gapsOf(c.required, c.completed) }));
  const leadersMissing = Math.max(0, self.required.leaders - self.completed.leaders);
  const othersMissing = Math.max(0, self.required.orgs - self.completed.orgs) + Math.max(0, self.required.members - self.completed.members);
  const gapReasons: GapReason[] = [];
  if (leadersMissing) gapReasons.push({ code: 'LEADERS_NOT_REVIEWING', count: leadersMissing, text: `${leadersMissing}位领导还没点评完该点评的人`, who: '需领导本人完成点评' });
  if (othersMissing) gapReasons.push({ code: 'NOT_REVIEWED', count: othersMissing, text: `${othersMissing}个党组织或党员还没被点评`, who: '需其点评人完成点评；没有点评人的，需管理员补上' });
  return { total: barsOf(self.required, self.completed), gaps: gapsOf(self.required, self.completed), rows: hasOwn ? [ownRow, ...childRows] : childRows, gapReasons };
}

function zero(): Counts {
  return { leaders: 0, orgs: 0, members: 0 };
}

/** Days from today to the first report deadline on or after today, or null when none is left. */
export function daysToNextDeadline(today: string, deadlines: readonly string[]): { date: string; days: number } | null {
  const next = [...deadlines].filter((d) => daysUntil(today, d) >= 0).sort()[0];
  return next ? { date: next, days: daysUntil(today, next) } : null;
}

/** The review-quality counts in plain words, only the kinds that occurred (counts, never a ranking of people). */
export function qualityLines(quality: { submitted: number; hints: Partial<Record<HintCode, number>> } | undefined): string[] {
  if (!quality || quality.submitted === 0) return [];
  return [`已交点评${quality.submitted}份`, ...HINT_CODES.filter((c) => (quality.hints[c] ?? 0) > 0).map((c) => `${quality.hints[c]}份${HINT_LABELS[c]}`)];
}

/** One point of coverage over time: a report's overall percentage (all units required and done). */
export interface CoveragePoint {
  asOf: number;
  percent: number;
}

/**
 * Coverage over time for the chart: each submitted report's top row, oldest first, then now. The
 * percentage is done of required over all three kinds together.
 */
export function coverageSeries(reports: ReadonlyArray<{ asOf: number; rows: ReadonlyArray<{ depth: number; required: Counts; cumulative: Counts }> }>, now: { asOf: number; required: Counts; completed: Counts }): CoveragePoint[] {
  const overall = (required: Counts, done: Counts) => percentOf(DASHBOARD_KINDS.reduce((n, k) => n + Math.min(done[k], required[k]), 0), DASHBOARD_KINDS.reduce((n, k) => n + required[k], 0));
  const past = reports
    .map((r) => ({ r, top: r.rows.find((row) => row.depth === 0) }))
    .filter((x) => x.top)
    .map(({ r, top }) => ({ asOf: r.asOf, percent: overall(top!.required, top!.cumulative) }))
    .sort((a, b) => a.asOf - b.asOf);
  return [...past, { asOf: now.asOf, percent: overall(now.required, now.completed) }];
}
