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

/** Installs the local cloud on a fresh temp data dir for this test file and cleans it up afterwards. */
export function useLocalCloud(options: Partial<LocalCloudOptions> = {}): LocalCloud {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'));
  process.env.LOCAL_CLOUD_DATA = dataDir;
  const cloud = installLocalCloud({ ...options, dataDir });
  requestCounter.reset();
  afterAll(() => {
    cloud.close();
    if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return cloud;
}
