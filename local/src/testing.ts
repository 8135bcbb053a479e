/**
 * Jest helper: `const cloud = useLocalCloud();` at the top of a test file gives that file a fresh
 * temp data dir with the local cloud installed, so `require('wx-server-sdk')` + `cloud.database()`
 * in the code under test hit the emulator. The dir is removed after the file's tests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installLocalCloud, LocalCloud, LocalCloudOptions } from './install';
import { requestCounter } from './db/counter';

export { requestCounter } from './db/counter';
export type { CounterSnapshot, RequestCounter } from './db/counter';
export type { LocalCloud } from './install';
export type { Clock } from './clock';

/** Beside the data dir, not in it: tests that read the whole data folder must find only the live cloud there. */
const keptRoot = (cloud: LocalCloud) => `${cloud.dataDir}-kept`;

/** Installs the local cloud on a fresh temp data dir for this test file and cleans it up afterwards. */
export function useLocalCloud(options: Partial<LocalCloudOptions> = {}): LocalCloud {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'));
  process.env.LOCAL_CLOUD_DATA = dataDir;
  const cloud = installLocalCloud({ ...options, dataDir });
  requestCounter.reset();
  afterAll(() => {
    cloud.close();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(keptRoot(cloud), { recursive: true, force: true });
  });
  return cloud;
}

/**
 * Copies the database as it is now into `<dataDir>-kept/<name>` and returns that folder. Compacted first, so that
 * putting it back reads one snapshot instead of replaying every write that made it.
 */
export function keepDatabase(cloud: LocalCloud, name: string): string {
  cloud.store.compact();
  cloud.restart();
  const dir = path.join(keptRoot(cloud), name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(cloud.dataDir, 'database'), dir, { recursive: true });
  return dir;
}

/**
 * Puts a kept database (keepDatabase) back in place of the current one and zeroes the counter: the state
 * `reset()` followed by the writes that made the copy leaves, without sending those writes again. Only the
 * database is replaced, as `reset()` replaces only the database.
 */
export function restoreDatabase(cloud: LocalCloud, dir: string): void {
  const database = path.join(cloud.dataDir, 'database');
  cloud.store.close();
  fs.rmSync(database, { recursive: true, force: true });
  fs.cpSync(dir, database, { recursive: true });
  cloud.restart();
  requestCounter.reset();
}
