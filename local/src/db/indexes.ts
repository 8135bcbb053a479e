/**
 * Declared indexes, kept live over each collection and used to answer queries: a query is served
 * when an index's leading keys are constrained by equality (`$eq`, `$in`, a literal) and then at most
 * one range (`$gt/$gte/$lt/$lte`), or — with no filter — when its sort follows an index's leading keys.
 * The index narrows the documents mingo then filters exactly, so the answer never depends on the
 * index, only the time does. A query no declared index serves is reported: on the cloud it is a
 * collection scan (slow, and billed per document read once the collection grows).
 *
 * Shape: one nested map per index, a level per key (`value → next level`), the last level holding
 * document keys. Array values are indexed element by element (multikey), a missing field as null, as
 * MongoDB does.
 */
import { encode, isPlainObject, type Doc } from './wire';

/** An index as declared: its name and ordered keys. */
export interface IndexDef {
  name: string;
  fields: string[];
}

interface Level {
  /** encoded value → { the value, the next level (or the document keys at the last key), how many entries lie beneath } */
  entries: Map<string, { value: unknown; next: Level | Set<string>; count: number }>;
}

/** An index kept current with its collection. */
export interface LiveIndex {
  def: IndexDef;
  /** Each key split at its dots, once. */
  paths: string[][];
  root: Level;
}

/**
 * A fresh, empty index. A trailing `_id` key is not stored: it is unique, so a level of it would hold one
 * document per entry; the exact filter after the lookup applies a condition on it all the same.
 */
export function newIndex(def: IndexDef): LiveIndex {
  const fields = def.fields.length > 1 && def.fields[def.fields.length - 1] === '_id' ? def.fields.slice(0, -1) : def.fields;
  return { def: { name: def.name, fields }, paths: fields.map((f) => f.split('.')), root: { entries: new Map() } };
}

/** The values a document holds at a dotted path, arrays spread (multikey); a missing field is null. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 1) {
    // The common case (a top-level field) without the general walk's arrays.
    const v = (doc as Doc)[path[0]];
    if (!Array.isArray(v)) return [v];
  }
  let current: unknown[] = [doc];
  for (const part of path) {
    const next: unknown[] = [];
    for (const c of current) {
      if (Array.isArray(c)) {
        for (const el of c) if (isPlainObject(el)) next.push((el as Doc)[part]);
      } else if (c !== null && typeof c === 'object' && !(c instanceof Date)) next.push((c as Doc)[part]);
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const v of current) {
    if (Array.isArray(v)) out.push(...(v.length ? v : [undefined]));
    else out.push(v);
  }
  return out.length ? out : [null];
}

/** The map key of one indexed value (null and missing share one). */
function keyOf(v: unknown): string {
  if (v === null || v === undefined) return 'z';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number') return `n${v === 0 ? 0 : v}`;
  if (typeof v === 'boolean') return `b${v}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  return `o${encode(v)}`;
}

/** The distinct values a document holds under one index key. */
function distinctAt(doc: Doc, path: string[]): unknown[] {
  const values = valuesAt(doc, path);
  if (values.length < 2) return values;
  const seen = new Map<string, unknown>();
  for (const v of values) seen.set(keyOf(v), v);
  return [...seen.values()];
}

/** Whether two versions of a document hold the same values under the index's keys (then the index need not change). */
export function sameIndexedValues(ix: LiveIndex, a: Doc, b: Doc): boolean {
  return ix.paths.every((path) => {
    const x = valuesAt(a, path);
    const y = valuesAt(b, path);
    return x.length === y.length && x.every((v, i) => keyOf(v) === keyOf(y[i]));
  });
}

/** Adds a document to an index (under every combination of its values, for an array key). */
export function indexAdd(ix: LiveIndex, key: string, doc: Doc): void {
  // Returns how many leaf entries it added, which every entry on the way counts.
  const add = (level: Level, i: number): number => {
    const last = i === ix.paths.length - 1;
    let added = 0;
    for (const v of distinctAt(doc, ix.paths[i])) {
      const k = keyOf(v);
      let entry = level.entries.get(k);
      if (!entry) {
        entry = { value: v, next: last ? new Set<string>() : { entries: new Map() }, count: 0 };
        level.entries.set(k, entry);
      }
      let n = 0;
      if (!last) n = add(entry.next as Level, i + 1);
      else if (!(entry.next as Set<string>).has(key)) {
        (entry.next as Set<string>).add(key);
        n = 1;
      }
      entry.count += n;
      added += n;
    }
    return added;
  };
  add(ix.root, 0);
}

/** Removes a document (as it was indexed) from an index, pruning emptied entries. */
export function indexRemove(ix: LiveIndex, key: string, doc: Doc): void {
  const remove = (level: Level, i: number): number => {
    const last = i === ix.paths.length - 1;
    let removed = 0;
    for (const v of distinctAt(doc, ix.paths[i])) {
      const k = keyOf(v);
      const entry = level.entries.get(k);
      if (!entry) continue;
      const n = last ? ((entry.next as Set<string>).delete(key) ? 1 : 0) : remove(entry.next as Level, i + 1);
      entry.count -= n;
      removed += n;
      if (entry.count === 0) level.entries.delete(k);
    }
    return removed;
  };
  remove(ix.root, 0);
}

/** What a query asks of one field: accepted values (equality / `$in`) and bounds. */
interface FieldCond {
  eq: unknown[] | null;
  lows: Array<{ v: unknown; incl: boolean }>;
  highs: Array<{ v: unknown; incl: boolean }>;
}

const sargableValue = (v: unknown) => !(v instanceof RegExp) && !(isPlainObject(v) && Object.keys(v as object).some((k) => k.startsWith('$')));

/** Adds one field's condition (a literal or an operator object) to the field's accumulated conditions. */
function addCond(conds: Map<string, FieldCond>, field: string, value: unknown): void {
  const c = conds.get(field) ?? { eq: null, lows: [], highs: [] };
  const setEq = (values: unknown[]) => {
    if (c.eq === null && values.every(sargableValue)) c.eq = values.flatMap((v) => (Array.isArray(v) ? (v.length ? [v[0]] : []) : [v]));
  };
  if (isPlainObject(value) && Object.keys(value as object).some((k) => k.startsWith('$'))) {
    for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
      if (op === '$eq') setEq([operand]);
      else if (op === '$in' && Array.isArray(operand)) setEq(operand);
      else if (op === '$gt' || op === '$gte') c.lows.push({ v: operand, incl: op === '$gte' });
      else if (op === '$lt' || op === '$lte') c.highs.push({ v: operand, incl: op === '$lte' });
      else if (op === '$and' && Array.isArray(operand)) for (const part of operand) addCond(conds, field, part);
    }
  } else if (!isPlainObject(value) && !(value instanceof RegExp)) {
    // A literal, an array (matched element-wise by its first element, then filtered exactly), or null.
    if (!(Array.isArray(value) && value.length === 0)) setEq([value]);
  }
  if (c.eq !== null || c.lows.length || c.highs.length) conds.set(field, c);
}

/** Field conditions of a criteria object (top level and `$and`), and its `$or` branches. */
function conditionsOf(criteria: Record<string, unknown>): { conds: Map<string, FieldCond>; ors: Array<Record<string, unknown>[]> } {
  const conds = new Map<string, FieldCond>();
  const ors: Array<Record<string, unknown>[]> = [];
  const walk = (q: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) for (const part of v) walk(part as Record<string, unknown>);
      else if (k === '$or' && Array.isArray(v)) ors.push(v as Record<string, unknown>[]);
      else if (!k.startsWith('$')) addCond(conds, k, v);
    }
  };
  walk(criteria);
  return { conds, ors };
}

/** Type bracket of a value, as MongoDB compares only within one (numbers, strings, dates, booleans). */
function bracket(v: unknown): string {
  if (v instanceof Date) return 'date';
  return typeof v;
}

function inBounds(v: unknown, c: FieldCond): boolean {
  // One side only: on an array field each bound may be met by another element (MongoDB cannot intersect them either).
  const bounds = c.lows.length ? c.lows.map((b) => ({ ...b, sign: 1 })) : c.highs.map((b) => ({ ...b, sign: -1 }));
  return bounds.every(({ v: b, incl, sign }) => {
    if (bracket(v) !== bracket(b)) return false;
    const x = v instanceof Date ? v.getTime() : (v as number);
    const y = b instanceof Date ? b.getTime() : (b as number);
    return sign > 0 ? x > y || (incl && x === y) : x < y || (incl && x === y);
  });
}

function collect(next: Level | Set<string>, out: Set<string>): void {
  if (next instanceof Set) for (const k of next) out.add(k);
  else for (const e of next.entries.values()) collect(e.next, out);
}

/** How many leading keys of an index a query's conditions constrain (equalities, then one range). */
function usableKeys(def: IndexDef, conds: Map<string, FieldCond>): number {
  let n = 0;
  for (const f of def.fields) {
    const c = conds.get(f);
    if (!c) break;
    n++;
    if (c.eq === null) break; // a range ends what the index can narrow
  }
  return n;
}

/** The entries an index matches for the conditions on its first `depth` keys (at the last of those levels). */
function matchedEntries(ix: LiveIndex, conds: Map<string, FieldCond>, depth: number): Array<{ next: Level | Set<string>; count: number }> {
  let frontier: Array<{ next: Level | Set<string>; count: number }> = [{ next: ix.root, count: 0 }];
  for (let i = 0; i < depth; i++) {
    const c = conds.get(ix.def.fields[i]) as FieldCond;
    const nextFrontier: Array<{ next: Level | Set<string>; count: number }> = [];
    for (const f of frontier) {
      const level = f.next as Level;
      if (c.eq !== null) {
        for (const v of c.eq) {
          const e = level.entries.get(keyOf(v));
          if (e) nextFrontier.push(e);
        }
      } else for (const e of level.entries.values()) if (inBounds(e.value, c)) nextFrontier.push(e);
    }
    frontier = nextFrontier;
  }
  return frontier;
}

/** The document keys an index yields for the conditions on its first `depth` keys, or null when they are most of the collection (a scan is cheaper). */
function lookup(ix: LiveIndex, conds: Map<string, FieldCond>, depth: number, total: number): Set<string> | null {
  const entries = matchedEntries(ix, conds, depth);
  // Entries beneath count a multikey document once per value: a bound, enough to decide a scan is cheaper.
  if (entries.reduce((n, e) => n + e.count, 0) * 2 > total) return null;
  const out = new Set<string>();
  for (const e of entries) collect(e.next, out);
  return out;
}

/** The plan for one query: the index used (if any) and the document keys to filter (null = all). */
export interface QueryPlan {
  served: boolean;
  index: string | null;
  keys: Set<string> | null;
}

/** The `_id` index every collection has. */
const ID_INDEX: IndexDef = { name: '_id_', fields: ['_id'] };

/** Chooses the index that narrows a query most (most leading keys constrained) and looks it up (unless `wantKeys` is false: only whether it is served). */
export function planQuery(indexes: LiveIndex[], criteria: Record<string, unknown>, order: Record<string, unknown> | undefined, docKeyOf: (id: unknown) => string, total = Infinity, wantKeys = true): QueryPlan {
  const { conds, ors } = conditionsOf(criteria);
  const planConds = (c: Map<string, FieldCond>) => planFor(indexes, c, docKeyOf, wantKeys ? total : -1);
  const single = planConds(conds);
  // Every branch of an $or (with the conditions beside it) served: the plan is their union. It is looked at even
  // when the conditions beside the $or are served, since it is usually the narrower ({tenantId} and {$or: [{_id: …}]}).
  const union = (): QueryPlan | null => {
    if (ors.length !== 1) return null;
    const keys = new Set<string>();
    for (const branch of ors[0]) {
      const merged = conditionsOf({ ...Object.fromEntries(Object.entries(criteria).filter(([k]) => k !== '$or')), $and: [branch] }).conds;
      const p = planConds(merged);
      if (!p.served) return null;
      if (!p.keys) return { served: true, index: p.index, keys: null };
      for (const k of p.keys) keys.add(k);
    }
    return { served: true, index: '$or', keys };
  };
  const byBranches = single.served && (single.keys !== null || !wantKeys) ? null : union();
  if (byBranches && (!single.served || (byBranches.keys !== null && single.keys === null))) return byBranches;
  if (single.served) return single;
  if (byBranches) return byBranches;
  // No filter the indexes can use: still served when there is no filter at all and the sort (if any)
  // follows an index's leading keys (the cloud reads the index in order and stops at the limit).
  if (conds.size === 0 && ors.length === 0 && Object.keys(criteria).length === 0) {
    const sortKeys = Object.keys(order ?? {});
    if (sortKeys.length === 0) return { served: true, index: null, keys: null };
    const ix = [ID_INDEX, ...indexes.map((i) => i.def)].find((d) => sortKeys.every((k, i) => d.fields[i] === k));
    if (ix) return { served: true, index: ix.name, keys: null };
  }
  return { served: false, index: null, keys: null };
}

function planFor(indexes: LiveIndex[], conds: Map<string, FieldCond>, docKeyOf: (id: unknown) => string, total: number): QueryPlan {
  const id = conds.get('_id');
  if (id?.eq) return { served: true, index: ID_INDEX.name, keys: new Set(id.eq.map(docKeyOf)) };
  let best: { ix: LiveIndex; depth: number } | null = null;
  for (const ix of indexes) {
    const depth = usableKeys(ix.def, conds);
    if (depth > 0 && (!best || depth > best.depth)) best = { ix, depth };
  }
  // total < 0: only whether a query is served is wanted (its answer is known already), not the keys.
  if (best) return { served: true, index: best.ix.def.name, keys: total < 0 ? null : lookup(best.ix, conds, best.depth, total) };
  // A range on _id alone is served by the _id index (answered here by filtering every document).
  if (id) return { served: true, index: ID_INDEX.name, keys: null };
  return { served: false, index: null, keys: null };
}
