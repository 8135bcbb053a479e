/**
 * Unit of work: a use case returns the writes it intends; the frame commits them together with
 * the request record (idempotency) and the audit entries in ONE transaction, checking versions.
 */
import type { Db, Tx } from './db';
import { AppError } from './errors';

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

/** The audit log; each row is keyed by `<openid>:<requestId>` and holds the reply for retries. */
export const AUDIT = 'audit';

/** Documents per batch add: large imports are written in a few round trips, not one per row. */
const CREATE_BATCH = 500;

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

/** Commits writes, audit entries and the request record atomically; throws CONFLICT on a stale version. */
export async function commit(db: Db, writes: Write[], ctx: CommitContext): Promise<void> {
  try {
    await db.runTransaction(async (tx: Tx) => {
      // The audit row doubles as the request record: one write, and it is what a retry replays.
      const auditRef = tx.collection(AUDIT).doc(ctx.requestKey);
      const prior = await auditRef.get();
      if (prior.data) throw new DuplicateRequest((prior.data as { reply: unknown }).reply);

      // Creates go in one batch add per collection: a taken _id fails the whole transaction.
      const creates = new Map<string, Array<Record<string, unknown>>>();
      for (const w of writes) {
        if (w.kind === 'create') creates.set(w.collection, [...(creates.get(w.collection) ?? []), { ...w.doc, _id: w.id, version: 1 }]);
      }
      for (const [collection, docs] of creates) {
        for (let i = 0; i < docs.length; i += CREATE_BATCH) await tx.collection(collection).add({ data: docs.slice(i, i + CREATE_BATCH) });
      }

      for (const w of writes) {
        const ref = tx.collection(w.collection).doc(w.id);
        if (w.kind === 'update') {
          const current = await ref.get();
          const version = (current.data as { version?: number } | null)?.version;
          if (version === undefined) throw new AppError('CONFLICT', '该记录已被删除，请刷新后重试');
          if (version !== w.expectedVersion) throw new AppError('CONFLICT');
          await ref.update({ data: { ...w.patch, version: version + 1 } });
        } else if (w.kind === 'put') {
          await ref.set({ data: w.doc });
        } else if (w.kind === 'inc') {
          // No read first: concurrent increments compose instead of conflicting on a version.
          await ref.update({ data: Object.fromEntries(Object.entries(w.fields).map(([field, n]) => [field, db.command.inc(n)])) });
        }
      }
      await auditRef.set({
        data: {
          tenantId: ctx.tenantId,
          actorOpenid: ctx.actorOpenid,
          actorPersonId: ctx.actorPersonId,
          action: ctx.action,
          at: ctx.now,
          reply: ctx.reply,
          entries: writes.map((w) => auditOf(ctx.action, w)),
        },
      });
    });
  } catch (err) {
    if (err instanceof AppError || err instanceof DuplicateRequest) throw err;
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该记录已存在，请刷新后重试');
    throw err;
  }
}

/** True for the cloud's duplicate-key failure (a unique index or a taken _id). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errMsg?: string; message?: string } | string;
  const text = typeof e === 'string' ? e : `${e?.errMsg ?? ''} ${e?.message ?? ''}`;
  return /duplicate key|E11000/i.test(text);
}

function auditOf(action: string, w: Write): AuditEntry {
  // `auditId` stands in for the id where the audit row (which names the caller) must not point at the document: anonymous opinions.
  const targetId = (w.kind === 'create' || w.kind === 'update' ? w.auditId : undefined) ?? w.id;
  if (w.kind === 'update') {
    return { action, targetCollection: w.collection, targetId, versionBefore: w.expectedVersion, versionAfter: w.expectedVersion + 1 };
  }
  return { action, targetCollection: w.collection, targetId, versionBefore: null, versionAfter: w.kind === 'create' ? 1 : null };
}
