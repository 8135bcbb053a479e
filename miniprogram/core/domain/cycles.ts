/**
 * Review cycles and deadlines (DOMAIN §3). Calendar maths in China Standard Time, a fixed UTC+8:
 * shift by 8 h and use UTC getters, so the machine's time zone never matters.
 */
import { DEFAULT_FREQUENCIES, type Campaign, type CampaignStage, type Frequency } from '../contracts/campaign';
import { ReviewRuleSchema, type ReviewRule } from '../contracts/review';
import { fail, ok, type Result } from '../errors';
import { CST_OFFSET_MS, DAY_MS, cstDateOf, cstEndOf, cstStartOf } from './cst';

export { CST_OFFSET_MS, DAY_MS, cstDateOf, cstEndOf, cstStartOf };


/** A calendar period of one frequency, clipped to the campaign. `end` is exclusive; `due` is the instant it is late from. */
export interface Cycle {
  key: string;
  frequency: Frequency;
  start: number;
  end: number;
  due: number;
  /** The due date as a CST calendar date (the last day on which it is on time). */
  dueDate: string;
}

export type CycleStatus = 'NOT_STARTED' | 'OPEN' | 'DUE_SOON' | 'OVERDUE';

/** A frequency that follows the calendar (every one but 每阶段, whose periods the campaign names). */
export type CalendarFrequency = Exclude<Frequency, 'STAGE'>;

const MONTHS: Record<CalendarFrequency, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

/** The calendar period of `frequency` containing `instant`, unclipped: key, start and exclusive end. */
export function calendarPeriod(frequency: CalendarFrequency, instant: number): { key: string; start: number; end: number } {
  const d = new Date(instant + CST_OFFSET_MS);
  const year = d.getUTCFullYear();
  const span = MONTHS[frequency];
  const first = Math.floor(d.getUTCMonth() / span) * span; // 0-based first month of the period
  const start = Date.UTC(year, first, 1) - CST_OFFSET_MS;
  const end = Date.UTC(year, first + span, 1) - CST_OFFSET_MS;
  const index = first / span + 1;
  const key =
    frequency === 'YEARLY'
      ? `${year}`
      : frequency === 'HALF_YEARLY'
        ? `${year}-H${index}`
        : frequency === 'QUARTERLY'
          ? `${year}-Q${index}`
          : `${year}-${String(first + 1).padStart(2, '0')}`;
  return { key, start, end };
}

/** The frequency a campaign sets for a rule, or the DOMAIN §3 default. */
export function ruleFrequency(campaign: Campaign, rule: ReviewRule): Frequency {
  return campaign.frequencies?.[rule] ?? DEFAULT_FREQUENCIES[rule];
}

/** The distinct frequencies a campaign uses, in rule order. */
export function usedFrequencies(campaign: Campaign): Frequency[] {
  return [...new Set(ReviewRuleSchema.options.map((r) => ruleFrequency(campaign, r)))];
}

/** The rules whose cycles are of `frequency`. */
export function rulesOfFrequency(campaign: Campaign, frequency: Frequency): ReviewRule[] {
  return ReviewRuleSchema.options.filter((r) => ruleFrequency(campaign, r) === frequency);
}

function campaignBounds(campaign: Campaign): { start: number; end: number } {
  return { start: cstStartOf(campaign.start), end: cstEndOf(campaign.end) };
}

function clip(campaign: Campaign, frequency: Frequency, period: { key: string; start: number; end: number }): Cycle {
  const bounds = campaignBounds(campaign);
  const start = Math.max(period.start, bounds.start);
  const end = Math.min(period.end, bounds.end);
  const configured = campaign.cycleDueDates?.[period.key];
  const due = configured !== undefined ? cstEndOf(configured) : end;
  return { key: period.key, frequency, start, end, due, dueDate: cstDateOf(due - 1) };
}

/** The cycle key of the campaign's stage at `index` (0-based): its start year and its place, `2010-S2`. */
export function stageKey(stage: CampaignStage, index: number): string {
  return `${stage.start.slice(0, 4)}-S${index + 1}`;
}

/** The campaign's stages as cycles [002]: each its own period, due on its due date (or a cycleDueDates entry), else its last day. */
function stageCycles(campaign: Campaign): Cycle[] {
  return (campaign.stages ?? []).map((stage, i) => {
    const period = { key: stageKey(stage, i), start: cstStartOf(stage.start), end: cstEndOf(stage.end) };
    const cycle = clip(campaign, 'STAGE', period);
    const due = campaign.cycleDueDates?.[period.key] ?? stage.due;
    return due === undefined ? cycle : { ...cycle, due: cstEndOf(due), dueDate: due };
  });
}

/** Every cycle of `frequency` within the campaign, in order; the first and last are clipped to the campaign. */
export function cyclesOf(campaign: Campaign, frequency: Frequency): Cycle[] {
  if (frequency === 'STAGE') return stageCycles(campaign);
  const bounds = campaignBounds(campaign);
  const out: Cycle[] = [];
  let at = bounds.start;
  while (at < bounds.end) {
    const period = calendarPeriod(frequency, at);
    out.push(clip(campaign, frequency, period));
    at = period.end;
  }
  return out;
}

/** The cycle of `frequency` an instant falls in (a daily review counts there); CYCLE.NOT_FOUND outside the campaign. */
export function cycleAt(campaign: Campaign, frequency: Frequency, instant: number): Result<Cycle> {
  const bounds = campaignBounds(campaign);
  if (instant < bounds.start || instant >= bounds.end) return fail('CYCLE.NOT_FOUND');
  if (frequency === 'STAGE') {
    // Between two stages no stage cycle runs.
    const stage = stageCycles(campaign).find((c) => c.start <= instant && instant < c.end);
    return stage ? ok(stage) : fail('CYCLE.NOT_FOUND');
  }
  return ok(clip(campaign, frequency, calendarPeriod(frequency, instant)));
}

/** The instant a cycle's round closes: its due date when that is later than the period's end [001], else the end. */
export function roundClose(cycle: Cycle): number {
  return Math.max(cycle.end, cycle.due);
}

/**
 * The cycles of `frequency` whose round is open at `instant`, earliest first. A round runs from its
 * period's start until its due date even past the period's end (seed 001: the third quarter's review
 * 「在10月15日前完成」), so from 10-01 to 10-15 the Q3 round and the Q4 round are both open: Q3's
 * requirements stay planned and reminded, and a review done then counts for Q3 first (the earliest
 * open round it is still owed in, `matchReview`). Past the campaign's last day only such a late round
 * is open.
 */
export function openCyclesAt(campaign: Campaign, frequency: Frequency, instant: number): Cycle[] {
  return cyclesOf(campaign, frequency).filter((c) => c.start <= instant && instant < roundClose(c));
}

/** The cycle a review under `rule` at `instant` counts in first: the earliest open round (CYCLE.NOT_FOUND when none is). */
export function ruleCycleAt(campaign: Campaign, rule: ReviewRule, instant: number): Result<Cycle> {
  const open = openCyclesAt(campaign, ruleFrequency(campaign, rule), instant);
  return open.length ? ok(open[0]) : fail('CYCLE.NOT_FOUND');
}

/**
 * The open rounds of every frequency the campaign uses: what requiredReviews needs for "now". Usually one
 * per frequency; two of one frequency while a late round runs on (openCyclesAt). CYCLE.NOT_FOUND when
 * no round is open.
 */
export function currentCycles(campaign: Campaign, now: number): Result<Cycle[]> {
  const out = usedFrequencies(campaign).flatMap((f) => openCyclesAt(campaign, f, now));
  return out.length ? ok(out) : fail('CYCLE.NOT_FOUND');
}

/** Where a cycle stands at `now`: not started, open, due within `soonDays` days, or overdue (due has passed). */
export function cycleStatus(cycle: Cycle, now: number, soonDays: number): CycleStatus {
  if (now < cycle.start) return 'NOT_STARTED';
  if (now >= cycle.due) return 'OVERDUE';
  if (cycle.due - now <= soonDays * DAY_MS) return 'DUE_SOON';
  return 'OPEN';
}

/**
 * Cycles of every used frequency that are due within `soonDays` days of `now`, and those whose due
 * date has passed (the caller keeps the overdue ones that still have pending requirements).
 */
export function dueCycles(campaign: Campaign, now: number, soonDays: number): { dueSoon: Cycle[]; overdue: Cycle[] } {
  const dueSoon: Cycle[] = [];
  const overdue: Cycle[] = [];
  for (const f of usedFrequencies(campaign)) {
    for (const c of cyclesOf(campaign, f)) {
      const s = cycleStatus(c, now, soonDays);
      if (s === 'DUE_SOON') dueSoon.push(c);
      else if (s === 'OVERDUE') overdue.push(c);
    }
  }
  const byDue = (a: Cycle, b: Cycle) => a.due - b.due || a.key.localeCompare(b.key);
  return { dueSoon: dueSoon.sort(byDue), overdue: overdue.sort(byDue) };
}

/** Report deadlines (CST dates) falling within `soonDays` days of `now`, and those already passed. */
export function reportDeadlines(campaign: Campaign, now: number, soonDays: number): { dueSoon: string[]; passed: string[] } {
  const dates = [...(campaign.reportDeadlines ?? [])].sort();
  return {
    dueSoon: dates.filter((d) => now < cstEndOf(d) && cstEndOf(d) - now <= soonDays * DAY_MS),
    passed: dates.filter((d) => now >= cstEndOf(d)),
  };
}
