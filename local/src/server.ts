/**
 * The local cloud's HTTP face for the mini program, scripts and curl: call functions as a user,
 * emulate subscription taps, read the outbox, edit the msgSecCheck word list, serve files.
 * Listens on 127.0.0.1 only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  DEFAULT_PORT,
  PROJECT_ROOT,
  getDataDir,
  getEnvId,
  setBaseUrl,
} from './services/state';
import { callFunction } from './services/functions';
import {
  SubscribeRequestError,
  clearOutbox,
  getSecWords,
  grantSubscription,
  readOutbox,
  setSecWords,
  subscriptionCredits,
  type SecWord,
} from './services/openapi';
import { answerStorageUrl, isStorageUrl } from './services/storage';
import { installLocalCloud } from './install';
import { answerPreview } from './preview/serve';
import { PREVIEW_FOUNDER, PREVIEW_FOUNDER_TENANT } from './preview/chat';
import { localClock } from './clock';
import { resetTimers, runDueTimers, timerTriggers } from './services/timers';

/** Largest JSON body accepted (the platform's synchronous invoke limit is 6 MB). */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** Deepest JSON nesting accepted; real payloads stay under ten levels. */
const MAX_JSON_DEPTH = 64;
/** Time allowed to send a whole request (headers and body); a stalled sender is cut off. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A running local cloud server. */
export interface LocalCloudServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(new HttpError(413, `body too large (at most ${MAX_BODY_BYTES} bytes)`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Answer 413 rather than resetting the connection; the rest of the body is read and dropped.
        over = true;
        chunks.length = 0;
        reject(new HttpError(413, `body too large (at most ${MAX_BODY_BYTES} bytes)`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Deepest nesting of a parsed JSON value, counted without recursion (a hostile body cannot blow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return deepest;
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a text/plain or form body is what a foreign web page can send without asking first.
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'content-type must be application/json');
  const raw = (await readBody(req)).toString('utf8');
  if (!raw.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'body must be a JSON object');
  if (depthOf(parsed) > MAX_JSON_DEPTH) throw new HttpError(400, `body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`);
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function clockReading(): { now: number; iso: string } {
  const now = localClock().now();
  return { now, iso: new Date(now).toISOString() };
}

/** Fires the functions' timer triggers on the local clock, checked every second while the server runs. */
function startTimerLoop(): void {
  const triggers = timerTriggers();
  for (const t of triggers) console.log(`timer: ${t.functionName}/${t.triggerName} "${t.config}" (UTC+8, on the local clock)`);
  resetTimers();
  const tick = setInterval(() => {
    runDueTimers()
      .then((fired) => {
        for (const f of fired) console.log(`[timer] ${f.functionName}/${f.triggerName} at ${new Date(f.at).toISOString()}: ${'result' in f.outcome ? 'ok' : f.outcome.errMsg}`);
      })
      .catch((err: unknown) => console.error('[timer]', err));
  }, 1000);
  tick.unref();
}

/** Names of the built functions (folders of cloudfunctions/ holding index.js). */
function builtFunctions(): string[] {
  const dir = join(PROJECT_ROOT, 'cloudfunctions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.js')))
    .map((d) => d.name);
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;

  if (isStorageUrl(path)) {
    const body = method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
    const out = answerStorageUrl({ method, url, body });
    if (!out) throw new HttpError(405, `${method} not allowed here`);
    res.writeHead(out.statusCode, out.headers);
    res.end(out.body);
    return;
  }

  // The browser preview of the mini program (local/src/preview).
  if ((path === '/preview' || path.startsWith('/preview/')) && (await answerPreview(req, res, url))) return;

  const fn = /^\/functions\/([^/]+)$/.exec(path);
  if (fn && method === 'POST') {
    const body = await readJsonBody(req);
    const header = req.headers['x-wx-openid'];
    const openid = typeof body.openid === 'string' ? body.openid : typeof header === 'string' ? header : '';
    if (!openid) throw new HttpError(400, 'openid is required (body "openid" or header x-wx-openid)');
    const data = body.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) throw new HttpError(400, '"data" must be a JSON object');
    const appid = typeof body.appid === 'string' ? body.appid : undefined;
    // A callFunction outcome, success or errCode, is the RPC's answer: always 200.
    send(res, 200, await callFunction({ name: decodeURIComponent(fn[1]), data: data as Record<string, unknown>, openid, appid }));
    return;
  }

  if (path === '/health' && method === 'GET') {
    send(res, 200, { ok: true, env: getEnvId(), dataDir: getDataDir(), functions: builtFunctions() });
    return;
  }

  if (path === '/clock' && method === 'GET') {
    send(res, 200, clockReading());
    return;
  }
  if (path === '/clock' && method === 'PUT') {
    const { at, advance } = await readJsonBody(req);
    const isTime = (v: unknown) => typeof v === 'string' || typeof v === 'number';
    if ((at === undefined) === (advance === undefined) || !isTime(at ?? advance)) {
      throw new HttpError(400, 'expected { "at": "2027-01-20T09:00+08:00" } or { "advance": "3d" }');
    }
    try {
      if (at !== undefined) localClock().set(at as string | number);
      else localClock().advance(advance as string | number);
    } catch (e) {
      throw new HttpError(400, e instanceof Error ? e.message : String(e));
    }
    // Whatever came due on the way fires now, each at its own instant, so the caller sees its effects in the reply's wake.
    const fired = await runDueTimers({ progress: (line) => console.log(line) });
    send(res, 200, { ...clockReading(), fired: fired.map((f) => ({ function: f.functionName, trigger: f.triggerName, at: new Date(f.at).toISOString(), ok: 'result' in f.outcome })) });
    return;
  }

  if (path === '/subscriptions' && method === 'POST') {
    const body = await readJsonBody(req);
    const { openid, templateIds, accepted } = body;
    const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (typeof openid !== 'string' || !isList(templateIds) || (accepted !== undefined && !isList(accepted))) {
      throw new HttpError(400, 'expected { "openid": string, "templateIds": string[], "accepted"?: string[] }');
    }
    try {
      send(res, 200, grantSubscription(openid, templateIds, accepted));
    } catch (e) {
      if (e instanceof SubscribeRequestError) send(res, 400, { errCode: e.errCode, errMsg: e.errMsg });
      else throw e;
    }
    return;
  }
  if (path === '/subscriptions' && method === 'GET') {
    const openid = url.searchParams.get('openid');
    if (!openid) throw new HttpError(400, 'query parameter openid is required');
    send(res, 200, { openid, credits: subscriptionCredits(openid) });
    return;
  }

  if (path === '/outbox' && method === 'GET') {
    const touser = url.searchParams.get('touser') ?? undefined;
    const templateId = url.searchParams.get('templateId') ?? undefined;
    send(res, 200, { messages: readOutbox({ touser, templateId }) });
    return;
  }
  if (path === '/outbox' && method === 'DELETE') {
    clearOutbox();
    send(res, 200, { ok: true });
    return;
  }

  if (path === '/sec-words' && method === 'GET') {
    send(res, 200, { words: getSecWords() });
    return;
  }
  if (path === '/sec-words' && method === 'PUT') {
    const { words } = await readJsonBody(req);
    const valid = (w: unknown): w is SecWord => {
      const x = w as SecWord;
      return !!x && typeof x.word === 'string' && (x.suggest === 'review' || x.suggest === 'risky') && typeof x.label === 'number';
    };
    if (!Array.isArray(words) || !words.every(valid)) {
      throw new HttpError(400, 'expected { "words": [{ "word": string, "suggest": "review"|"risky", "label": number }] }');
    }
    setSecWords(words);
    send(res, 200, { words });
    return;
  }

  throw new HttpError(404, `no route for ${method} ${path}`);
}

/**
 * Whether a request may act here. Only this machine's own pages and programs may: a browser sends an
 * Origin on every cross-site write (and a Host naming the attacker's domain after DNS rebinding), so a
 * request from a foreign page, or addressed to another host name, is refused. curl and scripts send no
 * Origin. No CORS header is ever sent, so a foreign page cannot read a reply either.
 */
function admitted(req: IncomingMessage): boolean {
  const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
  const host = req.headers.host ?? '';
  if (!local.test(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** The request listener of the local cloud (exported for embedding). */
export function handler(req: IncomingMessage, res: ServerResponse): void {
  if (!admitted(req)) {
    req.resume();
    send(res, 403, { errCode: -1, errMsg: 'only pages and programs on this machine may call the local cloud (cross-origin request refused)' });
    return;
  }
  route(req, res).catch((err: unknown) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500) console.error('[local-cloud]', err);
    // Internals stay in this process's log; the caller gets a plain sentence.
    const errMsg = err instanceof HttpError ? err.message : 'internal error (see the local cloud log)';
    if (!res.headersSent) {
      if (status === 413) res.setHeader('connection', 'close');
      send(res, status, { errCode: -1, errMsg });
    } else res.end();
  });
}

/** Starts the server on 127.0.0.1 (port 0 = any free port); temp file URLs then point at it. */
export function startServer(options: { port?: number; requestTimeoutMs?: number } = {}): Promise<LocalCloudServer> {
  const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer({ requestTimeout: timeout, headersTimeout: Math.min(timeout, 10_000), connectionsCheckingInterval: Math.min(1000, timeout / 2) }, handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}`;
      setBaseUrl(url);
      resolve({
        url,
        port,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Runs the optional demo seeder `local/demo/seed` (.ts/.js) before the server listens. It may
 * export `seed(api)` (or a default function) and receives the local cloud's API.
 */
async function runDemoSeed(): Promise<void> {
  let file: string;
  try {
    file = require.resolve(join(PROJECT_ROOT, 'local', 'demo', 'seed'));
  } catch {
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { seed?: unknown; default?: unknown } | ((...a: unknown[]) => unknown);
  const fn = typeof mod === 'function' ? mod : typeof mod.seed === 'function' ? mod.seed : mod.default;
  if (typeof fn === 'function') {
    await fn({ dataDir: getDataDir(), callFunction, grantSubscription, setSecWords });
    console.log(`[local-cloud] demo seed ran (${file})`);
  }
}

/** `npm start`: install the services, run the demo seeder if any, listen, print how to call. */
export async function main(): Promise<LocalCloudServer> {
  // Deployment names the first administrator of a new unit; locally, unless set, the preview's founder may create one.
  process.env.BOOTSTRAP_ADMINS ??= `${PREVIEW_FOUNDER_TENANT}=${PREVIEW_FOUNDER}`;
  // The whole local cloud (database and services), also when started without the preload.
  const cloud = installLocalCloud({ dataDir: process.env.LOCAL_CLOUD_DATA || join(PROJECT_ROOT, '.local-cloud') });
  // LOCAL_CLOUD_NOW=2027-01-20T09:00+08:00 npm start: the whole local cloud lives on that day.
  if (process.env.LOCAL_CLOUD_NOW) cloud.clock.set(process.env.LOCAL_CLOUD_NOW);
  await runDemoSeed();
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  const running = await startServer({ port });
  startTimerLoop();
  const fns = builtFunctions();
  console.log(`local cloud listening on ${running.url}  (env ${getEnvId()}, data ${getDataDir()})`);
  console.log(`functions: ${fns.length ? fns.join(', ') : '(none built: run npm run build)'}`);
  console.log(`clock: ${new Date(cloud.clock.now()).toISOString()}${process.env.LOCAL_CLOUD_NOW ? ` (LOCAL_CLOUD_NOW=${process.env.LOCAL_CLOUD_NOW})` : ''}`);
  console.log(`preview: ${running.url}/preview/  (the mini program's pages in a phone frame; act as any demo user)`);
  console.log('try:');
  console.log(`  curl -s ${running.url}/health`);
  console.log(
    `  curl -s -X POST ${running.url}/functions/${fns[0] ?? 'api'} -H 'content-type: application/json' ` +
      `-d '{"openid":"o-demo-admin","data":{"action":"me","payload":{}}}'`,
  );
  return running;
}
