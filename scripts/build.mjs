// One esbuild pass: every cloud function bundled with its shared core (wx-server-sdk stays external),
// and the npm code the mini program needs but the WeChat tooling cannot pack (zod 4).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packTdesign } from './pack-tdesign.mjs';

const root = new URL('..', import.meta.url).pathname;
const fnRoot = join(root, 'cloudfunctions');

const functions = readdirSync(fnRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(fnRoot, d.name, 'src', 'index.ts')))
  .map((d) => d.name);

/** Every .ts file of the mini program (tests and generated npm output excluded). */
function frontEndSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'miniprogram_npm' || name === '__test__' || name === 'fixtures') return [];
    if (statSync(path).isDirectory()) return frontEndSources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// zod/mini re-exported whole cannot be tree-shaken (~550 KB); export only the names the mini program uses.
const zodRuntime = new Set(Object.keys(createRequire(import.meta.url)('zod/mini')));
const zodUsed = new Set();
for (const file of frontEndSources(join(root, 'miniprogram'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) if (zodRuntime.has(m[1])) zodUsed.add(m[1]);
}
const zodEntry = `export { ${[...zodUsed].sort().join(', ')} } from 'zod/mini';`;

const started = Date.now();
await Promise.all([
  ...functions.map((fn) =>
    build({
      entryPoints: [join(fnRoot, fn, 'src', 'index.ts')],
      outfile: join(fnRoot, fn, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
  // The mini program resolves require('zod/mini') under miniprogram_npm/ (dates are core/domain/cst.ts: no date library).
  ...[
    [zodEntry, 'zod/mini/index.js'],
  ].map(([contents, out]) =>
    build({
      stdin: { contents, resolveDir: root },
      outfile: join(root, 'miniprogram', 'miniprogram_npm', out),
      bundle: true,
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2018',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
]);
const td = packTdesign(root);
console.log(`build: TDesign packed: ${td.components.length} component(s) in use [${td.components.join(', ')}], ${td.files} files, ${(td.bytes / 1024).toFixed(0)} KB`);
console.log(`build: ${functions.length} cloud function(s) [${functions.join(', ')}] and mini program vendor bundles in ${Date.now() - started} ms`);
