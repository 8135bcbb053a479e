/**
 * The `api` router: envelope → action contract → caller from getWXContext → permission →
 * moderation → use case → unit of work → reply. Every reply is `{ ok, data }` or `{ ok, error }`.
 */
import { RequestEnvelope, type Reply } from '../../../../miniprogram/core/contracts/envelope';
import { ERROR_MESSAGES, zodIssues } from '../../../../miniprogram/core/errors';
import { isAllowed, rolesAt, type Role } from '../../../../miniprogram/core/domain/permissions';
import type { ActionSpec, Deps } from './action';
import { AppError } from './errors';
import { moderate } from './moderation';
import type { Caller } from './action';
import type { Db } from './db';
import { DuplicateRequest, isMutation, type CommitContext, type Write } from './uow';

/** What the router needs from the database, given by the entry point (the frame imports no repository). */
export interface FrameStore {
  loadCaller(db: Db, openid: string): Promise<Caller>;
  /** The reply already committed for a request key, if any. */
  priorReply(db: Db, requestKey: string): Promise<Reply<unknown> | null>;
  commit(db: Db, writes: Write[], ctx: CommitContext): Promise<void>;
}

// The table's specs differ in their input types; the router only needs them as a family.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionSpec<any, unknown, any>>;

/** Handles one call of the `api` function. */
export async function handle(event: unknown, deps: Deps, actions: ActionTable, permissions: Record<string, readonly Role[]>, store: FrameStore): Promise<Reply<unknown>> {
  const { loadCaller, commit } = store;
  const priorReply = (d: Deps, requestKey: string) => store.priorReply(d.db, requestKey);
  try {
    const envelope = RequestEnvelope.safeParse(event);
    if (!envelope.success) return invalid(envelope.error.issues);
    const { action, payload, requestId } = envelope.data;
    const spec = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    const allowed = Object.prototype.hasOwnProperty.call(permissions, action) ? permissions[action] : undefined;
    if (!spec || !allowed) return failure(new AppError('ACTION.UNKNOWN'));

    const openid = deps.cloud.getWXContext().OPENID as string | undefined;
    if (!openid) return failure(new AppError('AUTH.UNBOUND'));

    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) return invalid(parsed.error.issues);
    if (spec.mutating && !requestId) return failure(new AppError('INPUT.INVALID', '缺少请求编号（requestId），请更新小程序后重试'));

    const requestKey = `${openid}:${requestId ?? ''}`;
    if (spec.mutating) {
      const prior = await priorReply(deps, requestKey);
      if (prior) return prior;
    }

    const caller = await loadCaller(deps.db, openid);
    const scope = await spec.scope(parsed.data, caller, deps);
    const roles = rolesAt(caller, scope.org, scope.tenantId);
    if (!isAllowed(allowed, roles)) {
      if (!caller.tenantId) return failure(new AppError('AUTH.UNBOUND'));
      if (!roles.has('BOUND')) return failure(new AppError('AUTH.OTHER_TENANT'));
      return failure(new AppError('AUTH.FORBIDDEN'));
    }

    const texts = spec.texts?.(parsed.data).filter((t) => t.trim().length > 0) ?? [];
    const moderation = texts.length ? await moderate(deps.cloud, openid, texts) : 'PASS';

    let outcome: unknown;
    try {
      outcome = await spec.run({ ...deps, input: parsed.data, caller, scope, moderation, action, requestKey });
    } catch (err) {
      // A duplicate still in flight may see the first one's effects ("already exists"): answer as the first did.
      const prior = spec.mutating ? await priorReply(deps, requestKey) : null;
      if (prior) return prior;
      throw err;
    }
    if (!spec.mutating) return { ok: true, data: isMutation(outcome) ? outcome.data : outcome };

    const data = isMutation(outcome) ? outcome.data : outcome;
    const reply: Reply<unknown> = { ok: true, data };
    try {
      await commit(deps.db, isMutation(outcome) ? outcome.writes : [], {
        tenantId: scope.tenantId ?? caller.tenantId ?? tenantOfWrites(isMutation(outcome) ? outcome.writes : []),
        actorOpenid: openid,
        actorPersonId: caller.personId,
        action,
        now: deps.now,
        requestKey,
        reply,
      });
    } catch (err) {
      if (err instanceof DuplicateRequest) return err.reply as Reply<unknown>;
      throw err;
    }
    return reply;
  } catch (err) {
    if (err instanceof AppError) return failure(err);
    // Unexpected: log everything here, tell the caller nothing internal.
    console.error('[api] unexpected error', err);
    return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
  }
}

/** The tenant of an unbound caller's writes (claiming an invitation, bootstrapping), for the audit row. */
function tenantOfWrites(writes: Write[]): string | null {
  for (const w of writes) {
    const tenantId = w.kind === 'create' || w.kind === 'put' ? w.doc.tenantId : undefined;
    if (typeof tenantId === 'string') return tenantId;
  }
  return null;
}

function failure(err: AppError): Reply<never> {
  return { ok: false, error: err.issues ? { code: err.code, message: err.message, issues: err.issues } : { code: err.code, message: err.message } };
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Reply<never> {
  return failure(
    new AppError(
      'INPUT.INVALID',
      undefined,
      zodIssues(issues),
    ),
  );
}
