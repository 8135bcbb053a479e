/** Transactions through the real SDK: isolation, retries, commit and rollback. */
import { useLocalCloud } from '../testing';
import { testDeclaration } from './__fixtures__/declaration';
import { LooseDb, sdkDatabase } from './__fixtures__/sdk';

const local = useLocalCloud({ declaration: testDeclaration });
const db = sdkDatabase();
const _ = db.command;

beforeEach(async () => {
  local.reset();
  local.createCollections(['counters', 'logs']);
  await db.collection('counters').add({ data: { _id: 'c', n: 0 } });
});

/** Read-modify-write (no atomic operator), the pattern that loses updates without isolation. */
function increment(): Promise<unknown> {
  return db.runTransaction(async (tx: LooseDb) => {
    const { data } = await tx.collection('counters').doc('c').get();
    await tx.collection('counters').doc('c').update({ data: { n: (data as { n: number }).n + 1 } });
    return (data as { n: number }).n;
  });
}

async function counterValue(): Promise<number> {
  return ((await db.collection('counters').doc('c').get()).data as { n: number }).n;
}

describe('runTransaction', () => {
  test('when many transactions increment one document at once, then no update is lost and the rest fail with a conflict', async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, increment));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(await counterValue()).toBe(ok);
    expect(ok).toBeGreaterThan(0);
    expect(failures.every((f) => (f.reason as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT')).toBe(true);
    expect(local.engine.openTransactions()).toBe(0);
  });

  test('when two transactions collide, then the loser is retried and both increments land', async () => {
    await Promise.all([increment(), increment()]);
    expect(await counterValue()).toBe(2);
    expect(local.counter.snapshot().byAction.startTransaction).toBe(3);
  });

  test('when a plain update lands between a transaction read and its commit, then the transaction retries on fresh data', async () => {
    let first = true;
    await db.runTransaction(async (tx: LooseDb) => {
      const { data } = await tx.collection('counters').doc('c').get();
      if (first) {
        first = false;
        await db.collection('counters').doc('c').update({ data: { n: _.inc(10) } });
      }
      await tx.collection('counters').doc('c').update({ data: { n: (data as { n: number }).n + 1 } });
    });
    expect(await counterValue()).toBe(11);
  });

  test('when many plain _.inc updates run at once, then all of them apply', async () => {
    await Promise.all(Array.from({ length: 50 }, () => db.collection('counters').doc('c').update({ data: { n: _.inc(1) } })));
    expect(await counterValue()).toBe(50);
  });

  test('when the callback throws, then nothing it wrote is visible', async () => {
    const run = db.runTransaction(async (tx: LooseDb) => {
      await tx.collection('logs').add({ data: { _id: 'l1' } });
      await tx.collection('counters').doc('c').update({ data: { n: 99 } });
      throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect([await counterValue(), (await db.collection('logs').count()).total]).toEqual([0, 0]);
  });

  test('when the callback returns a value, then runTransaction resolves to it', async () => {
    await expect(increment()).resolves.toBe(0);
  });
});

describe('startTransaction', () => {
  test('when committed, then all writes appear together; before commit, outsiders see none of them', async () => {
    const tx = await db.startTransaction();
    await tx.collection('counters').doc('c').update({ data: { n: 5 } });
    await tx.collection('logs').add({ data: { _id: 'l1', note: 'five' } });
    await tx.collection('counters').doc('d').set({ data: { n: 1 } });
    const inside = (await tx.collection('counters').doc('c').get()).data as { n: number };
    const outsideBefore = await counterValue();
    await tx.commit();
    expect([inside.n, outsideBefore]).toEqual([5, 0]);
    expect([await counterValue(), (await db.collection('logs').count()).total, (await db.collection('counters').count()).total]).toEqual([5, 1, 2]);
  });

  test('when rolled back, then nothing is written', async () => {
    const tx = await db.startTransaction();
    await tx.collection('counters').doc('c').update({ data: { n: 7 } });
    await tx.collection('counters').doc('c').remove();
    await tx.rollback();
    expect(await counterValue()).toBe(0);
  });

  test('when a document it read changed before commit, then commit fails with a conflict and writes nothing', async () => {
    const tx = await db.startTransaction();
    await tx.collection('counters').doc('c').get();
    await tx.collection('logs').add({ data: { _id: 'l1' } });
    await db.collection('counters').doc('c').update({ data: { n: 1 } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await db.collection('logs').count()).total).toBe(0);
  });

  test('when a transaction removes a document, then after commit it is gone', async () => {
    const tx = await db.startTransaction();
    const removed = await tx.collection('counters').doc('c').remove();
    await tx.commit();
    expect(removed.stats.removed).toBe(1);
    expect((await db.collection('counters').count()).total).toBe(0);
  });

  test('when a committed transaction would break a unique index, then commit fails and nothing is written', async () => {
    await db.collection('examples').add({ data: { code: 'A' } });
    const tx = await db.startTransaction();
    await tx.collection('examples').add({ data: { code: 'A' } });
    await tx.collection('counters').doc('c').update({ data: { n: 3 } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(await counterValue()).toBe(0);
  });
});
