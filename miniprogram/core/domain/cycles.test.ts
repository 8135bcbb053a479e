import type { Campaign } from '../contracts/campaign';
import {
  calendarPeriod,
  cstDateOf,
  cstEndOf,
  currentCycles,
  cycleAt,
  cycleStatus,
  cyclesOf,
  openCyclesAt,
  dueCycles,
  reportDeadlines,
  ruleCycleAt,
  DAY_MS,
  cstStartOf as cstStartOfDay,
} from './cycles';
import { campaign000 } from './fixtures/seed000';

const at = (iso: string) => Date.parse(iso);

describe('calendar periods in CST', () => {
  it('when an instant is 2026-03-31T16:30Z, then it is April 1st in CST: month 2026-04, quarter Q2, half H1', () => {
    const t = at('2026-03-31T16:30:00Z');
    expect(cstDateOf(t)).toBe('2026-04-01');
    expect(calendarPeriod('MONTHLY', t)).toEqual({ key: '2026-04', start: at('2026-03-31T16:00:00Z'), end: at('2026-04-30T16:00:00Z') });
    expect(calendarPeriod('QUARTERLY', t)).toEqual({ key: '2026-Q2', start: at('2026-03-31T16:00:00Z'), end: at('2026-06-30T16:00:00Z') });
    expect(calendarPeriod('HALF_YEARLY', t).key).toBe('2026-H1');
  });

  it('when an instant is the last millisecond of June in CST, then it is still H1; one millisecond later it is H2', () => {
    expect(calendarPeriod('HALF_YEARLY', at('2026-06-30T15:59:59.999Z')).key).toBe('2026-H1');
    expect(calendarPeriod('HALF_YEARLY', at('2026-06-30T16:00:00.000Z'))).toEqual({ key: '2026-H2', start: at('2026-06-30T16:00:00Z'), end: at('2026-12-31T16:00:00Z') });
  });

  it('when it is New Year\'s Eve 23:30 UTC, then CST is already the next year', () => {
    expect(calendarPeriod('YEARLY', at('2025-12-31T16:00:00Z'))).toEqual({ key: '2026', start: at('2025-12-31T16:00:00Z'), end: at('2026-12-31T16:00:00Z') });
    expect(calendarPeriod('MONTHLY', at('2025-12-31T15:59:59Z')).key).toBe('2025-12');
    expect(calendarPeriod('QUARTERLY', at('2025-12-31T23:30:00Z')).key).toBe('2026-Q1');
  });

  it('when an instant crosses a month end or a leap day in CST, then the CST date and period end are right', () => {
    expect(cstDateOf(at('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(cstDateOf(at('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(calendarPeriod('MONTHLY', at('2024-02-29T15:00:00Z')).end).toBe(at('2024-02-29T16:00:00Z'));
  });
});

describe('campaign cycles and due dates', () => {
  it('when a campaign runs July 2010 to June 2011, then it has four quarters and two halves', () => {
    expect(cyclesOf(campaign000, 'QUARTERLY').map((c) => [c.key, c.dueDate])).toEqual([
      ['2010-Q3', '2010-09-30'],
      ['2010-Q4', '2010-12-31'],
      ['2011-Q1', '2011-01-28'],
      ['2011-Q2', '2011-06-30'],
    ]);
    expect(cyclesOf(campaign000, 'HALF_YEARLY').map((c) => c.key)).toEqual(['2010-H2', '2011-H1']);
    expect(cyclesOf(campaign000, 'MONTHLY')).toHaveLength(12);
  });

  it('when a campaign starts and ends mid-quarter, then the first and last cycles are clipped to it', () => {
    const mid: Campaign = { id: 'c', tenantId: 't', name: '活动', start: '2026-02-15', end: '2026-05-10' };
    const qs = cyclesOf(mid, 'QUARTERLY');
    expect(qs.map((c) => [c.key, c.start, c.end, c.dueDate])).toEqual([
      ['2026-Q1', at('2026-02-14T16:00:00Z'), at('2026-03-31T16:00:00Z'), '2026-03-31'],
      ['2026-Q2', at('2026-03-31T16:00:00Z'), at('2026-05-10T16:00:00Z'), '2026-05-10'],
    ]);
  });

  it('when a cycle has a configured due date, then it is due at the end of that CST day', () => {
    const q1 = cyclesOf(campaign000, 'QUARTERLY')[2];
    expect(q1.due).toBe(cstEndOf('2011-01-28'));
    expect(q1.due).toBe(at('2011-01-28T16:00:00Z'));
  });

  it('when a daily review falls on a date, then it counts in that date\'s cycle for its rule\'s frequency', () => {
    const newYear = at('2010-12-31T16:30:00Z'); // 2011-01-01 00:30 CST
    expect(ruleCycleAt(campaign000, 'R1', newYear)).toMatchObject({ ok: true, value: { key: '2011-Q1' } });
    expect(ruleCycleAt(campaign000, 'R2', newYear)).toMatchObject({ ok: true, value: { key: '2011-H1' } });
    expect(ruleCycleAt(campaign000, 'R2', newYear - 3600_000)).toMatchObject({ ok: true, value: { key: '2010-H2' } });
  });

  it('when an instant is outside the campaign, then there is no cycle', () => {
    expect(cycleAt(campaign000, 'QUARTERLY', at('2010-06-30T15:59:59Z'))).toMatchObject({ ok: false, error: { code: 'CYCLE.NOT_FOUND' } });
    expect(cycleAt(campaign000, 'QUARTERLY', at('2011-06-30T16:00:00Z'))).toMatchObject({ ok: false, error: { code: 'CYCLE.NOT_FOUND' } });
    expect(cycleAt(campaign000, 'QUARTERLY', at('2011-06-30T15:59:59Z'))).toMatchObject({ ok: true, value: { key: '2011-Q2' } });
  });

  it('when a campaign sets R1 monthly, then the current cycles are one per frequency in use', () => {
    const monthly: Campaign = { ...campaign000, frequencies: { R1: 'MONTHLY' } };
    const r = currentCycles(monthly, at('2010-11-15T10:00:00+08:00'));
    expect(r.ok && r.value.map((c) => c.key)).toEqual(['2010-11', '2010-H2', '2010-Q4']);
  });
});

describe('due soon and overdue', () => {
  const q1 = cyclesOf(campaign000, 'QUARTERLY')[2];

  it('when now is before the start, within N days of the due instant, or past it, then the status says so', () => {
    expect(cycleStatus(q1, q1.start - 1, 7)).toBe('NOT_STARTED');
    expect(cycleStatus(q1, q1.start, 7)).toBe('OPEN');
    expect(cycleStatus(q1, q1.due - 7 * DAY_MS, 7)).toBe('DUE_SOON');
    expect(cycleStatus(q1, q1.due - 7 * DAY_MS - 1, 7)).toBe('OPEN');
    expect(cycleStatus(q1, q1.due - 1, 7)).toBe('DUE_SOON');
    expect(cycleStatus(q1, q1.due, 7)).toBe('OVERDUE');
  });

  it('when it is 2011-01-25 noon CST, then Q1 (due 1月28日) is due soon and the 2010 cycles are overdue', () => {
    const now = at('2011-01-25T12:00:00+08:00');
    const { dueSoon, overdue } = dueCycles(campaign000, now, 7);
    expect(dueSoon.map((c) => c.key)).toEqual(['2011-Q1']);
    expect(overdue.map((c) => c.key)).toEqual(['2010-Q3', '2010-H2', '2010-Q4']); // by due instant, then key
    expect(reportDeadlines(campaign000, now, 7)).toEqual({ dueSoon: ['2011-01-28'], passed: [] });
    expect(reportDeadlines(campaign000, at('2011-01-29T00:00:00+08:00'), 7)).toEqual({ dueSoon: [], passed: ['2011-01-28'] });
  });
});

describe('a round that ends after its period [001]', () => {
  const seed001: Campaign = { id: 'c1', tenantId: 't', name: '领导点评', start: '2027-07-01', end: '2027-12-31', cycleDueDates: { '2027-Q3': '2027-10-15' } };
  const at = (s: string) => Date.parse(s);

  it('when the third quarter is due 10-15, then from 10-01 to 10-15 the Q3 and Q4 rounds are both open, Q3 first', () => {
    expect(openCyclesAt(seed001, 'QUARTERLY', at('2027-10-01T00:00+08:00')).map((c) => c.key)).toEqual(['2027-Q3', '2027-Q4']);
    expect(openCyclesAt(seed001, 'QUARTERLY', at('2027-10-15T23:59+08:00')).map((c) => c.key)).toEqual(['2027-Q3', '2027-Q4']);
    expect(openCyclesAt(seed001, 'QUARTERLY', at('2027-10-16T00:00+08:00')).map((c) => c.key)).toEqual(['2027-Q4']);
    expect(openCyclesAt(seed001, 'QUARTERLY', at('2027-09-30T23:59+08:00')).map((c) => c.key)).toEqual(['2027-Q3']);
  });

  it('when a review is dated in the overlap, then it counts in the late round first, and the current cycles hold both', () => {
    expect(ruleCycleAt(seed001, 'R1', at('2027-10-12T10:00+08:00'))).toMatchObject({ ok: true, value: { key: '2027-Q3' } });
    const now = currentCycles(seed001, at('2027-10-08T10:00+08:00'));
    expect(now.ok && now.value.map((c) => c.key)).toEqual(['2027-Q3', '2027-Q4', '2027-H2']);
  });

  it('when the last round is due after the campaign ends, then it stays open until then and nothing after', () => {
    const late: Campaign = { ...seed001, cycleDueDates: { '2027-Q4': '2028-01-15' } };
    expect(openCyclesAt(late, 'QUARTERLY', at('2028-01-10T10:00+08:00')).map((c) => c.key)).toEqual(['2027-Q4']);
    expect(currentCycles(late, at('2028-01-16T10:00+08:00')).ok).toBe(false);
  });
});

describe('campaign stages as cycles [002]', () => {
  // Seed 002: 「领导点评原则上每阶段一次」; the school reports to the county 「2010年9月底前」.
  const seed002: Campaign = {
    id: 'c2',
    tenantId: 't',
    name: '台子乡中心学校创先争优活动',
    start: '2010-06-01',
    end: '2011-06-30',
    frequencies: { R1: 'STAGE', R2: 'STAGE' },
    stages: [
      { name: '学习动员', start: '2010-06-01', end: '2010-09-20', due: '2010-09-30' },
      { name: '深入推进', start: '2010-10-01', end: '2011-03-31' },
      { name: '总结表彰', start: '2011-04-01', end: '2011-06-30' },
    ],
  };

  it('when the rules are set to 每阶段, then each stage is a cycle keyed by its start year and place, due on its own date', () => {
    const stages = cyclesOf(seed002, 'STAGE');
    expect(stages.map((c) => [c.key, c.dueDate])).toEqual([
      ['2010-S1', '2010-09-30'],
      ['2010-S2', '2011-03-31'],
      ['2011-S3', '2011-06-30'],
    ]);
    expect(stages[0]).toMatchObject({ start: cstStartOfDay('2010-06-01'), end: cstEndOf('2010-09-20'), due: cstEndOf('2010-09-30') });
  });

  it('when a review is dated in a stage, or in its late days up to its due date, then it counts in that stage', () => {
    expect(ruleCycleAt(seed002, 'R1', at('2010-11-03T10:00:00+08:00'))).toMatchObject({ ok: true, value: { key: '2010-S2' } });
    expect(ruleCycleAt(seed002, 'R2', at('2010-09-25T10:00:00+08:00'))).toMatchObject({ ok: true, value: { key: '2010-S1' } });
    expect(cycleAt(seed002, 'STAGE', at('2010-09-25T10:00:00+08:00')).ok).toBe(false);
  });

  it('when the other rules keep their calendar frequency, then the current cycles hold the stage beside them', () => {
    const now = currentCycles(seed002, at('2011-05-10T10:00:00+08:00'));
    expect(now.ok && now.value.map((c) => c.key)).toEqual(['2011-S3', '2011-H1', '2011-Q2']);
  });

  it('when a configured cycle due date names a stage, then it overrides the stage\'s own', () => {
    const moved: Campaign = { ...seed002, cycleDueDates: { '2010-S2': '2011-04-15' } };
    expect(cyclesOf(moved, 'STAGE')[1].dueDate).toBe('2011-04-15');
  });
});
