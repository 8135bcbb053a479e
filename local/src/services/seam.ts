/**
 * The request seams of @cloudbase/node-sdk (the copy wx-server-sdk loads) that the local services
 * answer. Every non-database cloud API of node-sdk (openapi, storage, functions) goes through
 * `utils/tcbapirequester.request({ config, params, ... })` and COS transfers through
 * `utils/request-core.request(opts, cb)`; both are looked up on their module objects at call time,
 * so replacing the exports reroutes the unmodified SDK while all of its own argument checks and
 * result/error handling still run.
 */
import { dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';

/** What node-sdk passes to tcbapirequester.request. */
export interface TcbRequestArgs {
  config: { envName?: unknown; [key: string]: unknown };
  params: { action: string; [key: string]: unknown };
  method?: string;
  headers?: Record<string, string>;
  opts?: Record<string, unknown>;
  isFormData?: boolean;
}

/** Answers one TCB API action: an object `{ requestId, data }`, `{ code, message }`, or a raw Buffer. */
export type ActionHandler = (args: TcbRequestArgs) => Promise<unknown>;

/** A plain HTTP-like answer to a COS/temp-URL request handled in process. */
export interface LocalHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Answers a request-core request to a local URL; body is the uploaded content (PUT) or empty. */
export type UrlHandler = (req: { method: string; url: URL; body: Buffer }) => LocalHttpResponse | undefined;

type RequestFn = (args: TcbRequestArgs) => Promise<unknown>;
type CoreCallback = (err: Error | null, res?: unknown, body?: unknown) => void;
type CoreRequestFn = (opts: { method: string; url: string; type?: string }, cb: CoreCallback) => unknown;

const actionHandlers = new Map<string, ActionHandler>();
const urlHandlers: UrlHandler[] = [];
const PATCHED = Symbol.for('local-cloud.services-seam');

/** Directory of node-sdk's compiled code, as resolved from wx-server-sdk. */
export function nodeSdkDist(): string {
  const wxSdkDir = dirname(require.resolve('wx-server-sdk/package.json'));
  return dirname(require.resolve('@cloudbase/node-sdk', { paths: [wxSdkDir] }));
}

/** Registers the answer to a TCB action such as 'wx.openApi' or 'storage.batchDeleteFile'. */
export function handleAction(action: string, handler: ActionHandler): void {
  actionHandlers.set(action, handler);
}

/** Registers an in-process answer to request-core requests (COS upload, temp URL download). */
export function handleUrl(handler: UrlHandler): void {
  urlHandlers.push(handler);
}

/** Replaces node-sdk's request functions with ones that consult the handlers first (idempotent). */
export function installSeam(): void {
  const dist = nodeSdkDist();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requester = require(join(dist, 'utils', 'tcbapirequester.js')) as { request: RequestFn; [PATCHED]?: boolean };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(join(dist, 'utils', 'request-core.js')) as { request: CoreRequestFn; [PATCHED]?: boolean };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require(join(dist, 'utils', 'utils.js')) as { processReturn: (r: unknown) => unknown };
  if (!requester[PATCHED]) {
    const original = requester.request;
    requester.request = async (args) => {
      const handler = actionHandlers.get(args.params.action);
      // Actions we do not own (the database person's, if any reach here) keep their old path.
      if (!handler) return original(args);
      const result = await handler(args);
      // As the real request(): an answer with a code goes through processReturn (which throws a TcbError).
      const failed = !!result && !Buffer.isBuffer(result) && typeof result === 'object' && 'code' in result && !!result.code;
      return failed ? utils.processReturn(result) : result;
    };
    requester[PATCHED] = true;
  }
  if (!core[PATCHED]) {
    const original = core.request;
    core.request = (opts, cb) => {
      const url = new URL(opts.url);
      const isLocal = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      if (!isLocal || !url.pathname.startsWith('/__local_cloud/')) return original(opts, cb);
      return fakeRequest(opts.method.toUpperCase(), url, opts.type, cb);
    };
    core[PATCHED] = true;
  }
}

/** A writable stand-in for http.ClientRequest: collects the body, then answers from the handlers. */
function fakeRequest(method: string, url: URL, type: string | undefined, cb: CoreCallback): Writable {
  const chunks: Buffer[] = [];
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    const body = Buffer.concat(chunks);
    let res: LocalHttpResponse | undefined;
    try {
      for (const h of urlHandlers) {
        res = h({ method, url, body });
        if (res) break;
      }
    } catch (e) {
      cb(e as Error);
      return;
    }
    const out = res ?? { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Not Found') };
    const stream = Object.assign(new PassThrough(), { statusCode: out.statusCode, headers: out.headers });
    stream.end(out.body);
    cb(null, stream, type === 'json' ? JSON.parse(out.body.toString() || 'null') : type === 'raw' ? out.body : out.body.toString());
  };
  const req = new Writable({
    write(chunk: Buffer, _enc, next) {
      chunks.push(Buffer.from(chunk));
      next();
    },
    final(done) {
      done();
      setImmediate(answer);
    },
  });
  Object.assign(req, { setTimeout: () => req, abort: () => undefined, reusedSocket: false });
  // request-core ends GET requests itself; a GET body never comes, so answer on the next turn.
  if (method === 'GET') setImmediate(answer);
  return req;
}

/** A TCB error object as node-sdk returns it (its callers turn `code` into errCode). */
export function tcbError(code: string, message: string, requestId: string): { code: string; message: string; requestId: string } {
  return { code, message, requestId };
}

let seq = 0;
/** A request id shaped like the platform's (unique per process run). */
export function newRequestId(): string {
  seq += 1;
  return `${Date.now().toString(16)}-${process.pid.toString(16)}-${seq.toString(16).padStart(6, '0')}`;
}
