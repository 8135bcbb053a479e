/**
 * Helpers for the action tests (`actions.*.test.ts`): asserting an error reply and that a call
 * wrote nothing at all, by comparing every document of the local cloud before and after.
 */
import type { Reply } from '../../../miniprogram/core/contracts/envelope';
import type { Data, Harness } from './harness';

/** Every document of every collection, as stored (audit rows included). */
export function dump(h: Harness): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of h.local.store.names().sort()) {
    const docs = h.local.store.get(name)?.docs ?? new Map();
    out[name] = Object.fromEntries([...docs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, JSON.parse(JSON.stringify(v))]));
  }
  return out;
}

/** Number of documents in a collection. */
export function count(h: Harness, collection: string): number {
  return h.local.store.get(collection)?.docs.size ?? 0;
}

/** Asserts the reply is a failure with `code` and a Chinese message; returns the error. */
export function expectError(reply: Reply<Data>, code: string): { code: string; message: string; issues?: Array<{ path: Array<string | number>; message: string }> } {
  if (reply.ok) throw new Error(`expected ${code}, got success: ${JSON.stringify(reply.data)}`);
  expect(reply.error.code).toBe(code);
  expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/);
  return reply.error;
}

/** Runs a call that must fail with `code`, and asserts that the database is exactly as before. */
export async function expectRefused(h: Harness, code: string, call: () => Promise<Reply<Data>>) {
  const before = dump(h);
  const seq = h.local.store.seq();
  const reply = await call();
  const error = expectError(reply, code);
  expect(h.local.store.seq()).toBe(seq);
  expect(dump(h)).toEqual(before);
  return error;
}

/** Finds an org of `org.tree` by id. */
export function orgIn(tree: { orgs: Array<{ id: string }> }, id: string): Data {
  const org = tree.orgs.find((o) => o.id === id);
  if (!org) throw new Error(`org ${id} not in tree`);
  return org;
}
