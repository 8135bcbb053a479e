/**
 * The one clock every cloud function reads. On WeChat cloud development it is the platform's own
 * clock (`Date.now()`); the local cloud (dev server and tests) installs its settable clock under a
 * global symbol, the same way it answers the SDK's request seam, so the code under test is the code
 * that ships and no test depends on the day it runs.
 */
const LOCAL_CLOCK = Symbol.for('local-cloud.clock');

type ClockHolder = { [LOCAL_CLOCK]?: () => number };

/** Epoch milliseconds now, from the platform (or the local cloud's clock when one is installed). */
export function now(): number {
  const local = (globalThis as ClockHolder)[LOCAL_CLOCK];
  return local ? local() : Date.now();
}
