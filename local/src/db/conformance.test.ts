/**
 * Conformance of the local database through the REAL wx-server-sdk: every call below goes through
 * the SDK's own query building and reply parsing, then the emulator.
 */
import { useLocalCloud } from '../testing';
import { testDeclaration } from './__fixtures__/declaration';
import { sdkDatabase } from './__fixtures__/sdk';

const local = useLocalCloud({ declaration: testDeclaration });
// serverDate() is compared to the millisecond below.
local.clock.freeze();
local.clock.set('2026-11-21T12:00+08:00');
const db = sdkDatabase();
const _ = db.command;

type Row = Record<string, unknown>;
const ids = (rows: unknown[]): unknown[] => (rows as Row[]).map((r) => r._id).sort();

async function seedPeople(): Promise<void> {
  local.reset();
  local.createCollections(['people', 'teams']);
  await db.collection('people').add({
    data: [
      { _id: 'p1', name: 'Ann', age: 30, tags: ['a', 'b'], team: 't1', addr: { city: 'SH', zip: 200000 }, scores: [{ k: 'x', v: 5 }] },
      { _id: 'p2', name: 'Bob', age: 25, tags: ['b'], team: 't1', addr: { city: 'BJ', zip: 100000 }, scores: [{ k: 'y', v: 1 }] },
      { _id: 'p3', name: 'Cat', age: 35, tags: [], team: 't2', addr: { city: 'SH', zip: 200001 }, nick: null },
      { _id: 'p4', name: 'Dan', age: 40, tags: ['a', 'c', 'd'], team: 't2', addr: { city: 'GZ', zip: 510000 } },
    ],
  });
  await db.collection('teams').add({ data: [{ _id: 't1', title: 'One' }, { _id: 't2', title: 'Two' }] });
}

describe('query operators', () => {
  beforeAll(seedPeople);

  const cases: [string, () => Row, string[]][] = [
    ['eq', () => ({ age: _.eq(30) }), ['p1']],
    ['neq', () => ({ age: _.neq(30) }), ['p2', 'p3', 'p4']],
    ['lt', () => ({ age: _.lt(30) }), ['p2']],
    ['lte', () => ({ age: _.lte(30) }), ['p1', 'p2']],
    ['gt', () => ({ age: _.gt(35) }), ['p4']],
    ['gte', () => ({ age: _.gte(35) }), ['p3', 'p4']],
    ['in', () => ({ name: _.in(['Ann', 'Dan']) }), ['p1', 'p4']],
    ['nin', () => ({ name: _.nin(['Ann', 'Dan']) }), ['p2', 'p3']],
    ['and (chained)', () => ({ age: _.gt(25).and(_.lt(40)) }), ['p1', 'p3']],
    ['or (field)', () => ({ age: _.lt(26).or(_.gt(39)) }), ['p2', 'p4']],
    ['or (top level)', () => _.or([{ name: 'Ann' }, { 'addr.city': 'GZ' }]) as unknown as Row, ['p1', 'p4']],
    ['and (top level)', () => _.and([{ team: 't1' }, { age: _.gt(26) }]) as unknown as Row, ['p1']],
    ['nor', () => _.nor([{ team: 't1' }, { age: 40 }]) as unknown as Row, ['p3']],
    ['not', () => ({ age: _.not(_.gt(30)) }), ['p1', 'p2']],
    ['exists true', () => ({ nick: _.exists(true) }), ['p3']],
    ['exists false', () => ({ nick: _.exists(false) }), ['p1', 'p2', 'p4']],
    ['elemMatch', () => ({ scores: _.elemMatch({ k: 'x', v: _.gt(3) }) }), ['p1']],
    ['size', () => ({ tags: _.size(0) }), ['p3']],
    ['all', () => ({ tags: _.all(['a', 'c']) }), ['p4']],
    ['mod', () => ({ age: _.mod(10, 0) }), ['p1', 'p4']],
    ['nested object literal', () => ({ addr: { city: 'SH' } }), ['p1', 'p3']],
    ['nested path string', () => ({ 'addr.zip': _.gte(200000) }), ['p1', 'p3', 'p4']],
    ['array contains', () => ({ tags: 'b' }), ['p1', 'p2']],
    ['array of objects path', () => ({ 'scores.k': 'y' }), ['p2']],
    ['regexp', () => ({ name: /^a/i }), ['p1']],
    ['db.RegExp', () => ({ name: db.RegExp({ regexp: 'N$', options: 'i' }) }), ['p1', 'p4']],
    ['null matches missing', () => ({ nick: null }), ['p1', 'p2', 'p3', 'p4']],
  ];

  test.each(cases)('when filtering with %s, then exactly the matching documents come back', async (_name, where, expected) => {
    const res = await db.collection('people').where(where()).get();
    expect(ids(res.data)).toEqual(expected);
  });

  test('when counting with a filter, then the total is the number of matches', async () => {
    const res = await db.collection('people').where({ team: 't2' }).count();
    expect(res.total).toBe(2);
  });
});

describe('ordering, paging and projection', () => {
  beforeAll(seedPeople);

  test('when ordering on two fields, then the second breaks ties of the first', async () => {
    const res = await db.collection('people').orderBy('team', 'desc').orderBy('age', 'asc').get();
    expect((res.data as Row[]).map((r) => r._id)).toEqual(['p3', 'p4', 'p2', 'p1']);
  });

  test('when skipping and limiting, then that window of the order comes back', async () => {
    const res = await db.collection('people').orderBy('age', 'asc').skip(1).limit(2).get();
    expect((res.data as Row[]).map((r) => r._id)).toEqual(['p1', 'p3']);
  });

  test('when projecting fields, then only they and _id come back', async () => {
    const res = await db.collection('people').where({ _id: 'p1' }).field({ name: true, 'addr.city': true }).get();
    expect(res.data).toEqual([{ _id: 'p1', name: 'Ann', addr: { city: 'SH' } }]);
  });

  test('when excluding a field on doc().get, then the rest comes back without it', async () => {
    const res = await db.collection('people').doc('p2').field({ scores: false, tags: false, addr: false }).get();
    expect(res.data).toEqual({ _id: 'p2', name: 'Bob', age: 25, team: 't1' });
  });

  test('when ordering on a field that is projected away, then the order still holds', async () => {
    const res = await db.collection('people').orderBy('age', 'desc').field({ name: true }).get();
    expect((res.data as Row[]).map((r) => r.name)).toEqual(['Dan', 'Cat', 'Ann', 'Bob']);
  });

  test('when no limit is given, then 100 documents come back; with limit 5000, at most 1000', async () => {
    local.createCollections(['many']);
    const rows = Array.from({ length: 1100 }, (_v, i) => ({ i }));
    for (let i = 0; i < rows.length; i += 500) await db.collection('many').add({ data: rows.slice(i, i + 500) });
    const plain = await db.collection('many').get();
    const big = await db.collection('many').limit(5000).get();
    expect([plain.data.length, big.data.length]).toEqual([100, 1000]);
  });
});

describe('writes', () => {
  beforeEach(async () => {
    local.reset();
    local.createCollections(['docs']);
  });

  test('when adding without _id, then a 32-hex id is generated and the document is readable', async () => {
    const { _id } = (await db.collection('docs').add({ data: { a: 1 } })) as { _id: string };
    const got = await db.collection('docs').doc(_id).get();
    expect([/^[0-9a-f]{32}$/.test(_id), got.data]).toEqual([true, { _id, a: 1 }]);
  });

  test('when adding a batch, then every id comes back in order', async () => {
    const res = (await db.collection('docs').add({ data: [{ _id: 'x', n: 1 }, { n: 2 }] } as never)) as unknown as { _ids: string[] };
    expect(res._ids[0]).toBe('x');
    expect(res._ids).toHaveLength(2);
  });

  test('when adding an _id that exists, then it fails with -502001 E11000', async () => {
    await db.collection('docs').add({ data: { _id: 'x' } });
    await expect(db.collection('docs').add({ data: { _id: 'x' } })).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('E11000 duplicate key'),
    });
  });

  test('when updating a nested object, then its fields merge; _.set replaces it', async () => {
    await db.collection('docs').add({ data: { _id: 'd', o: { a: 1, b: 2 }, p: { a: 1, b: 2 } } });
    await db.collection('docs').doc('d').update({ data: { o: { b: 3, c: 4 }, p: _.set({ z: 9 }) } });
    const got = await db.collection('docs').doc('d').get();
    expect(got.data).toEqual({ _id: 'd', o: { a: 1, b: 3, c: 4 }, p: { z: 9 } });
  });

  test('when setting a document, then it is replaced; on a missing id it is created', async () => {
    await db.collection('docs').add({ data: { _id: 'd', a: 1, b: 2 } });
    const replaced = await db.collection('docs').doc('d').set({ data: { c: 3 } });
    const created = await db.collection('docs').doc('new').set({ data: { n: 1 } });
    const all = await db.collection('docs').orderBy('_id', 'asc').get();
    expect([replaced.stats, created.stats]).toEqual([{ updated: 1, created: 0 }, { updated: 0, created: 1 }]);
    expect(all.data).toEqual([{ _id: 'd', c: 3 }, { _id: 'new', n: 1 }]);
  });

  test('when updating with every update operator, then each applies as MongoDB does', async () => {
    await db.collection('docs').add({
      data: { _id: 'd', n: 1, m: 3, gone: 1, list: [1, 2, 3], pulls: [1, 2, 1, 3], set: ['a'], lo: 5, hi: 5, old: 'v', pops: [1, 2, 3], shifts: [1, 2, 3], front: [2] },
    });
    await db.collection('docs').doc('d').update({
      data: {
        n: _.inc(2), m: _.mul(4), gone: _.remove(), list: _.push([4, 5]), pulls: _.pull(1), set: _.addToSet('a'),
        lo: _.min(2), hi: _.max(9), old: _.rename('renamed'), pops: _.pop(), shifts: _.shift(), front: _.unshift([0, 1]),
      },
    });
    await db.collection('docs').doc('d').update({ data: { list: _.pullAll([4, 5]), set: _.addToSet('b') } });
    const { data } = await db.collection('docs').doc('d').get();
    expect(data).toEqual({
      _id: 'd', n: 3, m: 12, list: [1, 2, 3], pulls: [2, 3], set: ['a', 'b'], lo: 2, hi: 9, renamed: 'v',
      pops: [1, 2], shifts: [2, 3], front: [0, 1, 2],
    });
  });

  test('when pushing with each/position/slice/sort, then the modifiers apply', async () => {
    await db.collection('docs').add({ data: { _id: 'd', a: [5, 1] } });
    await db.collection('docs').doc('d').update({ data: { a: _.push({ each: [3, 9], sort: 1, slice: 3 }) } });
    expect((await db.collection('docs').doc('d').get()).data.a).toEqual([1, 3, 5]);
  });

  test('when where().update runs, then every match merges and the count comes back', async () => {
    await db.collection('docs').add({ data: [{ k: 1, o: { a: 1 } }, { k: 1, o: { b: 1 } }, { k: 2 }] });
    const res = await db.collection('docs').where({ k: 1 }).update({ data: { o: { z: 1 } } });
    const rows = await db.collection('docs').where({ 'o.z': 1 }).get();
    expect(res.stats.updated).toBe(2);
    expect((rows.data as Row[]).map((r) => r.o)).toEqual([{ a: 1, z: 1 }, { b: 1, z: 1 }]);
  });

  test('when an update changes nothing, then updated is 0', async () => {
    await db.collection('docs').add({ data: { _id: 'd', a: 1 } });
    const res = await db.collection('docs').doc('d').update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
  });

  test('when removing by doc and by where, then the documents are gone and counted', async () => {
    await db.collection('docs').add({ data: [{ _id: 'a', k: 1 }, { _id: 'b', k: 2 }, { _id: 'c', k: 2 }] });
    const one = await db.collection('docs').doc('a').remove();
    const many = await db.collection('docs').where({ k: 2 }).remove();
    const left = await db.collection('docs').count();
    expect([one.stats.removed, many.stats.removed, left.total]).toEqual([1, 2, 0]);
  });

  test('when doc().get finds nothing, then it rejects as the SDK does', async () => {
    await expect(db.collection('docs').doc('none').get()).rejects.toMatchObject({
      errMsg: expect.stringContaining('does not exist'),
    });
  });

  test('when db.serverDate() is stored, then it is the server clock plus the offset', async () => {
    await db.collection('docs').add({ data: { _id: 'd', at: db.serverDate(), later: db.serverDate({ offset: 60000 }) } });
    const { data } = await db.collection('docs').doc('d').get();
    expect([data.at, data.later]).toEqual([new Date('2026-11-21T04:00:00Z'), new Date('2026-11-21T04:01:00Z')]);
  });

  test('when dates are written and queried, then they round-trip and compare as dates', async () => {
    await db.collection('docs').add({ data: [{ _id: 'old', at: new Date('2026-01-01T00:00:00Z') }, { _id: 'new', at: new Date('2026-12-01T00:00:00Z') }] });
    const res = await db.collection('docs').where({ at: _.lt(db.serverDate()) }).get();
    expect(res.data).toEqual([{ _id: 'old', at: new Date('2026-01-01T00:00:00Z') }]);
  });
});

describe('aggregate', () => {
  beforeAll(seedPeople);

  test('when grouping after match, then accumulators compute per group', async () => {
    const $ = _.aggregate;
    const res = await db.collection('people').aggregate()
      .match({ age: _.gte(25) })
      .group({ _id: '$team', n: $.sum(1), avg: $.avg('$age'), names: $.push('$name'), oldest: $.max('$age') })
      .sort({ _id: 1 })
      .end();
    expect(res.list).toEqual([
      { _id: 't1', n: 2, avg: 27.5, names: ['Ann', 'Bob'], oldest: 30 },
      { _id: 't2', n: 2, avg: 37.5, names: ['Cat', 'Dan'], oldest: 40 },
    ]);
  });

  test('when unwinding, projecting, adding fields, skipping and limiting, then the pipeline applies in order', async () => {
    const res = await db.collection('people').aggregate()
      .unwind('$tags')
      .project({ _id: 0, name: 1, tag: '$tags' })
      .addFields({ label: _.aggregate.concat(['$name', '-', '$tag']) })
      .sort({ label: 1 })
      .skip(1)
      .limit(2)
      .end();
    expect(res.list).toEqual([
      { name: 'Ann', tag: 'b', label: 'Ann-b' },
      { name: 'Bob', tag: 'b', label: 'Bob-b' },
    ]);
  });

  test('when an aggregation names no $limit, then 20 results come back, and a $limit asks for more', async () => {
    // Arrange
    local.createCollections(['few']);
    await db.collection('few').add({ data: Array.from({ length: 45 }, (_x, i) => ({ _id: `m${String(i).padStart(2, '0')}`, g: i })) });

    // Act
    const plain = await db.collection('few').aggregate().group({ _id: '$g', n: _.aggregate.sum(1) }).sort({ _id: 1 }).end();
    const limited = await db.collection('few').aggregate().group({ _id: '$g', n: _.aggregate.sum(1) }).sort({ _id: 1 }).limit(1000).end();

    // Assert
    expect(plain.list).toHaveLength(20);
    expect(plain.list[19]).toEqual({ _id: 19, n: 1 });
    expect(limited.list).toHaveLength(45);
  });

  test('when looking up another collection and counting, then joined rows and the count come back', async () => {
    const joined = await db.collection('people').aggregate()
      .match({ _id: 'p1' })
      .lookup({ from: 'teams', localField: 'team', foreignField: '_id', as: 'teamDoc' })
      .project({ _id: 1, teamDoc: 1 })
      .end();
    const counted = await db.collection('people').aggregate().match({ team: 't2' }).count('n').end();
    expect(joined.list).toEqual([{ _id: 'p1', teamDoc: [{ _id: 't1', title: 'One' }] }]);
    expect(counted.list).toEqual([{ n: 2 }]);
  });

  // The documentation's own example (docs.cloudbase.net, api-reference/server/node-sdk/database/aggregate/stages/bucket):
  // [0, 50) and [50, 100) and the rest; price 50 opens the second bucket. mingo 7.2.7 alone put it in the first.
  test('when bucketing the documented items by price, then 50 opens [50, 100), the rest go to the default and no empty bucket appears', async () => {
    // Arrange
    local.createCollections(['items']);
    await db.collection('items').add({ data: [{ _id: '1', price: 10 }, { _id: '2', price: 50 }, { _id: '3', price: 20 }, { _id: '4', price: 80 }, { _id: '5', price: 200 }] });
    const $ = _.aggregate;

    // Act
    const res = await db.collection('items').aggregate().bucket({ groupBy: '$price', boundaries: [0, 50, 100], default: 'other', output: { count: $.sum(1), ids: $.push('$_id') } }).end();
    const sparse = await db.collection('items').aggregate().bucket({ groupBy: '$price', boundaries: [0, 50, 60, 70, 100, 300] }).end();

    // Assert
    expect(res.list).toEqual([
      { _id: 0, count: 2, ids: ['1', '3'] },
      { _id: 50, count: 2, ids: ['2', '4'] },
      { _id: 'other', count: 1, ids: ['5'] },
    ]);
    expect(sparse.list).toEqual([
      { _id: 0, count: 2 },
      { _id: 50, count: 1 },
      { _id: 70, count: 1 },
      { _id: 100, count: 1 },
    ]);
  });

  test('when a value falls outside the boundaries and no default is given, then the aggregation fails', async () => {
    // Act
    const run = db.collection('items').aggregate().bucket({ groupBy: '$price', boundaries: [0, 50, 100] }).end();

    // Assert
    await expect(run).rejects.toMatchObject({ errCode: expect.any(Number) });
  });
});

describe('collections and errors', () => {
  beforeEach(() => local.reset());

  test('when a collection was never created, then reads and writes fail with -502005', async () => {
    await expect(db.collection('ghost').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('ghost').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });

  test('when createCollection runs, then the collection is usable; a second time it fails', async () => {
    await db.createCollection('fresh');
    await db.collection('fresh').add({ data: { a: 1 } });
    // wx-server-sdk's createCollection does not map the server code: errCode is -1, the text says why.
    await expect(db.createCollection('fresh')).rejects.toMatchObject({ errCode: -1, errMsg: expect.stringContaining('Table exist') });
    expect((await db.collection('fresh').count()).total).toBe(1);
  });

  test('when a collection is declared, then it exists from the start', async () => {
    const res = await db.collection('examples').count();
    expect(res.total).toBe(0);
  });

  test('when an update operator is misapplied, then it fails with -502001', async () => {
    local.createCollections(['docs']);
    await db.collection('docs').add({ data: { _id: 'd', s: 'text' } });
    await expect(db.collection('docs').doc('d').update({ data: { s: _.inc(1) } })).rejects.toMatchObject({ errCode: -502001 });
    await expect(db.collection('docs').doc('d').update({ data: { s: _.push(['x']) } })).rejects.toMatchObject({ errCode: -502001 });
  });

  test('when a where() query on a transaction is attempted, then it fails with -501007', async () => {
    local.createCollections(['docs']);
    const tx = await db.startTransaction();
    await expect(tx.collection('docs').where({ a: 1 }).get()).rejects.toMatchObject({ errCode: -501007 });
    await tx.rollback();
  });
});

describe('unique indexes', () => {
  beforeEach(() => local.reset());

  test('when a second document repeats a unique key, then it fails with -502001 E11000 naming the index', async () => {
    await db.collection('examples').add({ data: { code: 'A' } });
    await expect(db.collection('examples').add({ data: { code: 'A' } })).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('E11000 duplicate key error collection: examples index: code_unique'),
    });
  });

  test('when two documents both lack the unique field, then the second collides on null', async () => {
    await db.collection('examples').add({ data: { other: 1 } });
    await expect(db.collection('examples').add({ data: { other: 2 } })).rejects.toMatchObject({ errCode: -502001 });
  });

  test('when an update moves a document onto a taken key, then it fails and nothing changes', async () => {
    await db.collection('examples').add({ data: [{ _id: 'a', code: 'A' }, { _id: 'b', code: 'B' }] });
    await expect(db.collection('examples').doc('b').update({ data: { code: 'A' } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('examples').doc('b').get()).data.code).toBe('B');
  });

  test('when a key is freed by an update, then another document may take it', async () => {
    await db.collection('examples').add({ data: { _id: 'a', code: 'A' } });
    await db.collection('examples').doc('a').update({ data: { code: 'Z' } });
    await db.collection('examples').add({ data: { _id: 'b', code: 'A' } });
    expect((await db.collection('examples').count()).total).toBe(2);
  });

  test('when a compound unique key with a nested field repeats, then it fails; a different pair is fine', async () => {
    await db.collection('pairs').add({ data: [{ a: 1, b: { c: 1 } }, { a: 1, b: { c: 2 } }] });
    await expect(db.collection('pairs').add({ data: { a: 1, b: { c: 2 } } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('index: a_b_unique dup key: { a: 1, b.c: 2 }'),
    });
  });

  test('when a batch add repeats a key within itself, then the whole batch is refused', async () => {
    await expect(db.collection('examples').add({ data: [{ code: 'Q' }, { code: 'Q' }] } as never)).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('examples').count()).total).toBe(0);
  });
});

describe('request counter', () => {
  beforeEach(() => local.reset());

  test('when requests are made, then they are counted by action and collection, and reset clears them', async () => {
    local.createCollections(['docs']);
    local.counter.reset();
    await db.collection('docs').add({ data: { _id: 'a' } });
    await db.collection('docs').doc('a').get();
    await db.collection('docs').doc('a').get();
    await db.collection('docs').where({}).count();
    const snap = local.counter.snapshot();
    expect(snap).toEqual({
      total: 4,
      byAction: { insertDocument: 1, getDocument: 2, calculateDocument: 1 },
      byCollection: { docs: 4 },
      byKey: { 'insertDocument docs': 1, 'getDocument docs': 2, 'calculateDocument docs': 1 },
    });
    local.counter.reset();
    expect(local.counter.snapshot().total).toBe(0);
  });
});
