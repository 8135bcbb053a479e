/**
 * In-process function host: runs a cloud function's `main(event, context)` as a given caller,
 * the way wx.cloud.callFunction does on the platform (JSON in and out, caller in getWXContext,
 * errors as errCode/errMsg, per-function timeout from config.json). A function's own
 * `cloud.callFunction` reaches the host through the 'functions.invokeFunction' TCB action.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { currentCaller, runAsCaller, type Caller } from './context';
import { handleAction, newRequestId, tcbError, type TcbRequestArgs } from './seam';
import { PROJECT_ROOT, getEnvId } from './state';

/** A cloud function's entry point. */
export type CloudMain = (event: Record<string, unknown>, context: Record<string, unknown>) => unknown;

/** Options of callFunction: the wx.cloud.callFunction arguments plus who calls. */
export interface CallFunctionOptions {
  name: string;
  data?: Record<string, unknown>;
  /** The caller's openid (what getWXContext().OPENID answers). */
  openid: string;
  appid?: string;
  unionid?: string;
  /** Run this main instead of loading cloudfunctions/<name>/index.js (tests). */
  main?: CloudMain;
  /** Overrides the function's timeout (config.json `timeout` seconds, default 3 s). */
  timeoutMs?: number;
}

/** What wx.cloud.callFunction resolves with, or the error it rejects with. */
export type CallFunctionResult = { result: unknown } | { errCode: number; errMsg: string };

/** Error codes the platform gives callFunction callers. */
export const FUNCTION_ERRORS = {
  NOT_FOUND: -501000,
  EXECUTE_FAIL: -504002,
  TIMEOUT: -504003,
} as const;

/** App id the local cloud reports (override with LOCAL_CLOUD_APPID). */
export const DEFAULT_APPID = 'wxlocal0000000000';

const DEFAULT_TIMEOUT_S = 3;

const registered = new Map<string, CloudMain>();
let functionsDir = join(PROJECT_ROOT, 'cloudfunctions');
const loaded = new Map<string, { mtimeMs: number; main: CloudMain }>();

/** Makes `name` callable (also from other functions' cloud.callFunction) without a bundle. */
export function registerFunction(name: string, main: CloudMain): void {
  registered.set(name, main);
}

/** Removes a function registered with registerFunction. */
export function unregisterFunction(name: string): void {
  registered.delete(name);
}

/** Folder holding `<name>/index.js` bundles (default `<project>/cloudfunctions`). */
export function setFunctionsDir(dir: string): void {
  functionsDir = dir;
  loaded.clear();
}

interface Resolved {
  main: CloudMain;
  dir?: string;
  timeoutS: number;
}

function readTimeout(dir: string): number {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return DEFAULT_TIMEOUT_S;
  const config = JSON.parse(readFileSync(file, 'utf8')) as { timeout?: number };
  return typeof config.timeout === 'number' && config.timeout > 0 ? config.timeout : DEFAULT_TIMEOUT_S;
}

/** Finds a function: an explicit main, a registered one, or the bundle (reloaded when rebuilt). */
function resolveFunction(name: string, main?: CloudMain): Resolved | undefined {
  if (main) return { main, timeoutS: DEFAULT_TIMEOUT_S };
  const reg = registered.get(name);
  if (reg) return { main: reg, timeoutS: DEFAULT_TIMEOUT_S };
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(name)) return undefined;
  const dir = join(functionsDir, name);
  const file = join(dir, 'index.js');
  if (!existsSync(file)) return undefined;
  const { mtimeMs } = statSync(file);
  const cached = loaded.get(file);
  if (!cached || cached.mtimeMs !== mtimeMs) {
    if (cached) delete require.cache[require.resolve(file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { main?: CloudMain };
    if (typeof mod.main !== 'function') throw new Error(`${file} does not export main`);
    loaded.set(file, { mtimeMs, main: mod.main });
  }
  return { main: (loaded.get(file) as { main: CloudMain }).main, dir, timeoutS: readTimeout(dir) };
}

function describeError(err: unknown): string {
  // The message and the top frames are what a developer needs; the host's own frames are noise.
  if (err instanceof Error) return (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, 6).join('\n');
  if (err && typeof err === 'object') return JSON.stringify(err);
  return String(err);
}

/** JSON round trip, as the wire does (Dates become strings, undefined becomes null). */
function overTheWire(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
}

async function invoke(name: string, data: Record<string, unknown>, caller: Caller, opts: { main?: CloudMain; timeoutMs?: number; timer?: boolean }): Promise<CallFunctionResult> {
  let fn: Resolved | undefined;
  try {
    fn = resolveFunction(name, opts.main);
  } catch (err) {
    return { errCode: FUNCTION_ERRORS.EXECUTE_FAIL, errMsg: `functions execute fail | errMsg: ${describeError(err)}` };
  }
  if (!fn) {
    return { errCode: FUNCTION_ERRORS.NOT_FOUND, errMsg: `[ResourceNotFound.Function] 未找到指定的云函数 ${name}，请先构建（npm run build）或创建。` };
  }
  const { main, dir, timeoutS } = fn;
  const timeoutMs = opts.timeoutMs ?? timeoutS * 1000;
  const full: Caller = { ...caller, functionName: name, functionDir: dir };
  // A timer's event is the platform's own ({ Type, TriggerName, Time, Message }); a user's call carries userInfo.
  const event = opts.timer ? (overTheWire(data) as Record<string, unknown>) : { ...(overTheWire(data) as Record<string, unknown>), userInfo: { appId: caller.appid, openId: caller.openid } };
  const context = {
    callbackWaitsForEmptyEventLoop: false,
    memory_limit_in_mb: 256,
    time_limit_in_ms: timeoutMs,
    request_id: caller.requestId,
    function_name: name,
    function_version: '$LATEST',
    namespace: caller.env,
    environ: [...(caller.openid ? [`WX_OPENID=${caller.openid}`] : []), ...(caller.appid ? [`WX_APPID=${caller.appid}`] : []), `TCB_ENV=${caller.env}`, `TCB_SOURCE=${caller.source}`].join(';'),
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CallFunctionResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ errCode: FUNCTION_ERRORS.TIMEOUT, errMsg: `Invoking task timed out after ${timeoutMs / 1000} seconds` }),
      timeoutMs,
    );
    timer.unref();
  });
  const run = runAsCaller(full, async (): Promise<CallFunctionResult> => {
    try {
      return { result: overTheWire(await main(event, context)) };
    } catch (err) {
      return { errCode: FUNCTION_ERRORS.EXECUTE_FAIL, errMsg: `functions execute fail | errMsg: ${describeError(err)}` };
    }
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls a cloud function as the given user, like wx.cloud.callFunction from the mini program. */
export function callFunction(options: CallFunctionOptions): Promise<CallFunctionResult> {
  const caller: Caller = {
    openid: options.openid,
    appid: options.appid ?? process.env.LOCAL_CLOUD_APPID ?? DEFAULT_APPID,
    ...(options.unionid ? { unionid: options.unionid } : {}),
    env: getEnvId(),
    source: 'wx_client',
    clientIp: '127.0.0.1',
    requestId: newRequestId(),
  };
  return invoke(options.name, options.data ?? {}, caller, { main: options.main, timeoutMs: options.timeoutMs });
}

/**
 * Fires a function's timer trigger as the platform does: the timer event (`Type: 'Timer'`,
 * `TriggerName`, `Time`, `Message`, cloud.tencent.com/document/product/583/31927), no user (getWXContext
 * has OPENID and APPID only for mini program calls, and SOURCE `wx_trigger` for a timer:
 * developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html),
 * and the function's own timeout.
 */
export function fireTimer(options: { name: string; triggerName: string; at: number; message?: string }): Promise<CallFunctionResult> {
  // A timer firing has no user and no app: SOURCE wx_trigger, no OPENID or APPID.
  const caller: Caller = { ...platformCaller(), appid: '', source: 'wx_trigger' };
  const event = { Type: 'Timer', TriggerName: options.triggerName, Time: new Date(options.at).toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: options.message ?? '' };
  return invoke(options.name, event, caller, { timer: true });
}

/** Runs a delayed function task as the platform does: no user, the task's data (a JSON string) as the event, the function's own timeout. */
export function fireDelayedTask(options: { name: string; data: string }): Promise<CallFunctionResult> {
  return invoke(options.name, JSON.parse(options.data) as Record<string, unknown>, platformCaller(), { timer: true });
}

/** The platform itself as the caller (a timer, a delayed task): no user. */
function platformCaller(): Caller {
  return { openid: '', appid: process.env.LOCAL_CLOUD_APPID ?? DEFAULT_APPID, env: getEnvId(), source: 'scf', clientIp: '127.0.0.1', requestId: newRequestId() };
}

/** The folder bundles are loaded from. */
export function getFunctionsDir(): string {
  return functionsDir;
}

/** A function's cloud.callFunction: same user, source 'wx_client,scf'. */
async function answerInvoke(args: TcbRequestArgs): Promise<unknown> {
  const outer = currentCaller();
  const caller: Caller = {
    openid: outer?.openid ?? '',
    appid: outer?.appid ?? process.env.LOCAL_CLOUD_APPID ?? DEFAULT_APPID,
    ...(outer?.unionid ? { unionid: outer.unionid } : {}),
    env: getEnvId(),
    source: outer ? 'wx_client,scf' : 'scf',
    clientIp: outer?.clientIp ?? '127.0.0.1',
    requestId: newRequestId(),
  };
  const raw = args.params.request_data;
  const data = typeof raw === 'string' && raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const res = await invoke(String(args.params.function_name), data, caller, {});
  if ('errCode' in res) {
    const code = res.errCode === FUNCTION_ERRORS.EXECUTE_FAIL ? 'FUNCTIONS_EXECUTE_FAIL' : 'FUNCTIONS_REQUEST_FAIL';
    return tcbError(code, res.errMsg, caller.requestId);
  }
  return { requestId: caller.requestId, data: { response_data: JSON.stringify(res.result) } };
}

/** Registers the function host on the TCB seam. */
export function installFunctions(): void {
  handleAction('functions.invokeFunction', answerInvoke);
}
