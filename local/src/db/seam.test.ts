/**
 * Guard for the seam. If a wx-server-sdk upgrade changes how database requests are sent, these
 * fail loudly instead of the tests silently talking to (or timing out against) the real cloud.
 */
import * as fs from 'fs';
import * as path from 'path';
import { useLocalCloud } from '../testing';
import { resolveFromSdk, sdkDbClass, seamStatus } from './seam';
import { sdkDatabase } from './__fixtures__/sdk';

const local = useLocalCloud();

function versionOf(id: string): string {
  const file = resolveFromSdk(`${id}/package.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

test('when the SDK packages are inspected, then they are the versions the seam was written against', () => {
  const versions = ['wx-server-sdk', '@cloudbase/node-sdk', '@cloudbase/database'].map(versionOf);
  expect(versions).toEqual(['4.0.2', '3.17.2', '1.4.3']);
});

test('when wx-server-sdk is installed, then it loads the node-sdk and database modules the seam patches', () => {
  const wx = resolveFromSdk('wx-server-sdk');
  const db = resolveFromSdk('@cloudbase/database');
  expect(fs.readFileSync(wx, 'utf8')).toContain('require("@cloudbase/node-sdk")');
  expect(db).toBe(require.resolve('@cloudbase/database', { paths: [path.dirname(resolveFromSdk('@cloudbase/node-sdk'))] }));
});

test('when cloud.database() is called, then Db.reqClass is still the local requester and a round trip reaches the emulator', async () => {
  const before = seamStatus().intercepted;
  const db = sdkDatabase();
  local.createCollections(['seam']);
  local.counter.reset();
  await db.collection('seam').add({ data: { _id: 'x', ok: true } });
  const got = await db.collection('seam').doc('x').get();
  expect(seamStatus().intercepted).toBeGreaterThan(before);
  expect(sdkDbClass().reqClass).toBe(seamStatus().requester);
  expect(got.data).toEqual({ _id: 'x', ok: true });
  expect(local.counter.snapshot().byKey).toEqual({ 'insertDocument seam': 1, 'getDocument seam': 1 });
});
