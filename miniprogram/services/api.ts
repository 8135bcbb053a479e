/**
 * The one client of the `api` cloud function. Every call is typed by the contracts; a mutation carries the
 * requestId of the user's intent, so a double tap or a retry after a flaky network writes once; errors
 * become a Chinese toast or inline field errors; AUTH.UNBOUND sends the user to the join page.
 */
import { API_FUNCTION } from '../config';
import type { ActionInput, ActionName, ActionOutput, ApiError, ApiResult } from './api-types';

export type { ActionInput, ActionName, ActionOutput, ApiError, ApiResult } from './api-types';

/** Shown when the call never reached the cloud (offline, timeout). */
export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试，已填写的内容不会丢失';
/** The same on a screen that only reads: nothing was typed there, so nothing is said of losing it. */
export const NETWORK_READ_MESSAGE = '网络不给力，请检查网络后重试';
/** The join page, where AUTH.UNBOUND leads. */
export const JOIN_PAGE = '/pages/join/join/join';
/** A call slower than this shows the loading state. */
const LOADING_AFTER_MS = 400;

/** One user intent (a submit): its requestId is made once and reused on every retry of that intent. */
export interface Intent {
  readonly requestId: string;
}

let counter = 0;
/** Starts a new intent with a fresh requestId (8–64 of A-Za-z0-9_-, as the frame requires). */
export function newIntent(): Intent {
  counter += 1;
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return { requestId: `r${Date.now().toString(36)}${counter.toString(36)}${random}`.slice(0, 64) };
}

/** Options of one call. */
export interface CallOptions {
  /** The intent of a mutation; reads need none. */
  intent?: Intent;
  /** Loading text while the call is slow; false for none (pull-down refresh has its own spinner). */
  loading?: string | false;
  /** Errors the page shows itself (no toast for these codes). */
  quiet?: string[];
  /** Do not redirect on AUTH.UNBOUND (the join page itself, 我的). */
  stayWhenUnbound?: boolean;
}

// The same intent tapped twice while its first call is in flight gets that same call back: one write.
const inflight = new Map<string, Promise<ApiResult<unknown>>>();

interface CallFunctionReply {
  result?: unknown;
}

function isReply(value: unknown): value is { ok: true; data: unknown } | { ok: false; error: ApiError } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * The call's data. A payload's `group` (a CloudID) travels as the top-level field `g`: WeChat resolves
 * CloudIDs only at the top level of the data (PLATFORM.md), and the router puts it back as `group`.
 */
export function callData(action: string, payload: unknown, requestId: string | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = { action, payload, ...(requestId ? { requestId } : {}) };
  if (payload && typeof payload === 'object' && 'group' in payload) {
    const { group, ...rest } = payload as Record<string, unknown>;
    Object.assign(data, { payload: rest, g: group });
  }
  return data;
}

async function send(action: string, payload: unknown, requestId: string | undefined): Promise<ApiResult<unknown>> {
  try {
    const res = (await wx.cloud.callFunction({ name: API_FUNCTION, data: callData(action, payload, requestId) })) as CallFunctionReply;
    if (isReply(res.result)) return res.result;
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } };
  }
}

/** Calls one action; resolves to its data or its error (already shown to the user unless quiet). */
export async function call<K extends ActionName>(action: K, payload: ActionInput<K>, options: CallOptions = {}): Promise<ApiResult<ActionOutput<K>>> {
  const requestId = options.intent?.requestId;
  const key = requestId ? `${action}:${requestId}` : '';
  const running = key ? inflight.get(key) : undefined;
  if (running) return running as Promise<ApiResult<ActionOutput<K>>>;

  let loadingShown = false;
  const timer = options.loading === false ? null : setTimeout(() => {
    loadingShown = true;
    wx.showLoading({ title: options.loading || '加载中', mask: true });
  }, LOADING_AFTER_MS);
  const promise = send(action, payload, requestId).then((reply) => {
    if (timer) clearTimeout(timer);
    if (loadingShown) wx.hideLoading();
    if (key) inflight.delete(key);
    if (!reply.ok) report(reply.error, options);
    return reply;
  });
  if (key) inflight.set(key, promise);
  return promise as Promise<ApiResult<ActionOutput<K>>>;
}

function report(error: ApiError, options: CallOptions): void {
  if (error.code === 'AUTH.UNBOUND' && !options.stayWhenUnbound) {
    wx.reLaunch({ url: JOIN_PAGE });
    return;
  }
  if (options.quiet?.includes(error.code)) return;
  // Field errors are shown beside their fields; the toast only says where to look.
  const title = error.issues?.length ? '请按提示修改后再提交' : error.message;
  wx.showToast({ title, icon: 'none', duration: 3000 });
}

/** Inline field errors from an error's issues, keyed by the dotted path (e.g. `items.0.content`). */
export function fieldErrors(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues ?? []) {
    const path = issue.path.join('.');
    if (!out[path]) out[path] = issue.message;
  }
  return out;
}

/** What a screen that failed to load says (load-state), and whether 重试 can help (the network, a busy server). */
export function loadFailure(error: ApiError): { failed: string; canRetry: boolean } {
  return { failed: error.code === 'NETWORK' ? NETWORK_READ_MESSAGE : error.message, canRetry: error.code === 'NETWORK' || error.code === 'INTERNAL' };
}
