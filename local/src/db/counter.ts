/** Counts database requests by action and collection, for tests and benchmarks. */

export interface CounterSnapshot {
  total: number;
  byAction: Record<string, number>;
  byCollection: Record<string, number>;
  /** `"<action> <collection>"`, or just the action when it has no collection (transactions). */
  byKey: Record<string, number>;
}

export interface RequestCounter {
  record(action: string, collection?: string): void;
  snapshot(): CounterSnapshot;
  reset(): void;
}

/** Makes an independent counter. */
export function createRequestCounter(): RequestCounter {
  let counts: CounterSnapshot = { total: 0, byAction: {}, byCollection: {}, byKey: {} };
  return {
    record(action, collection) {
      const name = action.replace(/^database\./, '');
      counts.total += 1;
      counts.byAction[name] = (counts.byAction[name] ?? 0) + 1;
      if (collection) counts.byCollection[collection] = (counts.byCollection[collection] ?? 0) + 1;
      const key = collection ? `${name} ${collection}` : name;
      counts.byKey[key] = (counts.byKey[key] ?? 0) + 1;
    },
    snapshot() {
      return {
        total: counts.total,
        byAction: { ...counts.byAction },
        byCollection: { ...counts.byCollection },
        byKey: { ...counts.byKey },
      };
    },
    reset() {
      counts = { total: 0, byAction: {}, byCollection: {}, byKey: {} };
    },
  };
}

/** The process-wide counter every local-cloud database request is recorded in. */
export const requestCounter: RequestCounter = createRequestCounter();

/**
 * Wall time with at least one database request in flight (the union of their intervals), so a benchmark
 * can tell the emulator's time from the function's own: on the platform the first is round trips.
 */
export const dbBusy = (() => {
  let total = 0;
  let cpuTotal = 0;
  let inflight = 0;
  let since = 0;
  let cpuSince = 0;
  return {
    enter(): void {
      if (inflight++ === 0) {
        since = performance.now();
        cpuSince = processCpuMs();
      }
    },
    leave(): void {
      if (--inflight === 0) {
        total += performance.now() - since;
        cpuTotal += processCpuMs() - cpuSince;
      }
    },
    /** Milliseconds of busy time so far (a request still in flight counts up to now). */
    ms(): number {
      return total + (inflight > 0 ? performance.now() - since : 0);
    },
    /**
     * The process's CPU milliseconds in that busy time: on a machine shared with other work, wall time
     * grows with the load while CPU time hardly does, so a benchmark can tell the function's own work from both.
     */
    cpuMs(): number {
      return cpuTotal + (inflight > 0 ? processCpuMs() - cpuSince : 0);
    },
  };
})();

/** CPU time (user + system) this process has used, in milliseconds. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
