/**
 * Unit of work: a use case returns the writes it intends; the frame has them committed together
 * with the request record (idempotency) and the audit entries in ONE transaction, checking versions
 * (the transaction itself is database code: repositories/commit.ts).
 */

export type Write =
  /** Insert a new document; fails if the id exists. */
  | { kind: 'create'; collection: string; id: string; doc: Record<string, unknown>; auditId?: string }
  /** Merge `patch` into a document whose version must still be `expectedVersion`; bumps version. */
  | { kind: 'update'; collection: string; id: string; expectedVersion: number; patch: Record<string, unknown>; auditId?: string }
  /** Replace a whole document (unversioned system documents such as counters and bindings). */
  | { kind: 'put'; collection: string; id: string; doc: Record<string, unknown> }
  /** Add to numeric fields (dotted paths) atomically: shared counters, no version check or bump. */
  | { kind: 'inc'; collection: string; id: string; fields: Record<string, number> };

export interface AuditEntry {
  action: string;
  targetCollection: string;
  targetId: string;
  versionBefore: number | null;
  versionAfter: number | null;
}

export interface Mutation<T> {
  data: T;
  writes: Write[];
}

/** Builds a mutation result for a use case. */
export function mutation<T>(data: T, writes: Write[]): Mutation<T> {
  return { data, writes };
}

export function isMutation<T>(value: unknown): value is Mutation<T> {
  return typeof value === 'object' && value !== null && 'writes' in value && Array.isArray((value as Mutation<T>).writes) && 'data' in value;
}

/** Raised inside a commit when the same request was committed meanwhile; carries the first reply. */
export class DuplicateRequest extends Error {
  constructor(readonly reply: unknown) {
    super('duplicate request');
  }
}

export interface CommitContext {
  tenantId: string | null;
  actorOpenid: string;
  actorPersonId: string | null;
  action: string;
  now: number;
  requestKey: string;
  reply: unknown;
}

/** True for the cloud's duplicate-key failure (a unique index or a taken _id). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errMsg?: string; message?: string } | string;
  const text = typeof e === 'string' ? e : `${e?.errMsg ?? ''} ${e?.message ?? ''}`;
  return /duplicate key|E11000/i.test(text);
}
