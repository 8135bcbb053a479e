/**
 * Timer triggers on the local clock. Each function's `config.json` may hold
 * `"triggers": [{ "name": "remind", "type": "timer", "config": "0 0 9 * * * *" }]` in the platform's
 * 7-field cron dialect (second minute hour day month weekday year, UTC+8, day and weekday combined as
 * OR when both are restricted). `runDueTimers()` fires every trigger whose time came between the last
 * run and the local clock's now, in order, each at its own instant: tests advance the clock and call it;
 * the dev server calls it every second and after `PUT /clock`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localClock } from '../clock';
import { fireDelayedTask, fireTimer, getFunctionsDir, type CallFunctionResult } from './functions';
import { dataPath, readJson, writeJson } from './state';

const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** One parsed cron expression: the allowed values of each field. */
export interface Cron {
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  years: Set<number> | null;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const FIELDS: Array<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2199 },
];

function parseField(text: string, f: (typeof FIELDS)[number]): { values: number[]; restricted: boolean } {
  const value = (v: string): number => {
    const named = f.names?.indexOf(v.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + (f.name === 'month' ? 1 : 0) : /^\d+$/.test(v) ? Number(v) : NaN;
    // Sunday may be written 7 as well as 0.
    const k = f.name === 'weekday' && n === 7 ? 0 : n;
    if (!Number.isInteger(k) || k < f.min || k > f.max) throw new Error(`cron ${f.name} field: "${v}" is not in ${f.min}–${f.max}`);
    return k;
  };
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron ${f.name} field: bad step in "${part}"`);
    const [lo, hi] = range === '*' ? [f.min, f.max] : range.includes('-') ? range.split('-').map(value) : [value(range), stepText === undefined ? value(range) : f.max];
    if (lo > hi) throw new Error(`cron ${f.name} field: "${range}" runs backwards`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return { values: [...out].sort((a, b) => a - b), restricted: text !== '*' && text !== '?' };
}

/** Parses a 7-field platform cron expression; throws with the field that is wrong. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${expr}": the platform takes 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  const [s, mi, h, d, mo, w, y] = parts.map((p, i) => parseField(p === '?' ? '*' : p, FIELDS[i]));
  return {
    seconds: s.values,
    minutes: mi.values,
    hours: h.values,
    days: new Set(d.values),
    months: new Set(mo.values),
    weekdays: new Set(w.values),
    years: y.restricted ? new Set(y.values) : null,
    dayRestricted: d.restricted,
    weekdayRestricted: w.restricted,
  };
}

/** Instants in (from, to] at which `cron` fires, in order, at most `limit` of them (default: all). */
export function firesBetween(cron: Cron, from: number, to: number, limit = Infinity): number[] {
  const out: number[] = [];
  // Walk CST calendar days; within a matching day, every allowed hour, minute and second.
  for (let dayStart = Math.floor((from + CST_MS) / DAY_MS) * DAY_MS - CST_MS; dayStart <= to && out.length < limit; dayStart += DAY_MS) {
    const day = new Date(dayStart + CST_MS);
    if (cron.years && !cron.years.has(day.getUTCFullYear())) continue;
    if (!cron.months.has(day.getUTCMonth() + 1)) continue;
    const byDay = cron.days.has(day.getUTCDate());
    const byWeekday = cron.weekdays.has(day.getUTCDay());
    const dayMatches = cron.dayRestricted && cron.weekdayRestricted ? byDay || byWeekday : byDay && byWeekday;
    if (!dayMatches) continue;
    for (const h of cron.hours)
      for (const m of cron.minutes)
        for (const s of cron.seconds) {
          const at = dayStart + ((h * 60 + m) * 60 + s) * 1000;
          if (at > from && at <= to && out.length < limit) out.push(at);
        }
  }
  return out;
}

/** A timer trigger declared in a function's config.json. */
export interface TimerTrigger {
  functionName: string;
  triggerName: string;
  cron: Cron;
  config: string;
}

/** Every timer trigger of the functions folder (a bad expression is reported with its file). */
export function timerTriggers(dir = getFunctionsDir()): TimerTrigger[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'config.json')))
    .flatMap((d) => {
      const file = join(dir, d.name, 'config.json');
      const config = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Array<{ name?: string; type?: string; config?: string }> };
      return (config.triggers ?? [])
        .filter((t) => t.type === 'timer')
        .map((t) => {
          try {
            return { functionName: d.name, triggerName: String(t.name), cron: parseCron(String(t.config)), config: String(t.config) };
          } catch (err) {
            throw new Error(`${file}: trigger ${t.name}: ${(err as Error).message}`);
          }
        });
    });
}

/** One firing and what the function answered (`triggerName` is `delayed-task` for a delayed function task). */
export interface Firing {
  functionName: string;
  triggerName: string;
  at: number;
  outcome: CallFunctionResult;
}

/** The kind of environment the local cloud runs the functions as (LOCAL_CLOUD_FUNCTIONS, default v1). */
export function functionsMode(): 'v1' | 'v2' {
  const mode = process.env.LOCAL_CLOUD_FUNCTIONS ?? 'v1';
  if (mode !== 'v1' && mode !== 'v2') throw new Error(`LOCAL_CLOUD_FUNCTIONS must be v1 or v2, not ${mode}`);
  return mode;
}

/** A delayed function task waiting to fire. */
export interface DelayedTask {
  at: number;
  functionName: string;
  /** The JSON string the caller gave; the function gets it parsed as its event. */
  data: string;
}

const MIN_DELAY_S = 6;
const MAX_DELAY_S = 30 * 86_400;
const tasksFile = () => dataPath('delayed-tasks.json');
const readTasks = () => readJson<DelayedTask[]>(tasksFile(), []);
const writeTasks = (tasks: DelayedTask[]) => writeJson(tasksFile(), [...tasks].sort((a, b) => a.at - b.at));

/** The delayed function tasks not fired yet, soonest first. */
export function pendingDelayedTasks(): DelayedTask[] {
  return readTasks().sort((a, b) => a.at - b.at);
}

/** `cloudbase.addDelayedFunctionTask` ({ env, function_name, data, delay_time }): the task fires `delay_time` seconds from now on the local clock. */
export function addDelayedTask(req: Record<string, unknown>): { errcode: number; errmsg: string } {
  const { function_name: functionName, data, delay_time: delay } = req;
  if (typeof functionName !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(functionName)) return { errcode: 40097, errmsg: 'invalid args: function_name' };
  if (typeof data !== 'string') return { errcode: 40097, errmsg: 'invalid args: data must be a JSON string' };
  try {
    JSON.parse(data);
  } catch {
    return { errcode: 40097, errmsg: 'invalid args: data must be a JSON string' };
  }
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < MIN_DELAY_S || delay > MAX_DELAY_S) return { errcode: 40097, errmsg: `invalid args: delay_time must be ${MIN_DELAY_S} s to 30 days` };
  writeTasks([...readTasks(), { at: localClock().now() + delay * 1000, functionName, data }]);
  return { errcode: 0, errmsg: 'ok' };
}

/** Tests: every pending delayed task falls due at `at` (as if the chain's next link were due then). */
export function moveDelayedTasks(at: number): void {
  writeTasks(readTasks().map((t) => ({ ...t, at })));
}

let lastRun: number | null = null;

/**
 * Forgets when timers last ran: the next run fires only what comes after `at` (default now), as if the
 * timers had been off until then. Delayed tasks due meanwhile are not lost: they fire just after `at`.
 */
export function resetTimers(at = localClock().now()): void {
  lastRun = at;
  const tasks = readTasks();
  if (tasks.some((t) => t.at <= at)) writeTasks(tasks.map((t) => (t.at <= at ? { ...t, at: at + 1 } : t)));
}

/** Options of a run: the triggers (default: every function's config.json) and a sink for progress lines of long jumps. */
export interface RunOptions {
  triggers?: TimerTrigger[];
  /** Gets a line a simulated day when the clock jumped more than a day (the dev server prints them). */
  progress?: (line: string) => void;
}

/**
 * Fires, in time order and one at a time, every trigger firing due since the last run up to the local
 * clock's now — all of them, however long the jump — each with the clock set to that firing's instant,
 * as if time had passed (a clock moved back fires nothing). The clock ends where it was moved to (plus
 * the time the firings took, unless frozen). The first run only starts the count.
 */
export function runDueTimers(options: RunOptions = {}): Promise<Firing[]> {
  // One run at a time (the dev server's tick and a clock move may overlap): nothing fires twice.
  const run = queue.then(() => runDue(options));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

/** The first instant after `after` (up to `until`) at which a trigger fires, if any. */
function nextFiring(t: TimerTrigger, after: number, until: number): number | undefined {
  return firesBetween(t.cron, after, until, 1)[0];
}

async function runDue(options: RunOptions): Promise<Firing[]> {
  const clock = localClock();
  const target = clock.now();
  const from = lastRun ?? target;
  lastRun = Math.max(from, target);
  if (target <= from) return [];
  if (functionsMode() === 'v2' && options.triggers?.length) throw new Error('LOCAL_CLOUD_FUNCTIONS=v2: 云函数 V2 has no timer triggers (定时触发器 暂不支持); drive the function with delayed tasks');
  const triggers = options.triggers ?? (functionsMode() === 'v2' ? [] : timerTriggers());
  const started = performance.now();
  const fired: Firing[] = [];
  const longJump = target - from > DAY_MS;
  let reportedDay = '';
  // The next firing of each trigger; after one fires, only its own next one is looked up.
  const upcoming = triggers.map((t) => ({ t, at: nextFiring(t, from, target) }));
  for (;;) {
    let next: (typeof upcoming)[number] | undefined;
    for (const u of upcoming) if (u.at !== undefined && (!next || (u.at as number) < (next.at as number))) next = u;
    // A delayed task due first (read again each time: the last firing may have added one) fires before the timer.
    const tasks = readTasks();
    const task = tasks.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
    if (task && (!next || task.at <= (next.at as number))) {
      writeTasks(tasks.filter((t) => t !== task));
      const taskAt = Math.max(task.at, from);
      clock.set(taskAt);
      fired.push({ functionName: task.functionName, triggerName: 'delayed-task', at: taskAt, outcome: await fireDelayedTask({ name: task.functionName, data: task.data }) });
      continue;
    }
    if (!next) break;
    const at = next.at as number;
    clock.set(at);
    if (longJump && options.progress) {
      const day = new Date(at + CST_MS).toISOString().slice(0, 10);
      if (day !== reportedDay) {
        reportedDay = day;
        options.progress(`clock: moving through ${day} (CST), ${fired.length} firing${fired.length === 1 ? '' : 's'} so far, until ${new Date(target + CST_MS).toISOString().slice(0, 16).replace('T', ' ')}`);
      }
    }
    fired.push({ functionName: next.t.functionName, triggerName: next.t.triggerName, at, outcome: await fireTimer({ name: next.t.functionName, triggerName: next.t.triggerName, at }) });
    next.at = nextFiring(next.t, at, target);
  }
  // Back where the clock was moved to; a running clock also keeps the time the firings took.
  if (fired.length) clock.set(clock.isFrozen() ? target : target + Math.round(performance.now() - started));
  return fired;
}
