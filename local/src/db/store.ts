/**
 * The durable in-memory store of one data dir: every collection lives in memory; each committed
 * batch of changes is appended as ONE line to `database/journal.ndjson` and fdatasync'ed before the
 * caller is answered (cost ∝ the changed documents). When the journal grows past a threshold the
 * whole state is written to `snapshot.json.tmp`, fsync'ed and renamed over `snapshot.json`, then the
 * journal is emptied. Load = snapshot + replay of journal lines with a higher sequence number; a torn
 * last line (killed mid-write) is dropped and cut off. Single writer: one process per data dir.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Doc, encode, parseStored } from './wire';
import { duplicateKey, requestFailed } from './errors';
import { indexAdd, indexRemove, newIndex, sameIndexedValues, type IndexDef, type LiveIndex } from './indexes';

/** Map key of a document id (ids are strings, numbers are allowed by the SDK). */
export function docKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${JSON.stringify(id)}`;
}

interface UniqueIndex {
  name: string;
  fields: string[];
  /** index key → docKey of the owner */
  owners: Map<string, string>;
}

export interface CollectionState {
  name: string;
  docs: Map<string, Doc>;
  uniques: UniqueIndex[];
  /** The declared indexes, kept current, that answer queries (indexes.ts). */
  indexes: LiveIndex[];
  /** docKey → insertion rank, so an answer narrowed by an index keeps the order a full scan gives. */
  rank: Map<string, number>;
  /** Bumped by every write to the collection, so an answer kept for the next page knows when it went stale. */
  version: number;
}

/** One change of a committed batch. `insert` must not find the id taken; `put` replaces or creates. */
export type Change =
  | { kind: 'insert' | 'put'; collection: string; doc: Doc }
  | { kind: 'delete'; collection: string; id: unknown };

export interface StoreOptions {
  /**
   * Journal size that triggers compaction into the snapshot. Default: 8 MiB or twice the last snapshot's size,
   * whichever is larger, so that rewriting the whole state stays proportional to what was written since
   * (a fixed threshold rewrites a large state every few MiB). Given explicitly, it is the threshold as is.
   */
  compactBytes?: number;
  /** fdatasync every commit (default true). */
  sync?: boolean;
}

export interface Store {
  readonly dir: string;
  has(name: string): boolean;
  get(name: string): CollectionState | undefined;
  names(): string[];
  /** Creates (and journals) a collection; false when it already existed. */
  createCollection(name: string): boolean;
  /** Declares the unique indexes of a collection (kept in memory, rebuilt from the data). */
  setUniqueIndexes(name: string, indexes: { name: string; fields: string[] }[]): void;
  /** Declares the indexes that answer queries (built from the data, then kept current by every commit). */
  setIndexes(name: string, indexes: IndexDef[]): void;
  /** Validates unique constraints, journals durably, then applies. Throws DbError on violation. */
  commit(changes: Change[]): void;
  /** Sequence number of the last commit that wrote this document (0 if none since start). */
  lastWrite(collection: string, id: unknown): number;
  seq(): number;
  compact(): void;
  close(): void;
}

function getPath(doc: unknown, field: string): unknown {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function indexKey(ix: { fields: string[] }, doc: Doc): string {
  // A missing field is indexed as null, as MongoDB (and so the cloud) does for unique indexes.
  return encode(ix.fields.map((f) => getPath(doc, f) ?? null));
}

function dupKeyText(ix: { fields: string[] }, doc: Doc): string {
  return `{ ${ix.fields.map((f) => `${f}: ${encode(getPath(doc, f) ?? null)}`).join(', ')} }`;
}

const JOURNAL = 'journal.ndjson';
const SNAPSHOT = 'snapshot.json';

/** Opens (creating if needed) the database store under `<dataDir>/database`. */
export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  const dir = path.join(dataDir, 'database');
  fs.mkdirSync(dir, { recursive: true });
  const fixedThreshold = options.compactBytes !== undefined;
  const compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
  let snapshotBytes = 0;
  const sync = options.sync ?? true;
  const collections = new Map<string, CollectionState>();
  const writes = new Map<string, number>();
  let seq = 0;
  let inserted = 0;

  const ensure = (name: string): CollectionState => {
    let c = collections.get(name);
    if (!c) {
      c = { name, docs: new Map(), uniques: [], indexes: [], rank: new Map(), version: 0 };
      collections.set(name, c);
    }
    return c;
  };

  const applyPut = (c: CollectionState, doc: Doc, at: number): void => {
    const key = docKey(doc._id);
    const old = c.docs.get(key);
    for (const ix of c.uniques) {
      if (old) {
        const k = indexKey(ix, old);
        if (ix.owners.get(k) === key) ix.owners.delete(k);
      }
      ix.owners.set(indexKey(ix, doc), key);
    }
    for (const ix of c.indexes) {
      if (old && sameIndexedValues(ix, old, doc)) continue;
      if (old) indexRemove(ix, key, old);
      indexAdd(ix, key, doc);
    }
    if (!old) c.rank.set(key, ++inserted);
    c.docs.set(key, doc);
    c.version += 1;
    writes.set(`${c.name}\u0000${key}`, at);
  };

  const applyDelete = (c: CollectionState, id: unknown, at: number): void => {
    const key = docKey(id);
    const old = c.docs.get(key);
    if (old) {
      for (const ix of c.uniques) {
        const k = indexKey(ix, old);
        if (ix.owners.get(k) === key) ix.owners.delete(k);
      }
      for (const ix of c.indexes) indexRemove(ix, key, old);
      c.docs.delete(key);
      c.rank.delete(key);
      c.version += 1;
    }
    writes.set(`${c.name}\u0000${key}`, at);
  };

  // --- load: snapshot, then the journal tail
  const snapPath = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snapPath)) {
    const text = fs.readFileSync(snapPath, 'utf8');
    snapshotBytes = text.length;
    const snap = parseStored(text) as { s: number; collections: Record<string, Doc[]> };
    seq = snap.s;
    for (const [name, docs] of Object.entries(snap.collections)) {
      const c = ensure(name);
      for (const d of docs) {
        c.docs.set(docKey(d._id), d);
        c.rank.set(docKey(d._id), ++inserted);
      }
    }
  }
  const journalPath = path.join(dir, JOURNAL);
  let journalBytes = 0;
  if (fs.existsSync(journalPath)) {
    const buf = fs.readFileSync(journalPath);
    let start = 0;
    let good = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break; // torn tail: the write never completed, so it was never acknowledged
      const line = buf.toString('utf8', start, nl);
      let entry: { s: number; o: JournalOp[] } | null = null;
      try {
        entry = parseStored(line) as { s: number; o: JournalOp[] };
      } catch (e) {
        if (buf.indexOf(0x0a, nl + 1) >= 0) {
          throw new Error(`local cloud: corrupt journal line at byte ${start} of ${journalPath}: ${(e as Error).message}`);
        }
        break; // last line garbled: same as torn
      }
      if (entry.s > seq) {
        for (const op of entry.o) replay(op, entry.s);
        seq = entry.s;
      }
      start = nl + 1;
      good = start;
    }
    if (good < buf.length) fs.truncateSync(journalPath, good);
    journalBytes = good;
  }

  function replay(op: JournalOp, at: number): void {
    const c = ensure(op.c);
    if (op.k === 'put' && op.d) applyPut(c, op.d, at);
    else if (op.k === 'del') applyDelete(c, op.i, at);
  }

  let fd: number | null = fs.openSync(journalPath, 'a');

  const append = (ops: JournalOp[]): number => {
    if (fd === null) throw new Error('local cloud: store is closed');
    const next = seq + 1;
    const line = `${encode({ s: next, o: ops })}\n`;
    const bytes = Buffer.from(line, 'utf8');
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    if (sync) fs.fdatasyncSync(fd);
    seq = next;
    journalBytes += bytes.length;
    return next;
  };

  const checkUnique = (changes: Change[]): void => {
    const byColl = new Map<string, Change[]>();
    for (const ch of changes) {
      const list = byColl.get(ch.collection) ?? [];
      list.push(ch);
      byColl.set(ch.collection, list);
    }
    for (const [name, list] of byColl) {
      const c = collections.get(name);
      if (!c) throw requestFailed(`collection ${name} does not exist`);
      // final state of the touched ids
      const finalDocs = new Map<string, Doc | null>();
      for (const ch of list) {
        if (ch.kind === 'delete') {
          finalDocs.set(docKey(ch.id), null);
          continue;
        }
        const key = docKey(ch.doc._id);
        if (ch.kind === 'insert' && (finalDocs.has(key) ? finalDocs.get(key) !== null : c.docs.has(key))) {
          throw duplicateKey(name, '_id_', `{ _id: ${encode(ch.doc._id)} }`);
        }
        finalDocs.set(key, ch.doc);
      }
      for (const ix of c.uniques) {
        const claimed = new Map<string, string>();
        for (const [key, doc] of finalDocs) {
          if (!doc) continue;
          const k = indexKey(ix, doc);
          const other = claimed.get(k);
          if (other !== undefined && other !== key) throw duplicateKey(name, ix.name, dupKeyText(ix, doc));
          claimed.set(k, key);
          const owner = ix.owners.get(k);
          if (owner !== undefined && owner !== key && !finalDocs.has(owner)) {
            throw duplicateKey(name, ix.name, dupKeyText(ix, doc));
          }
        }
      }
    }
  };

  const store: Store = {
    dir,
    has: (name) => collections.has(name),
    get: (name) => collections.get(name),
    names: () => [...collections.keys()],
    createCollection(name) {
      if (collections.has(name)) return false;
      append([{ c: name, k: 'create' }]);
      ensure(name);
      maybeCompact();
      return true;
    },
    setUniqueIndexes(name, indexes) {
      const c = ensure(name);
      c.uniques = indexes.map((ix) => ({ name: ix.name, fields: ix.fields, owners: new Map() }));
      for (const [key, doc] of c.docs) {
        for (const ix of c.uniques) {
          const k = indexKey(ix, doc);
          if (ix.owners.has(k)) {
            // Data written before the index was declared: keep loading, as the console would refuse
            // to build the index; report it loudly.
            console.warn(`local cloud: ${name} violates unique index ${ix.name} on ${dupKeyText(ix, doc)}`);
          } else ix.owners.set(k, key);
        }
      }
    },
    setIndexes(name, defs) {
      const c = ensure(name);
      c.indexes = defs.map(newIndex);
      for (const [key, doc] of c.docs) for (const ix of c.indexes) indexAdd(ix, key, doc);
    },
    commit(changes) {
      if (changes.length === 0) return;
      checkUnique(changes);
      const ops: JournalOp[] = changes.map((ch) =>
        ch.kind === 'delete' ? { c: ch.collection, k: 'del', i: ch.id } : { c: ch.collection, k: 'put', d: ch.doc },
      );
      const at = append(ops);
      for (const ch of changes) {
        const c = ensure(ch.collection);
        if (ch.kind === 'delete') applyDelete(c, ch.id, at);
        else applyPut(c, ch.doc, at);
      }
      maybeCompact();
    },
    lastWrite: (collection, id) => writes.get(`${collection}\u0000${docKey(id)}`) ?? 0,
    seq: () => seq,
    compact() {
      if (fd === null) return;
      const parts: string[] = [];
      for (const c of collections.values()) {
        const docs: string[] = [];
        for (const d of c.docs.values()) docs.push(encode(d));
        parts.push(`${JSON.stringify(c.name)}:[${docs.join(',')}]`);
      }
      const text = `{"s":${seq},"collections":{${parts.join(',')}}}`;
      const tmp = `${snapPath}.tmp`;
      const tfd = fs.openSync(tmp, 'w');
      try {
        fs.writeFileSync(tfd, text);
        fs.fsyncSync(tfd);
      } finally {
        fs.closeSync(tfd);
      }
      fs.renameSync(tmp, snapPath);
      snapshotBytes = text.length;
      fsyncDir(dir);
      // The snapshot holds everything up to `seq`; replay skips older lines, so a crash between
      // rename and truncate is harmless.
      fs.ftruncateSync(fd, 0);
      fs.fsyncSync(fd);
      journalBytes = 0;
    },
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };

  const threshold = (): number => (fixedThreshold ? compactBytes : Math.max(compactBytes, 2 * snapshotBytes));

  function maybeCompact(): void {
    if (journalBytes > threshold()) store.compact();
  }

  if (journalBytes > threshold()) store.compact();
  return store;
}

interface JournalOp {
  c: string;
  k: 'put' | 'del' | 'create';
  d?: Doc;
  i?: unknown;
}

function fsyncDir(dir: string): void {
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}
