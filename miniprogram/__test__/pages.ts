/**
 * Page test harness: a page compiled by the official wcc, rendered by miniprogram-simulate in jsdom with
 * the packed TDesign, and a `wx.cloud.callFunction` that runs the REAL `api` function on the in-process
 * local cloud as the openid the test chooses. Nothing answers in the api's place.
 */
import { appendFileSync, readFileSync } from 'fs';
import * as path from 'path';
import simulate from 'miniprogram-simulate';
import { apiHarness, type Harness } from '../../cloudfunctions/api/test/harness';
import { DEFAULT_APPID, runAsCaller } from '../../local/src/services';
import type { Reply } from '../core/contracts/envelope';

/** The mini program root (where app.json lives). */
export const MP_ROOT = path.join(__dirname, '..');

type Main = (event: unknown) => Promise<Reply<unknown>>;
type Comp = ReturnType<typeof simulate.render>;

/** What a page test works with. */
export interface PageHarness {
  h: Harness;
  /** The openid the mini program runs as from now on. */
  actAs(openid: string): void;
  /** Every api event the mini program sent, in order. */
  sent: Array<{ action: string; payload: unknown; requestId?: string; g?: unknown }>;
  /** Makes callFunction fail as WeChat does when offline. */
  setOffline(offline: boolean): void;
  /** Delays every call by this many real milliseconds (a slow network). */
  setLatency(ms: number): void;
  /** Renders a page (e.g. 'pages/home/index/index'), runs onLoad(query) and onShow, and waits for its calls. */
  open(route: string, query?: Record<string, string>): Promise<Comp>;
  /** Waits until no api call is in flight. */
  settle(): Promise<void>;
  /** From now on the app is opened from a card in this group (opengid), or not from a group (null). */
  enterFromGroup(opengid: string | null): void;
}

let pending = 0;
const loaded = new Map<string, string>();

// simulate registers a component by running its script, whose Component() call hands over the definition;
// jest caches modules (simulate's `delete require.cache` does nothing there), so a component used by a
// second page would never register again. Keep each script's definition and hand it over again when the
// cached module does not run. Relations are copied first, because registration rewrites them in place.
type Definition = Record<string, unknown> & { relations?: Record<string, unknown> };
const definitions = new Map<string, Definition>();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
const holder = globalThis as unknown as { Component: (o: Definition) => void };
simulateUtils.runJs = (file: string) => {
  const register = holder.Component;
  let ran = false;
  holder.Component = (options) => {
    ran = true;
    definitions.set(file, { ...options, relations: options.relations && { ...options.relations } });
    register(options);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  } finally {
    holder.Component = register;
  }
  const known = definitions.get(file);
  if (!ran && known) register({ ...known, relations: known.relations && { ...known.relations } });
};

/** Installs the local cloud for this test file and wires the mini program's cloud calls to the real api. */
export function usePages(env: Record<string, string> = {}): PageHarness {
  const h = apiHarness(env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../../cloudfunctions/api/src/index') as { main: Main };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exporter = require('../../cloudfunctions/export/src/index') as { main: Main };
  const functions: Record<string, Main> = { api: main, export: exporter.main };
  // CloudIDs the platform resolves on the way to the cloud (a group's opengid), as WeChat's servers do:
  // only in top-level fields of the data; a nested one arrives as it was sent (PLATFORM.md).
  const cloudIds = new Map<string, string>();
  const resolveCloudIds = (data: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(data).map(([k, v]) => {
        const id = v && typeof v === 'object' ? (v as { cloudID?: unknown }).cloudID : undefined;
        return [k, typeof id === 'string' && cloudIds.has(id) ? { cloudID: id, data: { opengid: cloudIds.get(id) } } : v];
      }),
    );
  let openid = '';
  let offline = false;
  let latency = 0;
  const sent: PageHarness['sent'] = [];
  // Every call the mini program tried, delivered or not (offline): what a screen opens with.
  const tried: string[] = [];
  const callFunction = wx.cloud.callFunction as unknown as jest.Mock;
  callFunction.mockImplementation(async (options: { name: string; data: { action: string; payload: unknown; requestId?: string } }) => {
    tried.push(options.data.action);
    if (offline) throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' };
    const fn = functions[options.name];
    if (!fn) throw { errCode: -501000, errMsg: `cloud.callFunction:fail function not found: ${options.name}` };
    pending += 1;
    try {
      if (latency) await new Promise((r) => setTimeout(r, latency));
      sent.push(options.data);
      const result = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `p${sent.length}` }, () =>
        fn(resolveCloudIds(JSON.parse(JSON.stringify(options.data)))),
      );
      return { result, errMsg: 'cloud.callFunction:ok', requestID: `p${sent.length}` };
    } finally {
      pending -= 1;
    }
  });

  // An upload from the phone lands in the local cloud's storage as the caller's, as WeChat's client does;
  // a test's temp file path is a real file on this machine.
  const uploadFile = wx.cloud.uploadFile as unknown as jest.Mock;
  uploadFile.mockImplementation(async (o: { cloudPath: string; filePath: string }) => {
    if (offline) throw { errCode: -1, errMsg: 'cloud.uploadFile:fail request:fail timeout' };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as { uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }> };
    pending += 1;
    try {
      const res = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `u${sent.length}` }, () =>
        sdk.uploadFile({ cloudPath: o.cloudPath, fileContent: readFileSync(o.filePath) }),
      );
      return { fileID: res.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
    } finally {
      pending -= 1;
    }
  });

  // One clock: the phone reads the local cloud's clock. It is frozen (tests move it with set/advance) so
  // that it never reads Date.now itself, which now answers from it.
  beforeAll(() => {
    h.clock.freeze();
    jest.spyOn(Date, 'now').mockImplementation(() => h.clock.now());
  });

  // `npm run budgets` collects which api calls each screen opened with (MP_BUDGET_FILE, one JSON line per open).
  const opened: Array<{ route: string; actions: string[] }> = [];
  afterAll(() => {
    const file = process.env.MP_BUDGET_FILE;
    if (file) appendFileSync(file, opened.map((o) => `${JSON.stringify(o)}\n`).join(''));
  });

  return {
    h,
    // Another user means another phone: nothing kept in storage carries over.
    actAs: (o) => {
      if (o !== openid) wx.clearStorageSync();
      openid = o;
    },
    sent,
    enterFromGroup(opengid) {
      const getEnter = wx.getEnterOptionsSync as unknown as jest.Mock;
      const getInfo = wx.getGroupEnterInfo as unknown as jest.Mock;
      if (!opengid) {
        getEnter.mockImplementation(() => ({ scene: 1001, query: {} }));
        return;
      }
      const cloudID = `cid-${opengid}`;
      cloudIds.set(cloudID, opengid);
      getEnter.mockImplementation(() => ({ scene: 1044, query: {}, shareTicket: `ticket-${opengid}` }));
      getInfo.mockImplementation((o: { success?: (r: unknown) => void }) => o.success?.({ cloudID, errMsg: 'getGroupEnterInfo:ok' }));
    },
    setOffline: (o) => (offline = o),
    setLatency: (ms) => (latency = ms),
    settle,
    async open(route, query = {}) {
      // Load each page once per file and render it as often as a test opens it.
      const id = loaded.get(route) ?? simulate.load(path.join(MP_ROOT, route), { compiler: 'official', rootPath: MP_ROOT });
      loaded.set(route, id);
      const page = simulate.render(id);
      page.attach(document.createElement('parent-wrapper'));
      const inst = page.instance as unknown as { onLoad?: (q: Record<string, string>) => unknown; onShow?: () => unknown };
      const before = tried.length;
      await inst.onLoad?.(query);
      await inst.onShow?.();
      await settle();
      opened.push({ route, actions: tried.slice(before) });
      return page;
    },
  };
}

/** Waits until no api call has been in flight for a few ticks (a page may chain calls: load after a save). */
export async function settle(): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    await simulate.sleep(pending ? 5 : 0);
    quiet = pending ? 0 : quiet + 1;
  }
}

/** The page's visible text with whitespace collapsed. */
export function textOf(page: Comp): string {
  return (page.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Taps an element; a TDesign t-button is tapped on its inner .t-button, as a finger would. */
export async function tap(page: Comp, selector: string): Promise<void> {
  const el = page.querySelector(`${selector} >>> .t-button`) ?? page.querySelector(selector);
  if (!el) throw new Error(`nothing to tap at ${selector}`);
  el.dispatchEvent('tap');
  await settle();
}

/** Types into a native input or textarea (fires its input event with the value). */
export async function type(page: Comp, selector: string, value: string): Promise<void> {
  const el = page.querySelector(selector);
  if (!el) throw new Error(`no field at ${selector}`);
  el.dispatchEvent('input', { detail: { value } });
  await settle();
}

/** Flips a native switch, as the built-in component reports it (a change event with the new value). */
export async function toggle(page: Comp, selector: string, value: boolean): Promise<void> {
  const el = page.querySelector(selector);
  if (!el) throw new Error(`no switch at ${selector}`);
  el.dispatchEvent('change', { detail: { value } });
  await settle();
}

/** Picks a value in a native picker, radio-group or checkbox-group (its change event with that value). */
export async function choose(page: Comp, selector: string, value: unknown): Promise<void> {
  const el = page.querySelector(selector);
  if (!el) throw new Error(`nothing to choose at ${selector}`);
  el.dispatchEvent('change', { detail: { value } });
  await settle();
}

/** Where the page last went (wx.navigateTo or wx.redirectTo), as the route and query to open next. */
export function lastNavigation(kind: 'navigateTo' | 'redirectTo' = 'navigateTo'): [string, Record<string, string>] {
  const calls = (wx[kind] as unknown as jest.Mock).mock.calls;
  const url = calls[calls.length - 1][0].url as string;
  const [route, qs] = url.slice(1).split('?');
  return [route, Object.fromEntries(new URLSearchParams(qs ?? ''))];
}
