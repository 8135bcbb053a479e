/**
 * Properties of the local cloud's fast paths: pages answered from a kept ordered match (skip paging and
 * `_id`-bound paging) equal the general path (mingo filter → sort → skip → limit → projection over every
 * document in insertion order), with writes between pages; and the direct EJSON writer/reader equal bson's.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { find } from 'mingo';
import { openStore, type Store } from './store';
import { createEngine, type Engine } from './engine';
import { bson, decode, ejsonStringify, encode, fastEncode, normalize, type Doc } from './wire';

const ids = Array.from({ length: 24 }, (_, i) => `id${String(i * 7919 % 97).padStart(2, '0')}`);
const id = fc.constantFrom(...ids);
const scalar = fc.oneof(fc.constantFrom('p', 'q', 'r'), fc.integer({ min: 0, max: 4 }), fc.constant(null));
const body = fc.record({ a: scalar, n: fc.integer({ min: 0, max: 9 }), tags: fc.array(fc.constantFrom('t1', 't2'), { maxLength: 2 }) }, { requiredKeys: ['n'] });
const criteria = fc.oneof(
  fc.constant({}),
  scalar.map((a) => ({ a })),
  fc.integer({ min: 0, max: 9 }).map((n) => ({ n: { $gte: n } })),
  fc.tuple(scalar, fc.integer({ min: 0, max: 9 })).map(([a, n]) => ({ a, n: { $lt: n } })),
  fc.constant({ tags: 't1' }),
  fc.constant({ a: { $ne: 'p' } }),
);
const order = fc.constantFrom<Record<string, 1 | -1>>({ _id: 1 }, { _id: -1 }, { n: 1, _id: 1 }, { a: -1 }, { n: -1 }, {});
const bound = fc.option(fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), id), { nil: undefined });
const read = fc.record({
  kind: fc.constant('read' as const),
  where: criteria,
  order,
  bound,
  offset: fc.integer({ min: 0, max: 6 }),
  limit: fc.integer({ min: 1, max: 7 }),
  projection: fc.option(fc.constantFrom<Record<string, number>>({ a: 1 }, { n: 0 }), { nil: undefined }),
  // Page on: by offset (findAll) or by the last _id (scanAll), up to this many more pages.
  paging: fc.constantFrom('offset', 'keyset'),
  pages: fc.integer({ min: 0, max: 4 }),
  // A write between the pages.
  between: fc.option(fc.tuple(id, body), { nil: undefined }),
});
const op = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id, body }),
  fc.record({ kind: fc.constant('remove' as const), id }),
  read,
  read,
);

function withEngine<T>(fn: (engine: Engine, store: Store) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-pages-'));
  const store = openStore(dir, { sync: false });
  try {
    store.createCollection('c');
    store.setIndexes('c', [{ name: 'a_n', fields: ['a', 'n'] }, { name: 'tags', fields: ['tags'] }]);
    return fn(createEngine({ store, now: () => 0 }), store);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('pages from a kept ordered match', () => {
  it('when documents are written, changed and removed between any paged reads, then every page equals the general path\'s', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) =>
        withEngine((engine) => {
          // The model: insertion order as the store keeps it (a replaced document keeps its place).
          const model = new Map<string, Doc>();
          const put = (key: string, b: object) => {
            const doc = { _id: key, ...b };
            engine.handle('database.modifyDocument', { collectionName: 'c', query: encode({ _id: key }), data: encode(b), multi: false, merge: false, upsert: true });
            model.set(key, doc);
          };
          const ask = (where: Record<string, unknown>, o: Record<string, 1 | -1>, offset: number, limit: number, projection?: Record<string, number>) => {
            // Act
            const got = engine.handle('database.getDocument', { collectionName: 'c', query: encode(where), order: encode(o), offset, limit, projection: projection ? encode(projection) : undefined }) as { data: { list: string[] } };
            let cursor = find([...model.values()], where, projection ?? {});
            if (Object.keys(o).length) cursor = cursor.sort(o);
            const want = (cursor.skip(offset).limit(limit).all() as Doc[]).map(ejsonStringify);
            // Assert
            expect({ where, o, offset, limit, list: got.data.list }).toEqual({ where, o, offset, limit, list: want });
            return want.map((t) => bson().EJSON.parse(t) as Doc);
          };
          for (const step of ops) {
            if (step.kind === 'put') put(step.id, step.body);
            else if (step.kind === 'remove') {
              engine.handle('database.removeDocument', { collectionName: 'c', query: encode({ _id: step.id }), multi: false });
              model.delete(step.id);
            } else {
              let where: Record<string, unknown> = step.bound ? { ...step.where, _id: { [step.bound[0]]: step.bound[1] } } : step.where;
              let offset = step.offset;
              for (let p = 0; p <= step.pages; p++) {
                const got = ask(where, step.order, offset, step.limit, step.projection);
                if (got.length < step.limit) break;
                if (p === 0 && step.between) put(step.between[0], step.between[1]);
                if (step.paging === 'offset' || step.projection) offset += step.limit;
                else {
                  const dir = step.order._id === -1 ? '$lt' : '$gt';
                  where = { ...step.where, _id: { [dir]: got[got.length - 1]._id } };
                  offset = 0;
                }
              }
            }
          }
        }),
      ),
      { numRuns: 400 },
    );
  });

  it('when a test deletes a stored document behind the engine\'s back between pages, then the next page does not hand it out', () =>
    withEngine((engine, store) => {
      // Arrange
      for (const key of ['a', 'b', 'c', 'd']) engine.handle('database.insertDocument', { collectionName: 'c', data: [encode({ _id: key, n: 1 })] });
      const pageAt = (offset: number) =>
        (engine.handle('database.getDocument', { collectionName: 'c', query: encode({ n: 1 }), order: encode({ _id: 1 }), offset, limit: 2 }) as { data: { list: string[] } }).data.list.map((t) => (JSON.parse(t) as Doc)._id);
      expect(pageAt(0)).toEqual(['a', 'b']);

      // Act
      store.get('c')?.docs.delete('c');

      // Assert
      expect(pageAt(2)).toEqual(['d']);
    }));
});

const key = fc.string({ maxLength: 5 }).filter((k) => k !== '__proto__');
const leaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, NaN, Infinity, -Infinity, 2 ** 53 + 2, 1e21, 1e-7),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ min: new Date(-1e14), max: new Date(3e14) }),
  fc.constantFrom(new Date(0), new Date(-1), new Date(253402318799999), new Date(253402318800000), new Date(NaN)),
);
/** An invalid Date never equals another under toEqual (NaN); both sides name it instead. */
function comparable(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v;
  if (Array.isArray(v)) return v.map(comparable);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  return v;
}

const scalarOp = fc.tuple(fc.constantFrom('$gt', '$in', '$set', '$inc', '$eq'), leaf).map(([op, v]) => ({ [op]: op === '$in' ? [v] : v }));
const anyValue = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;

describe('the direct EJSON writer and reader', () => {
  it('when any document of JSON values, dates, undefined and non-finite numbers is serialised, then the text is bson\'s EJSON.stringify', () => {
    fc.assert(
      fc.property(fc.dictionary(key, anyValue, { maxKeys: 5 }), (doc) => {
        // Act
        const text = encode(doc);

        // Assert
        expect(text).toBe(ejsonStringify(doc));
      }),
      { numRuns: 1000 },
    );
  });

  it('when a value is not plain (a regex, a bson value, a class instance), then the direct writer leaves it to bson', () => {
    // Act / Assert
    expect(fastEncode({ r: /a/i })).toBeNull();
    expect(fastEncode({ l: bson().Long.fromNumber(1) })).toBeNull();
    expect(fastEncode({ m: new Map() })).toBeNull();
    expect(encode({ r: /a/i })).toBe(ejsonStringify({ r: /a/i }));
  });

  it('when any request text (dates, regexes, server dates, operators, other EJSON types) is read, then it equals EJSON.parse and the server-date/regex normalisation', () => {
    const special = fc.oneof(
      fc.integer({ min: -100, max: 100 }).map((offset) => ({ $tcb_server_date: { offset } })),
      fc.constant({ $tcb_server_date: {} }),
      scalarOp,
      fc.constantFrom(/a.b/i, /x/, bson().Long.fromNumber(2 ** 40), new (bson().Int32)(3), new (bson().ObjectId)('0123456789abcdef01234567')),
      fc.constantFrom({ $date: 'not a date' }, { $date: '2026-01-02T03:04:05Z', x: 1 }, { $undefined: true }, { $numberLong: null }, { $numberLong: '99999999999999999' }, { $numberLong: '007' }, { $numberInt: '12x' }, { $numberDouble: '-0.0' }, { $date: { $numberLong: '-5' } }, { $numberInt: '1', x: 1 }),
    );
    const request = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, special, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(key, request, { maxKeys: 5 }), fc.boolean(), (doc, relaxed) => {
        // Arrange: the SDK sends canonical EJSON (every number wrapped); replies and tests use relaxed.
        const text = bson().EJSON.stringify(doc, { relaxed });

        // Act / Assert
        expect(comparable(decode(text, 1000))).toEqual(comparable(normalize(bson().EJSON.parse(text, { relaxed: true }), 1000)));
      }),
      { numRuns: 1000 },
    );
  });
});
