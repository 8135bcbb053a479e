/**
 * Per-invocation caller identity. The unmodified wx-server-sdk reads the caller from
 * process.env (WX_OPENID, WX_APPID, TCB_ENV, … listed in WX_CONTEXT_KEYS), which is one object
 * for the whole process; to let concurrent in-process invocations each see their own caller,
 * process.env is replaced by a Proxy that answers those keys from an AsyncLocalStorage store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling and which function runs: what the platform puts in the function's env. */
export interface Caller {
  openid: string;
  appid: string;
  unionid?: string;
  env: string;
  /** TCB_SOURCE: 'wx_client' for a mini program call, 'wx_client,scf' for a function→function call, 'wx_trigger' for a timer. */
  source: string;
  clientIp: string;
  requestId: string;
  functionName?: string;
  /** Folder the function was loaded from; openapi permissions are checked against its config.json. */
  functionDir?: string;
}

const storage = new AsyncLocalStorage<Caller>();

const CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6';

/** The env keys a caller overrides, and how each is read from the caller. */
const ENV_FROM_CALLER: Record<string, (c: Caller) => string | undefined> = {
  WX_CONTEXT_KEYS: () => CONTEXT_KEYS,
  // Absent, not empty, when no user calls (a timer): the platform gives OPENID and APPID only to mini program calls.
  WX_OPENID: (c) => c.openid || undefined,
  WX_APPID: (c) => c.appid || undefined,
  WX_UNIONID: (c) => c.unionid,
  WX_CLIENTIP: (c) => c.clientIp,
  WX_CLIENTIPV6: (c) => `::ffff:${c.clientIp}`,
  TCB_ENV: (c) => c.env,
  SCF_NAMESPACE: (c) => c.env,
  TCB_SOURCE: (c) => c.source,
  SCF_FUNCTIONNAME: (c) => c.functionName,
  TCB_SEQID: (c) => c.requestId,
};

const PROXIED = Symbol.for('local-cloud.env-proxy');

/** Replaces process.env by a caller-aware Proxy over the real env (idempotent). */
export function installEnvProxy(): void {
  const current = process.env as NodeJS.ProcessEnv & { [PROXIED]?: boolean };
  if (current[PROXIED]) return;
  const real = current;
  const override = (key: string | symbol): { hit: boolean; value?: string } => {
    const caller = storage.getStore();
    if (!caller || typeof key !== 'string') return { hit: false };
    const read = ENV_FROM_CALLER[key];
    return read ? { hit: true, value: read(caller) } : { hit: false };
  };
  process.env = new Proxy(real, {
    get(target, key) {
      if (key === PROXIED) return true;
      const o = override(key);
      return o.hit ? o.value : Reflect.get(target, key);
    },
    // Writes go to the real env with it as the receiver: node's env refuses the bare
    // { value } descriptor that a Proxy without this trap would define.
    set(target, key, value) {
      return Reflect.set(target, key, value);
    },
    deleteProperty(target, key) {
      return Reflect.deleteProperty(target, key);
    },
    has(target, key) {
      const o = override(key);
      return o.hit ? o.value !== undefined : Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const o = override(key);
      if (!o.hit) return Reflect.getOwnPropertyDescriptor(target, key);
      return o.value === undefined
        ? undefined
        : { value: o.value, writable: true, enumerable: true, configurable: true };
    },
    ownKeys(target) {
      const keys = new Set(Reflect.ownKeys(target));
      const caller = storage.getStore();
      if (caller) {
        for (const [key, read] of Object.entries(ENV_FROM_CALLER)) {
          if (read(caller) === undefined) keys.delete(key);
          else keys.add(key);
        }
      }
      return [...keys];
    },
  });
}

/** Runs fn with the given caller visible to getWXContext() for everything it awaits. */
export function runAsCaller<T>(caller: Caller, fn: () => T): T {
  return storage.run(caller, fn);
}

/** The caller of the invocation running now, if any. */
export function currentCaller(): Caller | undefined {
  return storage.getStore();
}
