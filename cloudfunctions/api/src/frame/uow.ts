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
  /** An anonymous act (docs/anonymity.md): its request record names no actor and keeps only the day. */
  anonymous?: boolean;
  /**
   * Best-effort work on the platform once the writes are committed (e.g. updating the group's card): it runs
   * only after a successful commit, and its failure is logged, never the user's failure.
   */
  after?: () => Promise<void>;
}

/** Builds a mutation result for a use case. */
export function mutation<T>(data: T, writes: Write[], options: { anonymous?: boolean; after?: () => Promise<void> } = {}): Mutation<T> {
  return { data, writes, ...(options.anonymous ? { anonymous: true } : {}), ...(options.after ? { after: options.after } : {}) };
}

export function isMutation<T>(value: unknown): value is Mutation<T> {
  return typeof value === 'object' && value !== null && 'writes' in value && Array.isArray((value as Mutation<T>).writes) && 'data' in value;
}

/** Raised inside a commit when the same request was committed meanwhile; carries the first record. */
export class DuplicateRequest extends Error {
  constructor(readonly prior: PriorRequest) {
    super('duplicate request');
  }
}

/** A committed request as a retry sees it: the reply it replays and the fingerprint of what was asked. */
export interface PriorRequest {
  reply: unknown;
  /** Hash of the request key, action and payload; absent on rows written before it existed. */
  fingerprint?: string;
}

export interface CommitContext {
  tenantId: string | null;
  actorOpenid: string;
  actorPersonId: string | null;
  action: string;
  now: number;
  /** The request record's id: a one-way hash of `<openid>:<requestId>` (requestRecordId). */
  recordId: string;
  /** requestFingerprint of this request: a retry must match it. */
  fingerprint: string;
  /** Anonymous act: the record keeps no actor and only the CST day (docs/anonymity.md). */
  anonymous: boolean;
  reply: unknown;
}

/** True for the cloud's duplicate-key failure (a unique index or a taken _id). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errMsg?: string; message?: string } | string;
  const text = typeof e === 'string' ? e : `${e?.errMsg ?? ''} ${e?.message ?? ''}`;
  return /duplicate key|E11000/i.test(text);
}
