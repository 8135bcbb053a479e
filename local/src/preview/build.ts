/**
 * The browser preview's build: every page and component the app reaches (our own and the packed TDesign),
 * as the file map miniprogram-simulate's browser build reads — json as is, wxss with imports inlined and
 * rpx turned into px for a 375 px phone, js bundled to CommonJS by esbuild — plus the official wcc's
 * compiled templates, so the browser renders the same compiled WXML that the page tests render.
 */
import { buildSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../services/state';

/** Where the mini program lives on disk, and the virtual root the browser sees it under. */
export const MP_ROOT = join(PROJECT_ROOT, 'miniprogram');
export const VIRTUAL_ROOT = '/mp';

/** What the preview shell needs: files by virtual path, the compiled templates, the app config. */
export interface PreviewBundle {
  files: Record<string, string>;
  /** Body of a function returning wcc's `$gwx` (the same output the jsdom tests evaluate). */
  gwx: string;
  /** Virtual paths (no extension) of every component, pages included, whose template gwx renders. */
  components: string[];
  app: {
    pages: string[];
    subPackages?: Array<{ root: string; pages: string[] }>;
    window: Record<string, string>;
    tabBar: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
  };
  /** The tab bar's PNG icons as data URLs, by their path in the package. */
  images: Record<string, string>;
  titles: Record<string, string>;
}

/** A 375 px wide phone: 750 rpx = 375 px. */
const PX_PER_RPX = 0.5;

function rpxToPx(css: string): string {
  return (
    css
      .replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${+(Number(n) * PX_PER_RPX).toFixed(2)}px`)
      // In WeChat a width query asks about the page's window; in the preview the page is the phone frame
      // inside a larger browser window, so the query asks the frame's screen (a CSS container) instead.
      .replace(/@media\s*\((min|max)-width/g, '@container screen ($1-width')
      // vh asks the page's window too: the phone's screen (the shell sets --pv-vh), not the browser's.
      .replace(/(-?\d*\.?\d+)vh\b/g, (_, n: string) => `calc(${n} * var(--pv-vh, 1vh))`)
  );
}

/** A wxss file with its @imports inlined (simulate's browser build does not follow them). */
function inlineWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/@import\s+["']([^"']+)["'];?/g, (_, spec: string) => inlineWxss(resolve(dirname(file), spec), seen));
}

function bundleJs(entry: string): string {
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'es2018',
    // Bare imports inside packed TDesign (tslib) resolve the way WeChat resolves them.
    nodePaths: [join(MP_ROOT, 'miniprogram_npm'), join(PROJECT_ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Builds the preview bundle from the mini program on disk (call again after edits). */
export function buildPreview(): PreviewBundle {
  const app = JSON.parse(readFileSync(join(MP_ROOT, 'app.json'), 'utf8')) as PreviewBundle['app'];
  // app.wxss is global in WeChat; simulate has no app, so each page gets it in front of its own styles,
  // with `page` (WeChat's root element) mapped to the page's root view.
  const appWxss = inlineWxss(join(MP_ROOT, 'app.wxss')).replace(/(^|[}/])\s*page\s*\{/g, '$1 :root, .page {');
  const files: Record<string, string> = {};
  const titles: Record<string, string> = {};
  const components: string[] = [];
  const visit = (abs: string, isPage: boolean) => {
    const virtual = `${VIRTUAL_ROOT}/${relative(MP_ROOT, abs)}`;
    if (files[`${virtual}.json`] !== undefined) return;
    const json = JSON.parse(readFileSync(`${abs}.json`, 'utf8')) as { usingComponents?: Record<string, string>; navigationBarTitleText?: string };
    files[`${virtual}.json`] = JSON.stringify(json);
    files[`${virtual}.wxss`] = rpxToPx((isPage ? `${appWxss}\n` : '') + inlineWxss(`${abs}.wxss`));
    const js = existsSync(`${abs}.ts`) ? `${abs}.ts` : `${abs}.js`;
    files[`${virtual}.js`] = bundleJs(js);
    components.push(virtual);
    if (isPage) titles[relative(MP_ROOT, abs)] = json.navigationBarTitleText ?? app.window.navigationBarTitleText ?? '';
    for (const target of Object.values(json.usingComponents ?? {})) visit(resolve(dirname(abs), target), false);
  };
  // Subpackage pages (the office) are pages like any other once downloaded.
  const subPages = (app.subPackages ?? []).flatMap((sp) => sp.pages.map((p) => `${sp.root}/${p}`));
  for (const page of [...app.pages, ...subPages]) visit(join(MP_ROOT, page), true);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiler = require('miniprogram-compiler') as { wxmlToJs(root: string): string };
  const images: Record<string, string> = {};
  for (const t of app.tabBar.list) {
    for (const icon of [t.iconPath, t.selectedIconPath]) if (icon) images[icon] = `data:image/png;base64,${readFileSync(join(MP_ROOT, icon)).toString('base64')}`;
  }
  return { files, gwx: compiler.wxmlToJs(MP_ROOT), components, app, titles, images };
}
