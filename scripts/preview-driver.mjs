// Drives the browser preview for `npm run screens` and the browser suite: starts the local cloud with its
// demo on a fresh data dir and a fixed clock, and opens /preview/ pages in Debian's Chromium through
// playwright-core (which downloads nothing).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Where Debian puts Chromium; CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The flags the preview's Chromium always runs with (headless, no sandbox, nothing phoning home). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** The day the demo is laid out around for pictures and the suite, so both are the same every run. */
export const PREVIEW_NOW = '2026-11-21T10:00+08:00';
/** How to get Chromium and the Chinese font on Debian. */
export const INSTALL_HINT = 'apt-get install -y chromium fonts-wqy-microhei fonts-noto-color-emoji   (as root; Debian/Ubuntu)';

/** True when Chromium is installed where the driver looks. */
export function hasChromium() {
  return existsSync(CHROMIUM);
}

/** Starts `local/server.js` (built functions, demo seeded) on a free port; resolves once it listens. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'preview-cloud-'));
  const child = spawn(process.execPath, ['-r', './local/register', 'local/server.js'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOCAL_CLOUD_DATA: dataDir, LOCAL_CLOUD_NOW: PREVIEW_NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start in 120 s:\n${log}`)), 120_000);
    const read = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`local cloud exited (${code}):\n${log}`)));
  });
  return {
    url,
    log: () => log,
    async close() {
      child.removeAllListeners('exit');
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls the api on the running server as a user; returns data or throws. */
export async function api(url, openid, action, payload = {}) {
  const res = await fetch(`${url}/functions/api`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, data: { action, payload } }) });
  const out = await res.json();
  if (!out.result?.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(out.result?.error ?? out)}`);
  return out.result.data;
}

/** One mutation as a person does it on their own phone, with the request id the mini program sends. */
export async function act(url, openid, action, payload) {
  const res = await fetch(`${url}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, data: { action, payload, requestId: `journey-${action.replace(/\W/g, '-')}-${Date.now()}` } }),
  });
  const out = await res.json();
  if (!out.result?.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(out.result?.error ?? out)}`);
  return out.result.data;
}

/** Launches Chromium (or returns null when it is not installed). */
export async function launch() {
  if (!hasChromium()) return null;
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens one preview page as a user at a font size; resolves when the shell says it is ready and no api
 * call is in flight. `errors` collects console errors and page errors.
 */
export async function openPreview(browser, url, { as, font = 17, page: route = '', query = '', tall = false, pc = false, group = '', offline = false }) {
  const context = await browser.newContext({ viewport: { width: pc ? 1400 : 760, height: 860 }, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const q = new URLSearchParams({ as, font: String(font), ...(route ? { page: route } : {}), ...(query ? { q: query } : {}), ...(tall ? { tall: '1' } : {}), ...(pc ? { pc: '1' } : {}), ...(group ? { group } : {}) });
  // offline: the phone has no network for cloud calls (the preview itself still loads).
  if (offline) await page.route('**/functions/**', (r) => r.abort('internetdisconnected'));
  await page.goto(`${url}/preview/?${q}`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
  await settle(page);
  return { page, errors, close: () => context.close() };
}

/** Waits until the preview has no api call in flight (and the page has re-rendered). */
export async function settle(page) {
  await page.waitForFunction(() => window.__preview && window.__preview.pending === 0, null, { timeout: 30_000 });
  await page.waitForTimeout(150);
}
