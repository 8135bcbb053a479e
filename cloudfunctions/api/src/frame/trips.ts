/**
 * Honest round-trip counting for long jobs: a view of the database that counts every request the SDK
 * sends (get, count, add, set, update, remove), so a plan slice can stop at its budget whatever
 * repository functions it calls, with no hand-kept tally to drift from the truth.
 */
import type { Db } from './db';

/** Requests made so far and the most a slice may make. */
export interface Meter {
  used: number;
  budget: number;
}

const TERMINAL = new Set(['get', 'count', 'add', 'set', 'update', 'remove']);
const CHAINED = new Set(['collection', 'doc', 'where', 'orderBy', 'limit', 'skip', 'field']);

function wrap<T extends object>(target: T, meter: Meter): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof prop !== 'string' || typeof value !== 'function') return value;
      if (TERMINAL.has(prop)) {
        return (...args: unknown[]) => {
          meter.used += 1;
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      if (CHAINED.has(prop)) return (...args: unknown[]) => wrap((value as (...a: unknown[]) => object).apply(obj, args), meter);
      return value.bind(obj);
    },
  });
}

/** The database seen through a meter: every request adds one to `meter.used`. */
export function metered(db: Db, meter: Meter): Db {
  return wrap(db, meter);
}
