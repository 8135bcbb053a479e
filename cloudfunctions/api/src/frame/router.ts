/**
 * The `api` router: envelope → action contract → caller from getWXContext → permission →
 * moderation → use case → unit of work → reply. Every reply is `{ ok, data }` or `{ ok, error }`.
 */
import { RequestEnvelope, type Reply } from '../../../../miniprogram/core/contracts/envelope';
import { ERROR_MESSAGES, fieldMessage, zodIssues } from '../../../../miniprogram/core/errors';
import { isAllowed, rolesAt, type Role } from '../../../../miniprogram/core/domain/permissions';
import type { ActionSpec, Deps } from './action';
import { AppError } from './errors';
import { moderate } from './moderation';
import type { Caller } from './action';
import type { Db } from './db';
import { DuplicateRequest, isMutation, type CommitContext, type PriorRequest, type Write } from './uow';
import { requestFingerprint, requestRecordId } from './request-record';

/** What the router needs from the database, given by the entry point (the frame imports no repository). */
export interface FrameStore {
  loadCaller(db: Db, openid: string): Promise<Caller>;
  /** The request already committed under a record id, if any. */
  priorRequest(db: Db, recordId: string): Promise<PriorRequest | null>;
  commit(db: Db, writes: Write[], ctx: CommitContext): Promise<void>;
}

// The table's specs differ in their input types; the router only needs them as a family.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionSpec<any, unknown, any>>;

/** Handles one call of the `api` function. */
export async function handle(event: unknown, deps: Deps, actions: ActionTable, permissions: Record<string, readonly Role[]>, store: FrameStore): Promise<Reply<unknown>> {
  const { loadCaller, commit } = store;
  try {
    const envelope = RequestEnvelope.safeParse(event);
    if (!envelope.success) return invalid(envelope.error.issues);
    const { action, requestId, g } = envelope.data;
    // WeChat resolves a CloudID only in a top-level field of the data (`g`): a `group` the client put in the
    // payload was never resolved, and its opengid is whatever the client wrote. Nothing is done with it.
    const raw = envelope.data.payload;
    if (raw && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, 'group')) {
      return failure(new AppError('INPUT.INVALID', '群信息只能由微信提供，请从群聊中重新打开小程序', [{ path: ['group'], message: '群信息：请从群聊中重新打开' }]));
    }
    const payload = g === undefined ? raw : withGroup(raw, g);
    const spec = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    const allowed = Object.prototype.hasOwnProperty.call(permissions, action) ? permissions[action] : undefined;
    if (!spec || !allowed) return failure(new AppError('ACTION.UNKNOWN'));

    const openid = deps.cloud.getWXContext().OPENID as string | undefined;
    if (!openid) return failure(new AppError('AUTH.UNBOUND'));

    // JSON may carry `__proto__` as a plain key; parsing would drop it silently, so it is refused instead.
    const proto = protoKeyPath(payload);
    if (proto) return failure(new AppError('INPUT.INVALID', '提交的内容含有不允许的字段名（__proto__），请更新小程序后重试', [{ path: proto, message: '提交的内容：含有不允许的字段名，请删除后重试' }]));
    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) return invalid(parsed.error.issues);
    if (spec.mutating && !requestId) return failure(new AppError('INPUT.INVALID', '缺少请求编号（requestId），请更新小程序后重试'));

    const requestKey = `${openid}:${requestId ?? ''}`;
    const recordId = requestRecordId(requestKey);
    const fingerprint = requestFingerprint(requestKey, action, parsed.data);
    // A retry replays the first reply; the same requestId for anything else is refused, never merged.
    const replay = async (): Promise<Reply<unknown> | null> => {
      const prior = await store.priorRequest(deps.db, recordId);
      return prior ? replayOf(prior, fingerprint) : null;
    };
    if (spec.mutating) {
      const prior = await replay();
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
      const prior = spec.mutating ? await replay() : null;
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
        recordId,
        fingerprint,
        anonymous: isMutation(outcome) && outcome.anonymous === true,
        reply,
      });
    } catch (err) {
      if (err instanceof DuplicateRequest) return replayOf(err.prior, fingerprint);
      throw err;
    }
    if (isMutation(outcome) && outcome.after) await runAfter(action, outcome.after);
    return reply;
  } catch (err) {
    if (err instanceof AppError) return failure(err);
    // Unexpected: log everything here, tell the caller nothing internal.
    console.error('[api] unexpected error', err);
    return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } };
  }
}

/** Runs a use case's after-commit work; what is committed stays the reply whatever happens here. */
async function runAfter(action: string, after: () => Promise<void>): Promise<void> {
  try {
    await after();
  } catch (err) {
    console.error(`[api] ${action}: after-commit work failed`, err);
  }
}

/** The payload with the top-level CloudID field `g` back in its place (`group`), where the contracts read it. */
function withGroup(payload: unknown, g: unknown): unknown {
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, group: g } : { group: g };
}

/** The path to the first own `__proto__`, `constructor` or `prototype` key in a payload, if any. */
function protoKeyPath(value: unknown, path: Array<string | number> = [], depth = 0): Array<string | number> | null {
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return [...path, key];
    const found = protoKeyPath((value as Record<string, unknown>)[key], [...path, Array.isArray(value) ? Number(key) : key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The first reply of a retried request, or REQUEST.REUSED when the same requestId asked for something else. */
function replayOf(prior: PriorRequest, fingerprint: string): Reply<unknown> {
  if (prior.fingerprint !== undefined && prior.fingerprint !== fingerprint) return failure(new AppError('REQUEST.REUSED'));
  return prior.reply as Reply<unknown>;
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
  // A use case's own field issues are made field-level like the contract's (`限期整改：必须要求整改`).
  const issues = err.issues?.map((i) => ({ path: i.path, message: fieldMessage(i) }));
  return { ok: false, error: issues ? { code: err.code, message: err.message, issues } : { code: err.code, message: err.message } };
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
