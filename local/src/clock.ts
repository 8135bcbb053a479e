/**
 * The local cloud's clock: one per process, read by every function through
 * `cloudfunctions/common/clock.ts` and by the database for `serverDate()`. It runs like a real
 * clock from the instant it was set to, so time passes between calls, while tests (and
 * `LOCAL_CLOUD_NOW=… npm start`) choose which day it is.
 */
const LOCAL_CLOCK = Symbol.for('local-cloud.clock');

/** A settable, advancing clock. */
export interface Clock {
  /** Epoch milliseconds now. */
  now(): number;
  /** Moves the clock to an instant: epoch ms, an ISO string with offset, or a CST date `YYYY-MM-DD` (00:00). */
  set(at: string | number): void;
  /** Moves the clock forward (or back, with a negative amount): ms, or `'3d'`, `'2h'`, `'30m'`, `'10s'`, `'-1d'`. */
  advance(by: string | number): void;
  /** Stops time where it is (it still moves by `set` and `advance`), for tests that compare exact instants. */
  freeze(): void;
  /** Back to the machine's own, running time. */
  reset(): void;
  /** Whether time stands still (freeze) rather than runs. */
  isFrozen(): boolean;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Epoch ms of an instant written as ms, an ISO string with an offset, or a CST calendar date. */
export function parseInstant(at: string | number): number {
  if (typeof at === 'number') {
    if (!Number.isFinite(at)) throw new Error(`clock: not an instant: ${at}`);
    return at;
  }
  // A bare date is a day in China Standard Time; a time without an offset is read as CST too.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00+08:00` : /T[\d:.]+$/.test(at) ? `${at}+08:00` : at;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`clock: not an instant: ${at} (use e.g. 2026-11-21T10:00+08:00)`);
  return ms;
}

/** Milliseconds of a duration written as ms or `<n><unit>` with unit ms, s, m, h, d or w. */
export function parseDuration(by: string | number): number {
  if (typeof by === 'number') return by;
  const m = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(by.trim());
  if (!m) throw new Error(`clock: not a duration: ${by} (use e.g. 3d, 2h, 30m)`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

let offset = 0;
let frozenAt: number | null = null;

const clock: Clock = {
  now: () => frozenAt ?? Date.now() + offset,
  set(at) {
    const ms = parseInstant(at);
    if (frozenAt !== null) frozenAt = ms;
    else offset = ms - Date.now();
  },
  advance(by) {
    if (frozenAt !== null) frozenAt += parseDuration(by);
    else offset += parseDuration(by);
  },
  freeze() {
    frozenAt = clock.now();
  },
  reset() {
    offset = 0;
    frozenAt = null;
  },
  isFrozen: () => frozenAt !== null,
};

/** The process's local cloud clock, installed where cloud functions read the time. */
export function localClock(): Clock {
  (globalThis as { [LOCAL_CLOCK]?: () => number })[LOCAL_CLOCK] = clock.now;
  return clock;
}
