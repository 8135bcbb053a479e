/** Durability: restarts, torn journal tails, compaction, and SIGKILL at random moments. */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useLocalCloud } from '../testing';
import { openStore } from './store';
import { sdkDatabase } from './__fixtures__/sdk';

const local = useLocalCloud();
const db = sdkDatabase();
const ROOT = path.join(__dirname, '..', '..', '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-persist-'));
}

afterAll(() => {
  for (const d of created) fs.rmSync(d, { recursive: true, force: true });
});
const created: string[] = [];
function dir(): string {
  const d = tempDir();
  created.push(d);
  return d;
}

test('when the local cloud restarts, then collections, documents and dates written through the SDK are all there', async () => {
  local.reset();
  await db.createCollection('kept');
  await db.collection('kept').add({ data: [{ _id: 'a', at: new Date('2026-11-21T00:00:00Z'), o: { n: 1 } }, { _id: 'b' }] } as never);
  await db.collection('kept').doc('b').remove();
  await db.collection('kept').doc('a').update({ data: { o: { m: 2 } } });
  local.restart();
  const rows = await db.collection('kept').get();
  expect(rows.data).toEqual([{ _id: 'a', at: new Date('2026-11-21T00:00:00Z'), o: { n: 1, m: 2 } }]);
});

test('when the journal ends in a torn line, then the store loads everything before it and keeps appending cleanly', () => {
  const d = dir();
  const s1 = openStore(d);
  s1.createCollection('c');
  s1.commit([{ kind: 'insert', collection: 'c', doc: { _id: 'a' } }]);
  s1.close();
  const journal = path.join(d, 'database', 'journal.ndjson');
  fs.appendFileSync(journal, '{"s":3,"o":[{"c":"c","k":"put","d":{"_id":"torn"');
  const s2 = openStore(d);
  s2.commit([{ kind: 'insert', collection: 'c', doc: { _id: 'b' } }]);
  s2.close();
  const s3 = openStore(d);
  expect([...s3.get('c')!.docs.keys()]).toEqual(['a', 'b']);
  s3.close();
});

test('when a line in the middle of the journal is corrupt, then loading refuses instead of guessing', () => {
  const d = dir();
  const s1 = openStore(d);
  s1.createCollection('c');
  s1.commit([{ kind: 'insert', collection: 'c', doc: { _id: 'a' } }]);
  s1.close();
  const journal = path.join(d, 'database', 'journal.ndjson');
  const lines = fs.readFileSync(journal, 'utf8').split('\n');
  lines[0] = '{garbage';
  fs.writeFileSync(journal, lines.join('\n'));
  expect(() => openStore(d)).toThrow(/corrupt journal line/);
});

test('when the journal passes the compaction threshold, then a snapshot takes over and nothing is lost', () => {
  const d = dir();
  const s1 = openStore(d, { compactBytes: 2000 });
  s1.createCollection('c');
  for (let i = 0; i < 200; i += 1) s1.commit([{ kind: 'insert', collection: 'c', doc: { _id: `d${i}`, i, at: new Date(i) } }]);
  s1.commit([{ kind: 'delete', collection: 'c', id: 'd0' }]);
  s1.close();
  const journalSize = fs.statSync(path.join(d, 'database', 'journal.ndjson')).size;
  const s2 = openStore(d);
  const docs = s2.get('c')!.docs;
  expect([docs.size, docs.has('d0'), docs.get('d199')]).toEqual([199, false, { _id: 'd199', i: 199, at: new Date(199) }]);
  expect(journalSize).toBeLessThanOrEqual(2000);
  expect(fs.existsSync(path.join(d, 'database', 'snapshot.json'))).toBe(true);
  s2.close();
});

/** Runs the writer child until a random moment, SIGKILLs it, returns what it acknowledged. */
function runAndKill(dataDir: string, round: number, killAfterAcks: number): Promise<{ acked: string[]; updated: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './local/register', path.join(__dirname, '__fixtures__', 'writer.js'), String(round)], {
      cwd: ROOT,
      env: { ...process.env, LOCAL_CLOUD_DATA: dataDir, LOCAL_CLOUD_COMPACT_BYTES: '20000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      acks = (out.match(/^ACK /gm) ?? []).length;
      if (acks >= killAfterAcks) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited without being killed: ${err}`));
        return;
      }
      const complete = out.slice(0, out.lastIndexOf('\n') + 1).split('\n');
      resolve({
        acked: complete.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4)),
        updated: complete.filter((l) => l.startsWith('UPD ')).map((l) => l.slice(4)),
      });
    });
  });
}

test('when the writer is SIGKILLed at random moments, then every acknowledged write survives and the store loads', async () => {
  const d = dir();
  const acked: string[] = [];
  const updated: string[] = [];
  for (let round = 0; round < 5; round += 1) {
    const r = await runAndKill(d, round, 20 + Math.floor(Math.random() * 300));
    acked.push(...r.acked);
    updated.push(...r.updated);
    const store = openStore(d); // must load after every crash
    store.close();
  }
  const store = openStore(d);
  const docs = store.get('log')!.docs;
  const missing = acked.filter((id) => !docs.has(id));
  const notUpdated = updated.filter((id) => docs.get(id)?.touched !== 1);
  store.close();
  expect(acked.length).toBeGreaterThan(100);
  expect(fs.existsSync(path.join(d, 'database', 'snapshot.json'))).toBe(true); // compaction ran during the kills
  expect(missing).toEqual([]);
  expect(notUpdated).toEqual([]);
}, 60000);
