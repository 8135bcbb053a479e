/**
 * The unit of work's transaction: the writes a use case returned, the audit entries and the request
 * record (idempotency) in ONE transaction, checking versions; and the reply a retry replays.
 */
import type { Reply } from '../../../../miniprogram/core/contracts/envelope';
import type { Db, Tx } from '../frame/db';
import { AppError } from '../frame/errors';
import { DuplicateRequest, isDuplicateKey, type AuditEntry, type CommitContext, type Write } from '../frame/uow';
import * as z from 'zod/mini';
import { COL } from './collections';
import { findMany, getById } from './read';

/** An audit row: one per committed request, keyed `<openid>:<requestId>`, with the reply a retry replays. */
export const AuditDoc = z.object({
  _id: z.string(),
  tenantId: z.nullable(z.string()),
  actorOpenid: z.string(),
  actorPersonId: z.nullable(z.string()),
  action: z.string(),
  at: z.number(),
  reply: z.unknown(),
  entries: z.array(z.object({ action: z.string(), targetCollection: z.string(), targetId: z.string(), versionBefore: z.nullable(z.number()), versionAfter: z.nullable(z.number()) })),
});

/** Documents per batch add: large imports are written in a few round trips, not one per row. */
const CREATE_BATCH = 500;

/** True when any of these actions was committed in the tenant after `after` (one read). */
export async function auditedSince(db: Db, tenantId: string, actions: readonly string[], after: number): Promise<boolean> {
  const rows = await findMany(db, COL.audit, AuditDoc, { tenantId, action: db.command.in([...actions]), at: db.command.gt(after) }, { limit: 1 });
  return rows.length > 0;
}

/** The reply already committed for this request, if any (one read). */
export async function priorReply(db: Db, requestKey: string): Promise<Reply<unknown> | null> {
  const prior = await getById(db, COL.audit, AuditDoc, requestKey);
  return prior ? (prior.reply as Reply<unknown>) : null;
}

/** Commits writes, audit entries and the request record atomically; throws CONFLICT on a stale version. */
export async function commit(db: Db, writes: Write[], ctx: CommitContext): Promise<void> {
  try {
    await db.runTransaction(async (tx: Tx) => {
      // The audit row doubles as the request record: one write, and it is what a retry replays.
      const auditRef = tx.collection(COL.audit).doc(ctx.requestKey);
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

function auditOf(action: string, w: Write): AuditEntry {
  // `auditId` stands in for the id where the audit row (which names the caller) must not point at the document: anonymous opinions.
  const targetId = (w.kind === 'create' || w.kind === 'update' ? w.auditId : undefined) ?? w.id;
  if (w.kind === 'update') {
    return { action, targetCollection: w.collection, targetId, versionBefore: w.expectedVersion, versionAfter: w.expectedVersion + 1 };
  }
  return { action, targetCollection: w.collection, targetId, versionBefore: null, versionAfter: w.kind === 'create' ? 1 : null };
}
