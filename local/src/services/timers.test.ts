import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now as functionClock } from '../../../cloudfunctions/common/clock';
import { useLocalCloud } from '../testing';
import { getFunctionsDir, registerFunction, setFunctionsDir } from './functions';
import { firesBetween, parseCron, resetTimers, runDueTimers, timerTriggers } from './timers';

const local = useLocalCloud({ now: '2026-11-21T10:00+08:00' });
const at = (iso: string) => Date.parse(iso);
const cst = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('the platform cron dialect', () => {
  it('when a daily 9:00 trigger spans three days, then it fires at 9:00 China time on each', () => {
    const fired = firesBetween(parseCron('0 0 9 * * * *'), at('2026-11-21T10:00+08:00'), at('2026-11-24T10:00+08:00'));
    expect(fired.map(cst)).toEqual(['2026-11-22 09:00:00', '2026-11-23 09:00:00', '2026-11-24 09:00:00']);
  });

  it('when both day and weekday are given, then either one fires it (OR, as the platform does)', () => {
    const fired = firesBetween(parseCron('0 30 8 1 * MON *'), at('2026-11-28T00:00+08:00'), at('2026-12-09T00:00+08:00'));
    // 2026-11-30 and 2026-12-07 are Mondays; 2026-12-01 is the 1st.
    expect(fired.map(cst)).toEqual(['2026-11-30 08:30:00', '2026-12-01 08:30:00', '2026-12-07 08:30:00']);
  });

  it('when steps, ranges, lists and a year are given, then only those instants fire', () => {
    const fired = firesBetween(parseCron('0 */20 9-10 * * 1-5 2027'), at('2026-12-31T00:00+08:00'), at('2027-01-02T00:00+08:00'));
    expect(fired.map(cst)).toEqual(['2027-01-01 09:00:00', '2027-01-01 09:20:00', '2027-01-01 09:40:00', '2027-01-01 10:00:00', '2027-01-01 10:20:00', '2027-01-01 10:40:00']);
  });

  it('when an expression is not of the platform dialect, then the error names the field', () => {
    expect(() => parseCron('0 9 * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 0 25 * * * *')).toThrow(/hour field/);
    expect(() => parseCron('0 0 9 * 13 * *')).toThrow(/month field/);
  });
});

describe('timers on the local clock', () => {
  const events: Array<Record<string, unknown>> = [];
  const original = getFunctionsDir();

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-timers-'));
    mkdirSync(join(dir, 'tick'));
    writeFileSync(join(dir, 'tick', 'config.json'), JSON.stringify({ triggers: [{ name: 'every10', type: 'timer', config: '0 */10 * * * * *' }] }));
    setFunctionsDir(dir);
    registerFunction('tick', async (event) => {
      events.push({ ...event, seen: functionClock() });
      return { ok: true };
    });
  });
  afterAll(() => setFunctionsDir(original));

  it('when the clock advances an hour, then the trigger fires six times in order with the timer event, and once only', async () => {
    // Arrange
    resetTimers();
    events.length = 0;
    local.clock.set('2026-11-21T10:00:30+08:00');
    resetTimers();

    // Act
    local.clock.advance('1h');
    const first = await runDueTimers();
    const second = await runDueTimers();

    // Assert
    expect(timerTriggers().map((t) => `${t.functionName}/${t.triggerName}`)).toEqual(['tick/every10']);
    expect(first.map((f) => cst(f.at))).toEqual(['10:10', '10:20', '10:30', '10:40', '10:50', '11:00'].map((t) => `2026-11-21 ${t}:00`));
    expect(first.every((f) => 'result' in f.outcome)).toBe(true);
    expect(events[0]).toEqual({ Type: 'Timer', TriggerName: 'every10', Time: '2026-11-21T02:10:00Z', Message: '', seen: expect.any(Number) });
    expect(second).toEqual([]);
  });

  it('when the clock jumps three days, then every firing on the way fires, in order, each with the clock at its own instant, and the clock ends where it was moved', async () => {
    // Arrange
    local.clock.freeze();
    local.clock.set('2026-12-01T00:00+08:00');
    resetTimers();
    events.length = 0;
    const progress: string[] = [];

    // Act
    local.clock.set('2026-12-04T00:00+08:00');
    const fired = await runDueTimers({ progress: (line) => progress.push(line) });

    // Assert: 3 × 144 firings, none dropped, each function run reading its firing's time.
    expect(fired.length).toBe(3 * 144);
    expect(fired.map((f) => f.at)).toEqual(fired.map((_, i) => at('2026-12-01T00:10+08:00') + i * 600_000));
    expect(events.map((e) => e.seen)).toEqual(fired.map((f) => f.at));
    expect(local.clock.now()).toBe(at('2026-12-04T00:00+08:00'));
    expect(progress.map((l) => l.slice(0, 38))).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((d) => `clock: moving through ${d} (CST)`));
    local.clock.reset();
    local.clock.set('2026-11-21T10:00+08:00');
  });

  it('when the clock is moved back, then nothing fires', async () => {
    resetTimers();
    local.clock.advance('-2h');
    expect(await runDueTimers()).toEqual([]);
  });
});
