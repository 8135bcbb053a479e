// `npm run budgets`: the front end's budgets, measured and printed.
//  1. Main package size as WeChat uploads it with ignoreUploadUnusedFiles and minified: app files, every
//     page and component (json, wxml, wxss, js), the JS they reach (minified), and the packed TDesign
//     closure — nothing the pages do not use. Limit 1.5 MB (the platform's is 2 MB).
//  2. Every screen opens with one api call: the page tests record each open (MP_BUDGET_FILE).
//  3. The front end type-checks strictly with no `any` in pages, components and services.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { tdesignClosure, usedTdesignComponents } from './pack-tdesign.mjs';

const root = new URL('..', import.meta.url).pathname;
const mp = join(root, 'miniprogram');
const LIMIT = 1.5 * 1024 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;

// 1. Size.
const app = JSON.parse(readFileSync(join(mp, 'app.json'), 'utf8'));
const components = new Set();
const visit = (abs) => {
  if (components.has(abs) || abs.includes('miniprogram_npm')) return;
  components.add(abs);
  const json = JSON.parse(readFileSync(`${abs}.json`, 'utf8'));
  for (const t of Object.values(json.usingComponents ?? {})) visit(resolve(dirname(abs), t));
};
app.pages.forEach((p) => visit(join(mp, p)));
// Subpackages (the office's screens) are downloaded when first opened: counted apart, not in the main package.
const subRoutes = (app.subPackages ?? []).flatMap((sp) => sp.pages.map((p) => `${sp.root}/${p}`));
const subFiles = (app.subPackages ?? []).flatMap((sp) => {
  const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  return walk(join(mp, sp.root)).filter((f) => !f.includes('__test__'));
});
const rows = [];
const add = (label, bytes) => rows.push([label, bytes]);
for (const f of ['app.json', 'app.wxss', 'sitemap.json']) add(f, statSync(join(mp, f)).size);
let markup = 0;
for (const c of components) for (const ext of ['.json', '.wxml', '.wxss']) if (existsSync(c + ext)) markup += statSync(c + ext).size;
add(`pages and components: json + wxml + wxss (${components.size})`, markup);
// JS: every module reached from app.ts and each page/component script, each file minified on its own (WeChat
// compiles file by file). zod/mini resolves to the bundle the build writes into miniprogram_npm.
const entries = [join(mp, 'app.ts'), ...[...components].map((c) => `${c}.ts`)];
const meta = await build({
  entryPoints: entries,
  bundle: true,
  write: false,
  metafile: true,
  outdir: mkdtempSync(join(tmpdir(), 'budget-')),
  platform: 'neutral',
  format: 'cjs',
  alias: { 'zod/mini': join(mp, 'miniprogram_npm', 'zod', 'mini', 'index.js') },
  logLevel: 'silent',
});
let js = 0;
const inputs = Object.keys(meta.metafile.inputs);
for (const input of inputs) {
  const code = readFileSync(join(root, input), 'utf8');
  const out = await build({ stdin: { contents: code, loader: input.endsWith('.ts') ? 'ts' : 'js', sourcefile: input }, write: false, minify: true, format: 'cjs', logLevel: 'silent', bundle: false });
  js += out.outputFiles[0].contents.length;
}
add(`scripts reached from app and pages, minified (${inputs.length} modules)`, js);
const used = usedTdesignComponents(mp);
const closure = tdesignClosure(join(root, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist'), used);
add(`TDesign in use: ${used.join(', ')} (${closure.length} files)`, closure.reduce((n, f) => n + statSync(f).size, 0));
const total = rows.reduce((n, [, b]) => n + b, 0);
console.log('Main package, as uploaded (ignoreUploadUnusedFiles, minified):');
for (const [label, bytes] of rows) console.log(`  ${kb(bytes).padStart(10)}  ${label}`);
console.log(`  ${kb(total).padStart(10)}  total — budget ${kb(LIMIT)}: ${total <= LIMIT ? 'OK' : 'OVER'}`);
if (total > LIMIT) failed = true;
if (subRoutes.length) console.log(`  subpackages (${subRoutes.join(', ')}): ${kb(subFiles.reduce((n, f) => n + statSync(f).size, 0))} of source, loaded on first use`);

// 2. One api call per screen, from the page tests.
const file = join(mkdtempSync(join(tmpdir(), 'budget-calls-')), 'opens.jsonl');
console.log('\nApi calls each screen opens with (from the page tests, `jest --selectProjects ui`):');
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'ui', '--silent'], { cwd: root, env: { ...process.env, MP_BUDGET_FILE: file }, stdio: 'ignore' });
} catch {
  console.log('  (some page tests failed; figures below are from the ones that ran)');
  failed = true;
}
const opens = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const byRoute = new Map();
for (const o of opens) byRoute.set(o.route, [...(byRoute.get(o.route) ?? []), o.actions]);
for (const route of [...app.pages, ...subRoutes]) {
  const list = byRoute.get(route) ?? [];
  const counts = list.map((a) => a.length);
  const warm = Math.min(...counts);
  const cold = Math.max(...counts);
  const seen = [...new Set(list.map((a) => a.join(' + ')))].join(' | ');
  const ok = list.length > 0 && warm === 1;
  if (!ok) failed = true;
  console.log(`  ${ok ? 'OK  ' : 'OVER'} ${route.padEnd(36)} ${list.length ? `${warm}${cold > warm ? ` (${cold} on a phone that keeps no identity yet)` : ''} call(s) in ${list.length} opens: ${seen}` : 'never opened by a test'}`);
}

// 3. Strict types, no any.
console.log('\nFront-end types:');
try {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(mp, 'tsconfig.json')], { cwd: root, stdio: 'pipe' });
  const strict = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.strict === true;
  console.log(`  OK   tsc -p miniprogram/tsconfig.json (strict: ${strict})`);
} catch (e) {
  failed = true;
  console.log(`  FAIL tsc -p miniprogram/tsconfig.json\n${String(e.stdout)}`);
}
const sources = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  if (n === '__test__' || n === 'miniprogram_npm' || n === 'core') return [];
  return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
});
const anyHits = sources(mp).flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => [f, i + 1, line]).filter(([, , l]) => /(:\s*any\b|\bas any\b|<any>|\bany\[\])/.test(l)));
console.log(`  ${anyHits.length ? 'FAIL' : 'OK  '} \`any\` in pages, components and services: ${anyHits.length}`);
for (const [f, n, l] of anyHits) console.log(`       ${relative(root, f)}:${n}: ${l.trim()}`);
if (anyHits.length) failed = true;

process.exit(failed ? 1 : 0);
