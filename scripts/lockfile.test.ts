/**
 * `npm ci` (what CI runs) refuses a lock that misses any optional dependency. The registry here
 * cannot serve non-Linux native bindings, so scripts/fix-lock.mjs adds them platform-tagged;
 * this guards against a lock rewritten without them.
 */
import * as fs from 'fs';
import * as path from 'path';

interface LockPackage {
  optionalDependencies?: Record<string, string>;
}

describe('package-lock.json', () => {
  it('when npm ci reads the lock, then every optional dependency of every package has an entry', () => {
    const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const missing: string[] = [];
    for (const [key, pkg] of Object.entries(lock.packages)) {
      for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
        const nested = `${key}/node_modules/${name}`;
        if (!lock.packages[`node_modules/${name}`] && !lock.packages[nested]) missing.push(`${key || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
