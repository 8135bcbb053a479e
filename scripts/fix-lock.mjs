// The registry this project installs from serves only the Linux builds of jest's native resolver
// (@unrs/resolver-binding-*; the others answer 404), so `npm install` leaves the other platforms'
// optional bindings out of package-lock.json — and then `npm ci` refuses the lock. This adds those
// entries with their os/cpu/libc tags, which npm uses to skip them on other platforms without
// fetching anything. Run after changing dependencies: `node scripts/fix-lock.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const match = /^@unrs\/resolver-binding-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name);
    const at = `node_modules/${name}`;
    if (!match || packages[at] || packages[`${key}/${at}`]) continue;
    const [, os, cpu, abi] = match;
    const entry = { version, cpu: [cpu], dev: pkg.dev, license: 'MIT', optional: true, os: [os] };
    if (abi === 'gnu' || abi === 'musl') entry.libc = [abi === 'gnu' ? 'glibc' : 'musl'];
    packages[at] = entry;
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lock: added ${added} platform-tagged optional entries`);
