/**
 * The record of queries that no declared index serves (indexes.ts), with the collection, the query
 * and the function (and line) that made it. `LOCAL_CLOUD_UNINDEXED` decides what happens to one:
 * `error` (what the jest setup sets: the test that made it fails, naming it), `warn` (the dev server:
 * one console line per distinct query shape), `off`. Collections declared `scan` (small configuration
 * collections, with the reason) and collections not in the declaration are not checked.
 * `LOCAL_CLOUD_UNINDEXED_LOG=<file>` also appends each one as a JSON line (to list a whole suite's).
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

/** One query no declared index serves. */
export interface UnindexedQuery {
  collection: string;
  action: string;
  query: string;
  order: string | null;
  /** The cloud function whose code sent it (`cloudfunctions/<fn>/…`), or `(test code)`. */
  fn: string;
  /** The first frame of our own code that sent it: `path:line`. */
  site: string;
}

const KEY = Symbol.for('local-cloud.unindexed');
const g = globalThis as { [KEY]?: { list: UnindexedQuery[]; warned: Set<string> } };
const state = (g[KEY] ??= { list: [], warned: new Set() });

/** The function and the lines of our code (innermost first, up to three) in a stack captured where the SDK sent the request. */
export function originOf(stack: string | undefined): { fn: string; site: string } {
  const frames = (stack ?? '').split('\n').slice(1).map((l) => /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):\d+\)?$/.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  const ours = frames.filter(([, file]) => !file.includes('node_modules') && !file.includes('/local/src/') && !file.startsWith('node:'));
  if (ours.length === 0) return { fn: '(unknown)', site: '(unknown)' };
  const inFunction = ours.find(([, file]) => /\/cloudfunctions\/[^/]+\//.test(file) && !/\/test\//.test(file));
  const fn = inFunction ? (/\/cloudfunctions\/([^/]+)\//.exec(inFunction[1]) as RegExpExecArray)[1] : '(test code)';
  const site = ours.slice(0, 3).map(([, file, line]) => `${relative(process.cwd(), file) || file}:${line}`).join(' ← ');
  return { fn, site };
}

/** Records one unserved query and, as configured, warns about it. */
export function recordUnindexed(q: UnindexedQuery): void {
  const mode = process.env.LOCAL_CLOUD_UNINDEXED ?? 'warn';
  if (mode === 'off') return;
  state.list.push(q);
  const log = process.env.LOCAL_CLOUD_UNINDEXED_LOG;
  if (log) appendFileSync(log, `${JSON.stringify(q)}\n`);
  if (mode === 'warn') {
    const shape = `${q.collection} ${q.site}`;
    if (!state.warned.has(shape)) {
      state.warned.add(shape);
      console.warn(`local cloud: no declared index serves ${describeUnindexed(q)} (declare one in local/collections.json)`);
    }
  }
}

/** The queries recorded since the last call, which it clears. */
export function takeUnindexed(): UnindexedQuery[] {
  return state.list.splice(0, state.list.length);
}

/** One line naming the query, its collection and the function that made it. */
export function describeUnindexed(q: UnindexedQuery): string {
  return `${q.action} on ${q.collection} where ${q.query}${q.order ? ` order by ${q.order}` : ''} — from ${q.fn} at ${q.site}`;
}
