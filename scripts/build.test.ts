/**
 * The build's outputs, as the platform loads them: the `api` bundle exports `main`, and the
 * mini program's vendored zod/mini carries every zod function the front-end sources call.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (['miniprogram_npm', '__test__', 'fixtures'].includes(name)) return [];
    if (fs.statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
});

describe('npm run build', () => {
  it('when the api function is bundled, then its index.js exports main and keeps wx-server-sdk external', () => {
    const bundle = fs.readFileSync(path.join(root, 'cloudfunctions', 'api', 'index.js'), 'utf8');
    expect(bundle).toMatch(/require\("wx-server-sdk"\)/);
    expect(bundle).not.toMatch(/@cloudbase\/node-sdk/);
    expect(bundle).toMatch(/main/);
  });

  it('when the front end uses zod functions, then the vendored zod/mini exports each of them and stays small', () => {
    const vendored = path.join(root, 'miniprogram', 'miniprogram_npm', 'zod', 'mini', 'index.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const z = require(vendored) as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = new Set(Object.keys(require('zod/mini')));
    const used = new Set<string>();
    for (const file of sources(path.join(root, 'miniprogram'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) if (runtime.has(m[1])) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(typeof z[name]).not.toBe('undefined');
    expect(fs.statSync(vendored).size).toBeLessThan(200 * 1024);
  });

  it('when a shared contract is parsed with the vendored zod, then it validates like the real one', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const z = require(path.join(root, 'miniprogram', 'miniprogram_npm', 'zod', 'mini', 'index.js'));
    const Schema = z.object({ name: z.string().check(z.minLength(1)), n: z.optional(z.int()) });
    expect(Schema.safeParse({ name: '支部', n: 3 }).success).toBe(true);
    expect(Schema.safeParse({ name: '' }).success).toBe(false);
  });
});
