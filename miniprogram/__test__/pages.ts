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
  /**
   * From now until the end of the test, the mini program runs on a phone: `wx.navigateTo` and the other
   * route APIs move real pages on a page stack as WeChat does (see Phone). Without it, they are only recorded.
   */
  phone(): Phone;
}

/**
 * A phone's page stack, as WeChat keeps it: `navigateTo` pushes a new instance (onLoad, onShow) and hides
 * the one below (onHide); `navigateBack` unloads the top and shows the instance below again (its onShow,
 * never a new onLoad); `redirectTo` replaces the top; `reLaunch` clears everything; tab pages are made once
 * and kept, and `switchTab` closes every other page and shows the tab (onShow). At most 10 pages are
 * stacked; tab pages cannot be navigated or redirected to; routes not in app.json fail. A failed route
 * calls `fail` with WeChat's errMsg and is listed in `failures`.
 */
export interface Phone {
  /** Opens the app at this page (as from the home screen or a card): every page before is closed. */
  launch(route: string, query?: Record<string, string>): Promise<Comp>;
  /** The page on screen (the top of the stack). */
  top(): Comp;
  /** The routes on the stack, bottom first. */
  routes(): string[];
  /** The user goes back (the back arrow, a swipe): as `wx.navigateBack`. */
  back(delta?: number): Promise<Comp>;
  /** The user taps a tab of the tab bar: as `wx.switchTab`. */
  tab(route: string): Promise<Comp>;
  /** The app goes to the background and is opened again: WeChat shows the top page again (onHide, onShow). */
  resume(): Promise<Comp>;
  /** Route calls WeChat refused, with its errMsg. */
  failures: string[];
}

type Lifecycle = { onLoad?: (q: Record<string, string>) => unknown; onShow?: () => unknown; onHide?: () => unknown; onUnload?: () => unknown };
interface Live {
  route: string;
  page: Comp;
  inst: Lifecycle;
}
type RouteOptions = { url?: string; delta?: number; success?: (r: { errMsg: string }) => void; fail?: (r: { errMsg: string }) => void; complete?: (r: { errMsg: string }) => void };

const app = JSON.parse(readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
};
const TAB_ROUTES = new Set((app.tabBar?.list ?? []).map((t) => t.pagePath));
const APP_ROUTES = new Set([...app.pages, ...(app.subPackages ?? []).flatMap((sp) => sp.pages.map((p) => `${sp.root.replace(/\/$/, '')}/${p}`))]);
/** WeChat's limit of stacked pages. */
const STACK_LIMIT = 10;
const ROUTE_APIS = ['navigateTo', 'redirectTo', 'navigateBack', 'reLaunch', 'switchTab'] as const;

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

  /** Renders a fresh instance of a page (loading each page's files once per test file). */
  const render = (route: string): Live => {
    const id = loaded.get(route) ?? simulate.load(path.join(MP_ROOT, route), { compiler: 'official', rootPath: MP_ROOT });
    loaded.set(route, id);
    const page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
    return { route, page, inst: page.instance as unknown as Lifecycle };
  };

  let phone: (Phone & { stop(): void }) | null = null;
  afterEach(() => {
    phone?.stop();
    phone = null;
  });

  const startPhone = (): Phone & { stop(): void } => {
    const stack: Live[] = [];
    const tabs = new Map<string, Live>();
    const failures: string[] = [];
    let queue: Promise<unknown> = Promise.resolve();
    const top = (): Live => {
      const shown = stack[stack.length - 1];
      if (!shown) throw new Error('the phone shows no page: launch one first');
      return shown;
    };
    const load = async (route: string, query: Record<string, string>): Promise<Live> => {
      const live = render(route);
      await live.inst.onLoad?.(query);
      await live.inst.onShow?.();
      return live;
    };
    const unload = async (live: Live): Promise<void> => {
      await live.inst.onUnload?.();
      live.page.detach();
    };
    // Closes every page on the stack; tab pages stay alive unless `tabsToo` (reLaunch).
    const closeAll = async (tabsToo: boolean): Promise<void> => {
      const shown = stack[stack.length - 1];
      if (shown && TAB_ROUTES.has(shown.route) && !tabsToo) await shown.inst.onHide?.();
      for (const live of stack.splice(0).reverse()) if (!TAB_ROUTES.has(live.route) || tabsToo) await unload(live);
      if (tabsToo) {
        for (const live of tabs.values()) if (!stack.includes(live)) await unload(live);
        tabs.clear();
      }
    };
    const parse = (url: string): [string, Record<string, string>] => {
      const [where, qs] = url.split('?');
      const from = stack.length ? path.posix.dirname(`/${top().route}`) : '/';
      const route = path.posix.resolve(from, where).slice(1);
      return [route, Object.fromEntries(new URLSearchParams(qs ?? ''))];
    };
    // Each route call runs after the one before it, as WeChat's router does; settle() waits for them. A page
    // that throws while loading is a failed route too (WeChat shows a blank page), with the error kept.
    const run = (api: string, o: RouteOptions, work: () => Promise<string | null>): Promise<string | null> => {
      pending += 1;
      const done = queue.then(async () => {
        let refused: string | null;
        try {
          refused = await work();
        } catch (e) {
          refused = `threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
        }
        const result = { errMsg: refused ? `${api}:fail ${refused}` : `${api}:ok` };
        if (refused) {
          failures.push(result.errMsg);
          o.fail?.(result);
        } else o.success?.(result);
        o.complete?.(result);
        return refused ? result.errMsg : null;
      });
      queue = done.finally(() => (pending -= 1));
      return done;
    };
    // Test fixtures are not in app.json: the phone opens them as pages too.
    const known = (route: string): string | null => (APP_ROUTES.has(route) || route.startsWith('__test__/') ? null : `page "${route}" is not found`);
    const navigateTo = (o: RouteOptions) =>
      run('navigateTo', o, async () => {
        const [route, query] = parse(o.url ?? '');
        if (known(route)) return known(route);
        if (TAB_ROUTES.has(route)) return 'can not navigateTo a tabbar page';
        if (stack.length >= STACK_LIMIT) return 'webview count limit exceed';
        if (stack.length) await top().inst.onHide?.();
        stack.push(await load(route, query));
        return null;
      });
    const redirectTo = (o: RouteOptions) =>
      run('redirectTo', o, async () => {
        const [route, query] = parse(o.url ?? '');
        if (known(route)) return known(route);
        if (TAB_ROUTES.has(route)) return 'can not redirectTo a tabbar page';
        const gone = stack.pop();
        if (gone && TAB_ROUTES.has(gone.route)) await gone.inst.onHide?.();
        else if (gone) await unload(gone);
        stack.push(await load(route, query));
        return null;
      });
    const navigateBack = (o: RouteOptions) =>
      run('navigateBack', o, async () => {
        if (stack.length <= 1) return 'cannot navigate back at first page';
        const delta = Math.min(Math.max(1, o.delta ?? 1), stack.length - 1);
        for (const live of stack.splice(stack.length - delta)) await unload(live);
        await top().inst.onShow?.();
        return null;
      });
    const reLaunch = (o: RouteOptions) =>
      run('reLaunch', o, async () => {
        const [route, query] = parse(o.url ?? '');
        if (known(route)) return known(route);
        await closeAll(true);
        const live = await load(route, query);
        if (TAB_ROUTES.has(route)) tabs.set(route, live);
        stack.push(live);
        return null;
      });
    const switchTab = (o: RouteOptions) =>
      run('switchTab', o, async () => {
        const [route] = parse(o.url ?? '');
        if (!TAB_ROUTES.has(route)) return 'can not switch to no-tabBar page';
        if (stack.length === 1 && stack[0].route === route) return null;
        await closeAll(false);
        const kept = tabs.get(route);
        if (kept) {
          await kept.inst.onShow?.();
          stack.push(kept);
        } else {
          const live = await load(route, {});
          tabs.set(route, live);
          stack.push(live);
        }
        return null;
      });
    const impl: Record<(typeof ROUTE_APIS)[number], (o: RouteOptions) => Promise<string | null>> = { navigateTo, redirectTo, navigateBack, reLaunch, switchTab };
    for (const api of ROUTE_APIS) (wx[api] as unknown as jest.Mock).mockImplementation((o: RouteOptions = {}) => void impl[api](o));
    const globals = globalThis as unknown as { getCurrentPages: () => unknown[] };
    const pagesBefore = globals.getCurrentPages;
    globals.getCurrentPages = () => stack.map((l) => l.inst);
    // A move the test makes must succeed: a refusal fails the test with WeChat's errMsg.
    const arrive = async (started: Promise<string | null>): Promise<Comp> => {
      const refused = await started;
      if (refused) throw new Error(refused);
      await settle();
      return top().page;
    };
    return {
      failures,
      launch: (route, query = {}) => arrive(reLaunch({ url: `/${route}?${new URLSearchParams(query).toString()}` })),
      top: () => top().page,
      routes: () => stack.map((l) => l.route),
      back: (delta = 1) => arrive(navigateBack({ delta })),
      tab: (route) => arrive(switchTab({ url: `/${route}` })),
      async resume() {
        await top().inst.onHide?.();
        await top().inst.onShow?.();
        await settle();
        return top().page;
      },
      stop() {
        for (const api of ROUTE_APIS) (wx[api] as unknown as jest.Mock).mockImplementation(() => undefined);
        globals.getCurrentPages = pagesBefore;
        for (const live of new Set([...stack, ...tabs.values()])) live.page.detach();
      },
    };
  };

  return {
    h,
    phone() {
      phone ??= startPhone();
      return phone;
    },
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
      const { page, inst } = render(route);
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
