/**
 * The wire format: @cloudbase/database sends MongoDB Extended JSON (canonical) strings and parses
 * the EJSON strings we reply with. We decode with the SDK's own bson and turn the cloud-specific
 * and bson-specific bits into what mingo understands (RegExp, Date).
 */
import type * as BSON from 'bson';
import { requireFromSdk } from './seam';
import { invalidParam } from './errors';

/** A stored document: plain JSON values plus Date (and rarely other bson values). */
export type Doc = Record<string, unknown>;

let bsonModule: typeof BSON | null = null;

/** Thrown (and caught) when a value needs bson's own code rather than the direct path. */
const NOT_FAST = Symbol('not fast');

/** The bson instance @cloudbase/database uses. */
export function bson(): typeof BSON {
  if (!bsonModule) bsonModule = requireFromSdk<typeof BSON>('bson');
  return bsonModule;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Replaces `{$tcb_server_date: {offset}}` with a Date and bson regexes with RegExp, deeply. */
export function normalize(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, now));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const tag = (value as { _bsontype?: string })._bsontype;
  if (tag === 'BSONRegExp') {
    const re = value as unknown as { pattern: string; options: string };
    return new RegExp(re.pattern, re.options.replace(/[^gimsuy]/g, ''));
  }
  if (tag) return value;
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date as { offset?: unknown } | null;
    const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = normalize(value[k], now);
  return out;
}

/** Parses one EJSON string from a request ('' or undefined → undefined). */
export function decode(text: unknown, now: number): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return normalize(text, now);
  // JSON.parse plus a walk that reads the number and date wrappers and server dates gives exactly what
  // EJSON.parse + normalize would (bson's reviver was the largest cost of a batch add); any other EJSON type
  // wrapper, or a key EJSON refuses (`\u0000`), goes to bson.
  if (!text.includes('\\u0000')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = NOT_FAST; // bson gives its own error
    }
    if (parsed !== NOT_FAST) {
      try {
        return text.includes('"$') ? revive(parsed, now) : parsed;
      } catch (e) {
        if (e !== NOT_FAST) throw e;
      }
    }
  }
  try {
    return normalize(bson().EJSON.parse(text, { relaxed: true }), now);
  } catch (e) {
    throw invalidParam(`cannot parse request EJSON: ${(e as Error).message}`);
  }
}

/** The `$` keys EJSON.parse turns into a value (other `$` keys, the query and update operators, stay as they are). */
const EJSON_KEYS = new Set(['$oid', '$binary', '$uuid', '$symbol', '$numberInt', '$numberDecimal', '$numberDouble', '$numberLong', '$minKey', '$maxKey', '$regex', '$regularExpression', '$timestamp', '$date', '$code', '$scope', '$ref', '$id', '$db', '$dbPointer', '$undefined']);

/** `$numberLong` text as a number when it is a safe integer (bson's Long gives the same number); else NOT_FAST. */
function longNumber(v: unknown): number {
  if (typeof v !== 'string' || !/^-?\d{1,16}$/.test(v)) throw NOT_FAST;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw NOT_FAST;
  return n;
}

/** Plain parsed JSON → what EJSON.parse (relaxed) + normalize give, in place; throws NOT_FAST for an EJSON type it does not read itself. */
function revive(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], now);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    // The SDK sends canonical EJSON: every number and date wrapped. bson's relaxed reading of each, exactly.
    const v = obj[keys[0]];
    switch (keys[0]) {
      case '$numberInt':
        if (typeof v === 'string') return parseInt(v, 10);
        break;
      case '$numberDouble':
        if (typeof v === 'string') return parseFloat(v);
        break;
      case '$numberLong':
        return longNumber(v);
      case '$date':
        if (typeof v === 'string') return new Date(Date.parse(v));
        if (isPlainObject(v) && Object.keys(v).length === 1) return new Date(longNumber(v.$numberLong));
        break;
      default:
    }
  }
  for (const k of keys) {
    if ((k.charCodeAt(0) === 36 && EJSON_KEYS.has(k)) || k === '__proto__') throw NOT_FAST;
    obj[k] = revive(obj[k], now);
  }
  if (keys.length === 1 && keys[0] === '$tcb_server_date') return normalize(obj, now);
  return obj;
}

/** Decodes a value that must be an object. */
export function decodeObject(text: unknown, now: number, what: string): Record<string, unknown> | undefined {
  const v = decode(text, now);
  if (v === undefined) return undefined;
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** Serialises a document for a reply (the SDK runs EJSON.parse on each list item). */
export function encode(doc: unknown): string {
  const fast = fastEncode(doc);
  return fast ?? bson().EJSON.stringify(doc as BSON.Document, { relaxed: true });
}

/** bson's EJSON.stringify for the values a stored document holds; anything else is left to bson. */
export function ejsonStringify(doc: unknown): string {
  return bson().EJSON.stringify(doc as BSON.Document, { relaxed: true });
}


/** The ISO text relaxed EJSON gives a date in 1970–9999 (milliseconds only when non-zero). */
function isoOf(d: Date): string {
  const iso = d.toISOString();
  return d.getUTCMilliseconds() !== 0 ? iso : `${iso.slice(0, -5)}Z`;
}

function fastValue(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (!Number.isFinite(v)) throw NOT_FAST;
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      throw NOT_FAST;
  }
  if (v === null) return 'null';
  if (depth > 64) throw NOT_FAST; // bson names a cycle; leave that to it
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + fastValue(v[i], depth + 1);
    return `${out}]`;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) throw NOT_FAST;
    return t > -1 && t < 253402318800000 ? `{"$date":"${isoOf(v)}"}` : `{"$date":{"$numberLong":"${t}"}}`;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw NOT_FAST;
  let out = '{';
  let first = true;
  for (const k of Object.keys(v)) {
    if (k === '_bsontype' || k === '__proto__' || k === 'toJSON') throw NOT_FAST;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${fastValue((v as Record<string, unknown>)[k], depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Relaxed EJSON of plain JSON values and Dates, written directly (bson builds a copy of the document first,
 * which made serialising replies most of the local cloud's time); null for anything else, which bson then
 * serialises. A property test checks it gives bson's text.
 */
export function fastEncode(doc: unknown): string | null {
  try {
    return fastValue(doc, 0);
  } catch (e) {
    if (e === NOT_FAST) return null;
    throw e;
  }
}

/** Parses our own journal/snapshot text. */
export function parseStored(text: string): unknown {
  return bson().EJSON.parse(text, { relaxed: true });
}

/** Deep copy that keeps Dates and bson values; stored documents are never shared with callers. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => clone(v)) as unknown as T;
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as unknown as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = clone(value[k]);
  return out as T;
}

export { isPlainObject };
