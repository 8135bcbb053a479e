/** The declared indexes: which queries they serve, and that an answer through one equals a full scan's. */
import fc from 'fast-check';
import { find } from 'mingo';
import { indexAdd, indexRemove, newIndex, planQuery, type LiveIndex } from './indexes';
import { originOf } from './unindexed';
import type { Doc } from './wire';

const defs = [
  { name: 'a_b', fields: ['a', 'b'] },
  { name: 'tags_n', fields: ['tags', 'n'] },
  { name: 'nested', fields: ['x.y'] },
];

/** Indexes over documents keyed by their _id. */
function indexed(docs: Doc[]): LiveIndex[] {
  const live = defs.map(newIndex);
  for (const d of docs) for (const ix of live) indexAdd(ix, String(d._id), d);
  return live;
}

/** The answer through the plan (candidates, then the exact filter), in insertion order. */
function throughIndex(live: LiveIndex[], docs: Doc[], criteria: Record<string, unknown>): unknown[] {
  const plan = planQuery(live, criteria, undefined, String, docs.length);
  const pool = plan.keys ? docs.filter((d) => plan.keys?.has(String(d._id))) : docs;
  return find(pool, criteria).all().map((d) => d._id);
}

const scalar = fc.oneof(fc.constantFrom('p', 'q', 'r'), fc.integer({ min: 0, max: 4 }), fc.constant(null));
const doc = fc.record(
  {
    a: scalar,
    b: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    tags: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }),
    n: fc.integer({ min: 0, max: 9 }),
    x: fc.oneof(fc.record({ y: scalar }), fc.array(fc.record({ y: scalar }), { maxLength: 2 }), fc.constant(null)),
  },
  { requiredKeys: [] },
);
const cond = fc.oneof(
  scalar,
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((v) => ({ $in: v })),
  fc.integer({ min: 0, max: 9 }).map((v) => ({ $gte: v })),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([lo, hi]) => ({ $gt: lo, $lte: hi })),
  fc.constant({ $ne: 'p' }),
);
const query = fc.oneof(
  fc.record({ a: cond, b: cond }, { requiredKeys: [] }),
  fc.record({ tags: fc.constantFrom('t1', 't2'), n: cond }, { requiredKeys: ['tags'] }),
  fc.record({ 'x.y': cond }),
  fc.tuple(cond, cond).map(([l, r]) => ({ $or: [{ a: l }, { 'x.y': r }] })),
  // Served beside the $or as well: the narrower of the two plans is taken.
  fc.tuple(scalar, cond, cond).map(([a, l, r]) => ({ $and: [{ a }, { $or: [{ 'x.y': l }, { tags: 't1', n: r }] }] })),
);

describe('declared indexes', () => {
  it('when any documents are written, changed and removed and any query is asked, then the answer through the index equals a full scan', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 25 }), fc.array(fc.tuple(fc.nat(24), doc), { maxLength: 8 }), query, (bodies, edits, q) => {
        // Arrange: insert, then replace some (the index must forget the old values), then remove every fifth.
        let docs: Doc[] = bodies.map((b, i) => ({ _id: `d${i}`, ...b }));
        const live = indexed(docs);
        for (const [i, body] of edits) {
          const old = docs[i];
          if (!old) continue;
          const next = { _id: old._id, ...body };
          for (const ix of live) {
            indexRemove(ix, String(old._id), old);
            indexAdd(ix, String(old._id), next);
          }
          docs[i] = next;
        }
        for (const d of docs.filter((_, i) => i % 5 === 4)) for (const ix of live) indexRemove(ix, String(d._id), d);
        docs = docs.filter((_, i) => i % 5 !== 4);

        // Act
        const viaIndex = throughIndex(live, docs, q);

        // Assert
        expect(viaIndex).toEqual(find(docs, q).all().map((d) => d._id));
      }),
      { numRuns: 300 },
    );
  });

  it('when a query constrains an index\'s leading keys by equality, then a range, or only sorts by them, then it is served; otherwise not', () => {
    // Arrange
    const live = indexed([{ _id: '1', a: 'p', b: 2, tags: ['t1'], n: 1 }]);
    const served = (q: Record<string, unknown>, order?: Record<string, unknown>) => planQuery(live, q, order, String).served;

    // Assert
    expect(served({ a: 'p' })).toBe(true);
    expect(served({ a: 'p', b: { $gt: 1 } })).toBe(true);
    expect(served({ a: { $in: ['p', 'q'] }, z: 1 })).toBe(true);
    expect(served({ tags: 't1', n: { $lt: 3 } })).toBe(true);
    expect(served({ _id: { $in: ['1', '2'] } })).toBe(true);
    expect(served({}, { a: 1 })).toBe(true);
    expect(served({ $or: [{ a: 'p' }, { 'x.y': 'q' }] })).toBe(true);
    expect(served({ b: 2 })).toBe(false);
    expect(served({ a: { $ne: 'p' } })).toBe(false);
    expect(served({ a: /p/ })).toBe(false);
    expect(served({}, { b: 1 })).toBe(false);
    expect(served({ $or: [{ a: 'p' }, { b: 2 }] })).toBe(false);
  });

  it('when the conditions beside an $or keep most of the collection and its branches are narrow, then the branches\' union is looked at', () => {
    // Arrange: every document has a: 'p'; the $or names two ids.
    const docs = Array.from({ length: 40 }, (_, i) => ({ _id: `d${i}`, a: 'p', n: i }));
    const live = indexed(docs);

    // Act
    const plan = planQuery(live, { $and: [{ a: 'p' }, { $or: [{ _id: { $in: ['d3'] } }, { _id: { $in: ['d7'] } }] }] }, undefined, String, docs.length);

    // Assert
    expect([plan.served, plan.index, [...(plan.keys ?? [])].sort()]).toEqual([true, '$or', ['d3', 'd7']]);
  });

  it('when a stack passes through a cloud function\'s source, then the query is put on that function and its innermost lines', () => {
    // Arrange
    const stack = [
      'Error: database request',
      '    at installDbSeam (/repo/local/src/install.ts:75:18)',
      '    at LocalDbRequester.send (/repo/node_modules/@cloudbase/database/dist/index.js:1:1)',
      '    at findMany (/repo/cloudfunctions/api/src/repositories/read.ts:43:9)',
      '    at async listX (/repo/cloudfunctions/api/src/repositories/store.ts:36:18)',
      '    at async Object.<anonymous> (/repo/cloudfunctions/api/test/x.test.ts:10:5)',
    ].join('\n');

    // Act
    const origin = originOf(stack);

    // Assert
    expect(origin.fn).toBe('api');
    expect(origin.site).toMatch(/cloudfunctions\/api\/src\/repositories\/read\.ts:43 ← .*store\.ts:36 ← .*x\.test\.ts:10$/);
  });
});
