/**
 * The database emulator: answers the actions @cloudbase/database sends (database.getDocument,
 * insertDocument, modifyDocument, modifyAndReturnDoc, removeDocument, calculateDocument,
 * aggregateDocuments, addCollection, startTransaction, commitTransaction, abortTransaction) with
 * the reply shapes the cloud's HTTP API returns. Query, update and aggregation semantics are
 * mingo's (MongoDB's). Every request runs synchronously once started, so each is atomic.
 *
 * Transactions are optimistic: reads see committed data plus the transaction's own writes, writes
 * are buffered, and commit fails with DATABASE_TRANSACTION_CONFLICT when any document the
 * transaction read or wrote was committed by someone else after it started; @cloudbase/database's
 * runTransaction retries exactly that code. No update is ever silently lost.
 */
import { randomBytes, randomUUID } from 'crypto';
import { aggregate as mingoAggregate, find as mingoFind, update as mingoUpdate } from 'mingo';
import { Change, CollectionState, Store, docKey } from './store';
import { Doc, clone, decode, decodeObject, encode, isPlainObject } from './wire';
import {
  DbError,
  collectionExists,
  collectionMissing,
  invalidParam,
  requestFailed,
  transactionConflict,
  transactionMissing,
} from './errors';
import type { RequestCounter } from './counter';
import { planQuery } from './indexes';
import { originOf, recordUnindexed } from './unindexed';
import { rewriteBuckets } from './bucket';

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

interface TxWrite {
  collection: string;
  id: unknown;
  doc: Doc | null;
  insert: boolean;
}

/** Results of an aggregation without a `$limit` stage, as the cloud answers it. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

interface Transaction {
  id: string;
  startSeq: number;
  startedAt: number;
  touched: Map<string, { collection: string; id: unknown }>;
  writes: Map<string, TxWrite>;
}

export interface EngineOptions {
  store: Store;
  counter?: RequestCounter;
  /** Clock for db.serverDate() (epoch ms). */
  now?: () => number;
  /** Collections whose queries must be served by a declared index (the declared ones not marked `scan`). */
  checked?: Set<string>;
}

export interface Engine {
  /** Handles one request; resolves to the cloud's reply body (with `code` on failure). `site` is an Error made where the SDK sent it (its stack names the code, for unindexed queries). */
  send(action: string, params: Params, site?: Error): Promise<Reply>;
  /** Synchronous core of `send`, throwing DbError. */
  handle(action: string, params: Params, site?: Error): Reply;
  store: Store;
  /** Open transactions (for tests). */
  openTransactions(): number;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const TX_TTL_MS = 5 * 60 * 1000;

/** Generates a cloud-looking `_id` (32 hex chars). */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

function txKey(collection: string, id: unknown): string {
  return `${collection}\u0000${docKey(id)}`;
}

function mingoError(e: unknown): DbError {
  if (e instanceof DbError) return e;
  return requestFailed((e as Error)?.message ?? String(e));
}

function nonNegativeInt(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${what} must be a non-negative integer`);
  return v;
}

function checkId(id: unknown): void {
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('_id must be a string or a number');
  if (id === '') throw invalidParam('_id must not be empty');
}

/** `{_id: x}` exactly (the SDK's doc() queries) → x, else undefined. */
function plainIdQuery(criteria: Record<string, unknown>): unknown {
  const keys = Object.keys(criteria);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const id = criteria._id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

function valueAt(doc: unknown, field: string): unknown {
  let cur: unknown = doc;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$pull', '$pullAll', '$pop', '$addToSet']);

/** MongoDB refuses these (mingo would silently skip them): arithmetic on non-numbers, array ops on non-arrays. */
function checkOperandTypes(doc: Doc, modifier: Record<string, Record<string, unknown>>): void {
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [field, operand] of Object.entries(fields)) {
      const current = valueAt(doc, field);
      if (NUMERIC_OPS.has(op)) {
        if (typeof operand !== 'number') throw requestFailed(`Cannot ${op.slice(1)} with non-numeric argument: {${field}: ${encode(operand)}}`);
        if (current !== undefined && typeof current !== 'number') {
          throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${encode(doc._id)}} has the field '${field}' of non-numeric type ${current === null ? 'null' : typeof current}`);
        }
      } else if (ARRAY_OPS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw requestFailed(`The field '${field}' must be an array but is of type ${current === null ? 'null' : typeof current} in document {_id: ${encode(doc._id)}}`);
      }
    }
  }
}

/** Creates an engine over a store. */
export function createEngine(options: EngineOptions): Engine {
  const { store, counter } = options;
  const now = options.now ?? (() => Date.now());
  const txs = new Map<string, Transaction>();

  const collection = (name: unknown): CollectionState => {
    if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
    const c = store.get(name);
    if (!c) throw collectionMissing(name);
    return c;
  };

  const tx = (id: unknown): Transaction | undefined => {
    if (id === undefined || id === null || id === '') return undefined;
    const t = txs.get(String(id));
    if (!t) throw transactionMissing(String(id));
    return t;
  };

  /** A transaction's view of one document: its own write, else the committed one. */
  const txRead = (t: Transaction, c: CollectionState, id: unknown): Doc | null => {
    const key = txKey(c.name, id);
    t.touched.set(key, { collection: c.name, id });
    const w = t.writes.get(key);
    if (w) return w.doc;
    return c.docs.get(docKey(id)) ?? null;
  };

  const txWrite = (t: Transaction, c: CollectionState, id: unknown, doc: Doc | null, insert = false): void => {
    const key = txKey(c.name, id);
    t.touched.set(key, { collection: c.name, id });
    const prev = t.writes.get(key);
    t.writes.set(key, { collection: c.name, id, doc, insert: insert || (prev?.insert ?? false) });
  };

  const docIdOf = (params: Params): unknown => {
    const q = decodeObject(params.query, now(), 'query') ?? {};
    const id = plainIdQuery(q);
    if (id === undefined) throw invalidParam('a transaction only supports single-document operations (doc(id))');
    return id;
  };

  // The request being handled (requests run one at a time, synchronously, once started).
  let current: { action: string; site?: Error } = { action: '' };

  /**
   * The documents a query needs to look at: those a declared index yields (in insertion order, as a
   * full scan gives them), else all — and then the query is recorded as unserved.
   */
  const candidates = (c: CollectionState, criteria: Record<string, unknown>, order?: Record<string, unknown>, record = true): Doc[] => {
    const keys = checkServed(c, criteria, order, true, record);
    // When the index keeps most documents, filtering them all is cheaper than gathering the kept ones.
    if (!keys || keys.size * 2 > c.docs.size) return [...c.docs.values()];
    if (keys.size * 8 > c.docs.size) return [...c.docs].filter(([k]) => keys.has(k)).map(([, d]) => d);
    return [...keys]
      .filter((k) => c.docs.has(k))
      .sort((a, b) => (c.rank.get(a) ?? 0) - (c.rank.get(b) ?? 0))
      .map((k) => c.docs.get(k) as Doc);
  };

  /** Records the query when no declared index serves it; returns the document keys the index yields (when asked). */
  const checkServed = (c: CollectionState, criteria: Record<string, unknown>, order: Record<string, unknown> | undefined, wantKeys: boolean, record = true): Set<string> | null => {
    const plan = planQuery(c.indexes, criteria, order, docKey, c.docs.size, wantKeys);
    if (record && !plan.served && options.checked?.has(c.name)) {
      const { fn, site } = originOf(current.site?.stack);
      recordUnindexed({ collection: c.name, action: current.action.replace(/^database\./, ''), query: encode(criteria).slice(0, 400), order: order && Object.keys(order).length ? encode(order) : null, fn, site });
    }
    return plan.keys;
  };

  /**
   * Ordered answers kept for the next page. A paged read asks the same query again and again with the next
   * offset (findAll) or the next `_id` bound (scanAll); answering each page afresh filters and sorts the whole
   * match every time, so reading a collection page by page is quadratic. The whole ordered match is kept
   * instead, valid while its collection is unwritten (the collection's version and size are unchanged, and
   * every document handed out is still the stored one), and a page is a slice of it. Same answers, by
   * construction: the list is the general path's with no skip/limit (a property test compares them).
   */
  const pages = new Map<string, { c: CollectionState; version: number; size: number; docs: Doc[]; ids: string[] | null }>();
  const PAGES_KEPT = 16;

  /** `{_id: {$gt|$gte: s}}` beside ascending `_id` order (or `$lt|$lte` beside descending): the bound, else null. */
  const idBound = (criteria: Record<string, unknown>, order: Record<string, unknown>): { value: string; op: string } | null => {
    const keys = Object.keys(order);
    if (keys.length !== 1 || keys[0] !== '_id' || (order._id !== 1 && order._id !== -1)) return null;
    const cond = criteria._id;
    if (!isPlainObject(cond)) return null;
    const ops = Object.keys(cond);
    if (ops.length !== 1 || typeof cond[ops[0]] !== 'string') return null;
    const ok = order._id === 1 ? ops[0] === '$gt' || ops[0] === '$gte' : ops[0] === '$lt' || ops[0] === '$lte';
    return ok ? { value: cond[ops[0]] as string, op: ops[0] } : null;
  };

  /** The ordered match of a query as a list, from the kept answers when still valid. */
  const orderedMatch = (c: CollectionState, criteria: Record<string, unknown>, order: Record<string, unknown>): { docs: Doc[]; ids: string[] | null } => {
    const key = `${c.name}\u0000${encode(criteria)}\u0000${encode(order)}`;
    const kept = pages.get(key);
    if (kept && kept.c === c && kept.version === c.version && kept.size === c.docs.size) {
      pages.delete(key);
      pages.set(key, kept);
      return kept;
    }
    // Whether the query is served is recorded by the caller, for the query as asked (this one may lack its `_id` bound).
    let cursor = mingoFind(candidates(c, criteria, order, false), criteria);
    if (Object.keys(order).length) cursor = cursor.sort(order as Record<string, 1 | -1>);
    const docs = cursor.all() as Doc[];
    const ids = docs.every((d) => typeof d._id === 'string') ? docs.map((d) => d._id as string) : null;
    pages.set(key, { c, version: c.version, size: c.docs.size, docs, ids });
    if (pages.size > PAGES_KEPT) pages.delete(pages.keys().next().value as string);
    return { docs, ids };
  };

  /** One page of an ordered (or skipped) query, through the kept answers. */
  const page = (c: CollectionState, criteria: Record<string, unknown>, order: Record<string, unknown>, offset: number, limit: number, record = true): Doc[] => {
    if (record) checkServed(c, criteria, order, false);
    const bound = idBound(criteria, order);
    let from = 0;
    let list: { docs: Doc[]; ids: string[] | null };
    if (bound) {
      // Keyset paging: the match without the bound, ordered by _id, then the bound found by binary search.
      const rest = { ...criteria };
      delete rest._id;
      list = orderedMatch(c, rest, order);
      if (list.ids) {
        const ids = list.ids;
        const asc = order._id === 1;
        // First position past the bound: ids ascend (asc) or descend (desc).
        const past = (id: string) => (asc ? (bound.op === '$gt' ? id > bound.value : id >= bound.value) : bound.op === '$lt' ? id < bound.value : id <= bound.value);
        let lo = 0;
        let hi = ids.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (past(ids[mid])) hi = mid;
          else lo = mid + 1;
        }
        from = lo;
      } else list = orderedMatch(c, criteria, order);
    } else {
      list = orderedMatch(c, criteria, order);
    }
    const out = list.docs.slice(from + offset, from + offset + limit);
    // A document changed behind the store's back (a test editing the map) makes the kept list stale: answer afresh.
    if (out.some((d) => c.docs.get(docKey(d._id)) !== d)) {
      pages.clear();
      return page(c, criteria, order, offset, limit, false);
    }
    return out;
  };

  const matching = (c: CollectionState, criteria: Record<string, unknown>): Doc[] => {
    const id = plainIdQuery(criteria);
    if (id !== undefined) {
      const d = c.docs.get(docKey(id));
      return d ? [d] : [];
    }
    try {
      return mingoFind(candidates(c, criteria), criteria).all() as Doc[];
    } catch (e) {
      throw mingoError(e);
    }
  };

  const project = (docs: Doc[], projection: Record<string, unknown> | undefined): Doc[] => {
    if (!projection || Object.keys(projection).length === 0) return docs;
    try {
      return mingoFind(docs, {}, projection).all() as Doc[];
    } catch (e) {
      throw mingoError(e);
    }
  };

  const getDocument = (p: Params): Reply => {
    const c = collection(p.collectionName);
    const t = tx(p.transactionId);
    const projection = decodeObject(p.projection, now(), 'projection');
    if (t) {
      if (p.queryType !== 'DOC') throw invalidParam('a transaction only supports single-document operations (doc(id).get)');
      const d = txRead(t, c, docIdOf(p));
      return { data: { list: project(d ? [d] : [], projection).map(encode) } };
    }
    const criteria = decodeObject(p.query, now(), 'query') ?? {};
    const order = decodeObject(p.order, now(), 'order');
    const offset = nonNegativeInt(p.offset, 'offset') ?? 0;
    const asked = nonNegativeInt(p.limit, 'limit') || DEFAULT_LIMIT;
    const limit = Math.min(asked, MAX_LIMIT);
    // The cloud cuts a larger limit to 1,000 without a word: the rows past it would go missing, so it is reported like an unindexed query.
    if (asked > MAX_LIMIT && options.checked?.has(c.name)) {
      const { fn, site } = originOf(current.site?.stack);
      recordUnindexed({ collection: c.name, action: `getDocument asking ${asked} documents (the cloud returns ${MAX_LIMIT} at most)`, query: encode(criteria).slice(0, 400), order: null, fn, site });
    }
    let docs: Doc[];
    try {
      const id = plainIdQuery(criteria);
      if (id !== undefined) {
        const d = c.docs.get(docKey(id));
        docs = project(d && offset === 0 ? [d] : [], projection);
      } else if ((order && Object.keys(order).length) || offset > 0) {
        docs = project(page(c, criteria, order ?? {}, offset, limit), projection);
      } else {
        // Unordered from the start: mingo stops at the limit.
        docs = mingoFind(candidates(c, criteria, order), criteria, projection).limit(limit).all() as Doc[];
      }
    } catch (e) {
      throw mingoError(e);
    }
    return { data: { list: docs.map(encode), limit, offset } };
  };

  const calculateDocument = (p: Params): Reply => {
    const c = collection(p.collectionName);
    const criteria = decodeObject(p.query, now(), 'query') ?? {};
    return { data: { total: matching(c, criteria).length } };
  };

  const insertDocument = (p: Params): Reply => {
    const c = collection(p.collectionName);
    const t = tx(p.transactionId);
    if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a non-empty array');
    const at = now();
    const docs = p.data.map((text) => {
      const d = decode(text, at);
      if (!isPlainObject(d)) throw invalidParam('each document must be an object');
      const doc: Doc = { _id: d._id === undefined ? newId() : d._id, ...d };
      checkId(doc._id);
      return doc;
    });
    if (t) {
      for (const d of docs) {
        if (txRead(t, c, d._id)) throw requestFailed(`E11000 duplicate key error collection: ${c.name} index: _id_ dup key: { _id: ${encode(d._id)} }`);
        txWrite(t, c, d._id, d, true);
      }
    } else {
      store.commit(docs.map((doc) => ({ kind: 'insert', collection: c.name, doc })));
    }
    return { data: { insertedIds: docs.map((d) => d._id) } };
  };

  /** Shared core of modifyDocument / modifyAndReturnDoc. */
  const modify = (p: Params, returnDoc: boolean): Reply => {
    const c = collection(p.collectionName);
    const t = tx(p.transactionId);
    const at = now();
    const data = decode(p.data, at);
    if (!isPlainObject(data) || Object.keys(data).length === 0) throw invalidParam('data must be a non-empty object');
    const merge = returnDoc || p.merge !== false;
    const multi = !returnDoc && p.multi !== false;
    const upsert = p.upsert === true;
    const keys = Object.keys(data);
    const operatorKeys = keys.filter((k) => k.startsWith('$'));
    let modifier: Record<string, unknown> | null = null;
    let replacement: Doc | null = null;
    if (merge) {
      if (operatorKeys.length && operatorKeys.length !== keys.length) throw invalidParam('cannot mix update operators and fields');
      modifier = operatorKeys.length ? data : { $set: data };
      for (const [op, fields] of Object.entries(modifier)) {
        if (!isPlainObject(fields)) throw invalidParam(`${op} needs an object`);
        if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) throw invalidParam('不能更新_id的值');
      }
    } else {
      if (operatorKeys.length) throw requestFailed('update operator complicit');
      if ('_id' in data) throw invalidParam('不能更新_id的值');
      replacement = data as Doc;
    }
    const apply = (doc: Doc): { next: Doc; changed: boolean } => {
      if (replacement) {
        const next = { _id: doc._id, ...clone(replacement) };
        return { next, changed: encode(next) !== encode(doc) };
      }
      checkOperandTypes(doc, modifier as Record<string, Record<string, unknown>>);
      const next = clone(doc);
      try {
        const fields = mingoUpdate(next, clone(modifier) as never);
        return { next, changed: fields.length > 0 };
      } catch (e) {
        throw mingoError(e);
      }
    };

    let targets: Doc[];
    let criteria: Record<string, unknown> = {};
    if (t) {
      const id = docIdOf(p);
      const d = txRead(t, c, id);
      criteria = { _id: id };
      targets = d ? [d] : [];
    } else {
      criteria = decodeObject(p.query, at, 'query') ?? {};
      targets = matching(c, criteria);
      if (!multi) targets = targets.slice(0, 1);
    }
    const changes: Change[] = [];
    let updated = 0;
    let lastDoc: Doc | null = null;
    for (const d of targets) {
      const { next, changed } = apply(d);
      lastDoc = next;
      if (!changed) continue;
      updated += 1;
      changes.push({ kind: 'put', collection: c.name, doc: next });
    }
    let upsertId: unknown;
    if (targets.length === 0 && upsert) {
      const id = plainIdQuery(criteria) ?? newId();
      const { next } = apply({ _id: id });
      upsertId = id;
      lastDoc = next;
      changes.push({ kind: 'insert', collection: c.name, doc: next });
    }
    if (t) {
      for (const ch of changes) if (ch.kind !== 'delete') txWrite(t, c, ch.doc._id, ch.doc, ch.kind === 'insert');
    } else {
      store.commit(changes);
    }
    const reply: Record<string, unknown> = { updated, matched: targets.length };
    if (upsertId !== undefined) reply.upsert_id = upsertId;
    if (returnDoc) reply.doc = lastDoc ? encode(lastDoc) : null;
    return { data: reply };
  };

  const removeDocument = (p: Params): Reply => {
    const c = collection(p.collectionName);
    const t = tx(p.transactionId);
    if (t) {
      const id = docIdOf(p);
      const d = txRead(t, c, id);
      if (d) txWrite(t, c, id, null);
      return { data: { deleted: d ? 1 : 0 } };
    }
    const criteria = decodeObject(p.query, now(), 'query') ?? {};
    let targets = matching(c, criteria);
    if (p.multi === false) targets = targets.slice(0, 1);
    store.commit(targets.map((d) => ({ kind: 'delete', collection: c.name, id: d._id })));
    return { data: { deleted: targets.length } };
  };

  const aggregateDocuments = (p: Params): Reply => {
    const c = collection(p.collectionName);
    if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
    const at = now();
    const pipeline = p.stages.map((s: { stageKey?: unknown; stageValue?: unknown }) => {
      if (!s || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam('bad aggregation stage');
      return { [s.stageKey]: decode(s.stageValue, at) };
    });
    // A leading $match is answered through the indexes, as the cloud does; a pipeline without one reads every document.
    const first = pipeline[0]?.$match;
    const source = isPlainObject(first) ? candidates(c, first as Record<string, unknown>) : candidates(c, { $pipelineWithoutLeadingMatch: true });
    let out: unknown[];
    try {
      out = mingoAggregate(source, rewriteBuckets(pipeline), {
        collectionResolver: (name: string) => [...(store.get(name)?.docs.values() ?? [])],
      });
    } catch (e) {
      throw mingoError(e);
    }
    // The cloud returns 20 results from a server-side aggregation that names no $limit (checked by its users:
    // developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13), unlike get()'s 100.
    if (!pipeline.some((stage) => '$limit' in stage)) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT);
    return { data: { list: out.map(encode) } };
  };

  const addCollection = (p: Params): Reply => {
    const name = p.collectionName;
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParam('bad collection name');
    if (!store.createCollection(name)) throw collectionExists(name);
    return {};
  };

  const startTransaction = (): Reply => {
    const started = now();
    for (const [id, t] of txs) if (started - t.startedAt > TX_TTL_MS) txs.delete(id);
    const id = `local-tx-${randomUUID()}`;
    txs.set(id, { id, startSeq: store.seq(), startedAt: started, touched: new Map(), writes: new Map() });
    return { transactionId: id };
  };

  const commitTransaction = (p: Params): Reply => {
    const t = tx(p.transactionId);
    if (!t) throw invalidParam('transactionId is required');
    txs.delete(t.id);
    for (const { collection: name, id } of t.touched.values()) {
      if (store.lastWrite(name, id) > t.startSeq) throw transactionConflict();
    }
    const changes: Change[] = [];
    for (const w of t.writes.values()) {
      if (w.doc) changes.push({ kind: w.insert ? 'insert' : 'put', collection: w.collection, doc: w.doc });
      else if (!w.insert) changes.push({ kind: 'delete', collection: w.collection, id: w.id });
    }
    store.commit(changes);
    return {};
  };

  const abortTransaction = (p: Params): Reply => {
    const t = tx(p.transactionId);
    if (!t) throw invalidParam('transactionId is required');
    txs.delete(t.id);
    return {};
  };

  const handlers: Record<string, (p: Params) => Reply> = {
    'database.getDocument': getDocument,
    'database.calculateDocument': calculateDocument,
    'database.insertDocument': insertDocument,
    'database.modifyDocument': (p) => modify(p, false),
    'database.updateDocument': (p) => modify(p, false),
    'database.modifyAndReturnDoc': (p) => modify(p, true),
    'database.removeDocument': removeDocument,
    'database.aggregateDocuments': aggregateDocuments,
    'database.addCollection': addCollection,
    'database.startTransaction': startTransaction,
    'database.commitTransaction': commitTransaction,
    'database.abortTransaction': abortTransaction,
  };

  const handle = (action: string, params: Params, site?: Error): Reply => {
    const h = handlers[action];
    if (!h) throw invalidParam(`unsupported action ${action}`);
    current = { action, site };
    try {
      return h(params);
    } finally {
      current = { action: '' };
    }
  };

  return {
    store,
    handle,
    openTransactions: () => txs.size,
    async send(action, params, site) {
      const requestId = randomUUID();
      counter?.record(action, typeof params.collectionName === 'string' ? params.collectionName : undefined);
      try {
        return { requestId, ...handle(action, params, site) };
      } catch (e) {
        const err = e instanceof DbError ? e : requestFailed((e as Error)?.message ?? String(e));
        return { requestId, code: err.code, message: err.message };
      }
    },
  };
}
