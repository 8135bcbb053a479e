// Packs TDesign into miniprogram/miniprogram_npm the way the devtools' "构建 npm" (packNpmManually) lays it out,
// but copies only the closure of the components our pages use: their json usingComponents, and every
// js/wxs/wxss/wxml file those reference. That closure is also what WeChat uploads with ignoreUploadUnusedFiles,
// so scripts/budgets.mjs counts the same files.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const PKG = 'tdesign-miniprogram';

/** Json files of the mini program's own pages and components (packed npm output excluded). */
export function ownJsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'miniprogram_npm' || name === 'node_modules' || name === '__test__') return [];
    if (statSync(path).isDirectory()) return ownJsonFiles(path);
    return name.endsWith('.json') && !/^tsconfig.*\.json$/.test(name) ? [path] : [];
  });
}

/** TDesign component paths (relative to the dist, no extension) that our json files use. */
export function usedTdesignComponents(mpRoot) {
  const used = new Set();
  for (const file of ownJsonFiles(mpRoot)) {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const target of Object.values(json.usingComponents ?? {})) {
      // Pages point at the packed copy by a relative path (../../miniprogram_npm/…): WeChat, wcc and
      // miniprogram-simulate all resolve that one form the same way.
      const m = new RegExp(`^(?:/|(?:\\.\\./)*)?(?:miniprogram_npm/)?${PKG}/(.+)$`).exec(String(target));
      if (m) used.add(m[1]);
    }
  }
  return [...used].sort();
}

/** Every file of the dist reached from the given components (json, js imports, wxss @import, wxml/wxs src). */
export function tdesignClosure(distRoot, components) {
  const files = new Set();
  const queue = [];
  const add = (abs) => {
    if (!abs.startsWith(distRoot) || files.has(abs) || !existsSync(abs) || statSync(abs).isDirectory()) return;
    files.add(abs);
    queue.push(abs);
  };
  const addModule = (fromDir, spec) => {
    // Bare specifiers (tslib, dayjs…) resolve to the dist's own miniprogram_npm, as WeChat resolves them.
    const base = spec.startsWith('.') ? resolve(fromDir, spec) : join(distRoot, 'miniprogram_npm', spec);
    for (const c of [base, `${base}.js`, join(base, 'index.js')]) if (existsSync(c) && !statSync(c).isDirectory()) return add(c);
  };
  const addComponent = (abs) => ['.json', '.js', '.wxml', '.wxss'].forEach((ext) => add(`${abs}${ext}`));
  components.forEach((c) => addComponent(join(distRoot, c)));
  while (queue.length) {
    const file = queue.shift();
    const dir = dirname(file);
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      for (const t of Object.values(JSON.parse(text).usingComponents ?? {})) addComponent(resolve(dir, t));
    } else if (file.endsWith('.js') || file.endsWith('.wxs')) {
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)) addModule(dir, m[1]);
    } else if (file.endsWith('.wxss')) {
      for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) add(resolve(dir, m[1]));
    } else if (file.endsWith('.wxml')) {
      for (const m of text.matchAll(/<(?:wxs|import|include)\s+[^>]*src="([^"]+)"/g)) add(resolve(dir, m[1]));
    }
  }
  // A bare module's package.json travels with it (WeChat reads its main field).
  for (const f of [...files]) {
    const m = /^(.*\/miniprogram_npm\/[^/]+)\//.exec(f);
    if (m && existsSync(join(m[1], 'package.json'))) files.add(join(m[1], 'package.json'));
  }
  return [...files].sort();
}

/** Copies the used TDesign closure into miniprogram/miniprogram_npm/tdesign-miniprogram; returns what was packed. */
export function packTdesign(root) {
  const mpRoot = join(root, 'miniprogram');
  const distRoot = join(root, 'node_modules', PKG, 'miniprogram_dist');
  const out = join(mpRoot, 'miniprogram_npm', PKG);
  const components = usedTdesignComponents(mpRoot);
  const files = tdesignClosure(distRoot, components);
  rmSync(out, { recursive: true, force: true });
  let bytes = 0;
  for (const f of files) {
    const to = join(out, relative(distRoot, f));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
    bytes += statSync(f).size;
  }
  return { components, files: files.length, bytes };
}
