// One esbuild pass: every cloud function bundled with its shared core (wx-server-sdk stays external),
// and the npm code the mini program needs but the WeChat tooling cannot pack (zod 4, dayjs plugins).
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fnRoot = join(root, 'cloudfunctions');

const functions = readdirSync(fnRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(fnRoot, d.name, 'src', 'index.ts')))
  .map((d) => d.name);

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
  // The mini program resolves require('zod/mini') and require('dayjs') under miniprogram_npm/.
  ...[
    ['zod/mini', 'zod/mini/index.js'],
    ['dayjs', 'dayjs/index.js'],
  ].map(([entry, out]) =>
    build({
      stdin: { contents: `module.exports = require('${entry}');`, resolveDir: root },
      outfile: join(root, 'miniprogram', 'miniprogram_npm', out),
      bundle: true,
      platform: 'neutral',
      mainFields: ['main', 'module'],
      target: 'es2018',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
]);
console.log(`build: ${functions.length} cloud function(s) [${functions.join(', ')}] and mini program vendor bundles in ${Date.now() - started} ms`);
