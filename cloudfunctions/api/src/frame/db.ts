/**
 * The only typed face of wx-server-sdk's database that repositories use.
 * The SDK's own typings are loose; this narrows them to what we call.
 */
import type * as cloudNs from 'wx-server-sdk';

export type Cloud = typeof cloudNs;
export type Db = ReturnType<Cloud['database']>;
export type Command = Db['command'];

/** A document reference, in or out of a transaction. */
export interface DocRef {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats?: { updated: number } }>;
  remove(): Promise<unknown>;
  create?(data: Record<string, unknown>): Promise<unknown>;
}

/** A collection reference, in or out of a transaction. */
export interface CollRef {
  doc(id: string): DocRef;
  add(options: { data: Record<string, unknown> | Array<Record<string, unknown>> }): Promise<{ _id?: string; ids?: string[] }>;
}

/** What a transaction offers: single-document operations only, as in the cloud. */
export interface Tx {
  collection(name: string): CollRef;
}

/** True when the SDK reports a missing document (doc().get() rejects in the cloud). */
export function isDocMissing(err: unknown): boolean {
  const msg = String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '');
  return /does not exist|not exist|不存在|cannot find document/i.test(msg);
}
