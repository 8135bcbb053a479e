/**
 * The request seam: wx-server-sdk → @cloudbase/node-sdk → @cloudbase/database. Every database call
 * does `new Db.reqClass(config).send(action, params)`, and node-sdk's newDb() reassigns
 * `Db.reqClass` on each cloud.database(). We pin the static with a getter so that assignment is
 * ignored. Modules are resolved from wx-server-sdk's own location so we patch the very instances it
 * loads (and, under jest, `require` is the test file's registry).
 */
import * as path from 'path';

/** A database request handler: gets the action (e.g. `database.getDocument`) and params. */
export type DbSend = (action: string, params: Record<string, unknown>) => Promise<unknown>;

interface DbClass {
  reqClass: unknown;
}

const state: { installed: boolean; send: DbSend | null; intercepted: number; requester: unknown } = {
  installed: false,
  send: null,
  intercepted: 0,
  requester: null,
};

/** Resolves a module id as wx-server-sdk → @cloudbase/node-sdk would see it. */
export function resolveFromSdk(id: string): string {
  const wxDir = path.dirname(require.resolve('wx-server-sdk/package.json'));
  if (id === 'wx-server-sdk' || id.startsWith('wx-server-sdk/')) return require.resolve(id);
  const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [wxDir] }));
  if (id.startsWith('@cloudbase/node-sdk')) return require.resolve(id, { paths: [wxDir] });
  const dbDir = path.dirname(require.resolve('@cloudbase/database/package.json', { paths: [nodeSdkDir] }));
  if (id.startsWith('@cloudbase/database')) return require.resolve(id, { paths: [nodeSdkDir] });
  return require.resolve(id, { paths: [dbDir, nodeSdkDir, wxDir] });
}

/** Loads a module through the SDK's resolution (same instance wx-server-sdk uses). */
export function requireFromSdk<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolveFromSdk(id)) as T;
}

/** The Db class node-sdk assigns reqClass on. */
export function sdkDbClass(): DbClass {
  return requireFromSdk<{ Db: DbClass }>('@cloudbase/database').Db;
}

/** Routes every @cloudbase/database request to `send` (idempotent; a later call replaces `send`). */
export function installDbSeam(send: DbSend): void {
  state.send = send;
  if (state.installed) return;
  // node-sdk's processReturn throws a TcbError for replies with a code (unless setThrowOnCode(false)),
  // exactly what its HTTP requester does with a failed server reply.
  const { processReturn } = requireFromSdk<{ processReturn: (r: unknown) => unknown }>(
    '@cloudbase/node-sdk/dist/utils/utils',
  );
  class LocalDbRequester {
    readonly config: unknown;

    constructor(config: unknown) {
      this.config = config;
    }

    async send(action: string, params?: Record<string, unknown>): Promise<unknown> {
      if (!state.send) throw new Error('local cloud: database seam has no handler');
      const reply = (await state.send(action, params ?? {})) as { code?: string };
      return reply && reply.code ? processReturn(reply) : reply;
    }
  }
  state.requester = LocalDbRequester;
  Object.defineProperty(sdkDbClass(), 'reqClass', {
    configurable: true,
    get: () => LocalDbRequester,
    set: () => {
      state.intercepted += 1;
    },
  });
  state.installed = true;
}

/** For the seam guard test: our requester class and how many reassignments were swallowed. */
export function seamStatus(): { installed: boolean; requester: unknown; intercepted: number } {
  return { installed: state.installed, requester: state.requester, intercepted: state.intercepted };
}
