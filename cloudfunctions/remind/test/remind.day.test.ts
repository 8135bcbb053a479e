/**
 * A reminder day's cost (issue 26): the open reviews are grouped by reviewer in the database once a day and
 * kept, so a later firing of the day reads the kept groups, not the requirements; the ledger rows are claimed
 * and settled in batches, so the writes are far fewer than the rows, and still one row per person and kind.
 */
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { grantSubscription, readOutbox } from '../../../local/src/services';
import { requestCounter } from '../../../local/src/testing';
import { type District } from '../../api/test/harness';
import { buildSeed000 } from '../../api/test/progress.support';
import { publishedSession } from '../../api/test/work.support';
import { remindHarness } from './remind.support';

const { h, docs, fireAt } = remindHarness();
let d: District;
const WRITES = ['insertDocument', 'modifyDocument', 'removeDocument'];
const count = (pick: (key: string) => boolean) =>
  Object.entries(requestCounter.snapshot().byKey)
    .filter(([k]) => pick(k))
    .reduce((n, [, v]) => n + v, 0);

describe('a reminder day', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    d = await buildSeed000(h);
    await publishedSession(h, d);
    // The first firing plans the campaign; 吴敏 holds one review-reminder credit.
    await fireAt('2026-11-21T10:00+08:00');
    grantSubscription('o-s1', [REMINDER_TEMPLATE_IDS.REVIEW_DUE]);
    await h.ok('o-s1', 'subscription.record', { accepted: ['REVIEW_DUE'], rejected: [] });
  });

  it('when the first firing of a review-due day runs, then the open reviews are grouped in the database and the ledger rows are written in batches', async () => {
    // Arrange
    requestCounter.reset();

    // Act: 12-24 is 7 days before the 12-31 due date.
    await fireAt('2026-12-24T09:00+08:00');

    // Assert
    const rows = docs('reminders').filter((r) => r.kind === 'REVIEW_DUE' && r.day === '2026-12-24');
    const reviewers = new Set(docs('requirements').filter((r) => r.done === false && r.reviewerId && !r.superseded).map((r) => r.reviewerId));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((r) => r.personId).filter((p) => !reviewers.has(p as string))).toEqual([]);
    expect(count((k) => k === 'aggregateDocuments requirements')).toBe(1);
    const ledgerWrites = count((k) => k.endsWith(' reminders') && WRITES.some((w) => k.startsWith(w)));
    expect(ledgerWrites).toBeLessThan(rows.length);
    expect(readOutbox({ templateId: REMINDER_TEMPLATE_IDS.REVIEW_DUE }).map((m) => m.touser)).toEqual(['o-s1']);
    expect(rows.find((r) => r.openid === 'o-s1')?.status).toBe('SENT');
    expect(docs('remindDays').filter((x) => x.day === '2026-12-24').length).toBe(1);
  });

  it('when a later firing of the same day runs, then it reads the kept groups, groups nothing again and writes no ledger row', async () => {
    // Arrange
    const before = docs('reminders').length;
    requestCounter.reset();

    // Act
    await fireAt('2026-12-24T09:10+08:00');

    // Assert
    expect(count((k) => k === 'aggregateDocuments requirements')).toBe(0);
    expect(count((k) => k === 'getDocument remindDays')).toBe(1);
    expect(count((k) => k.endsWith(' reminders') && WRITES.some((w) => k.startsWith(w)))).toBe(0);
    expect(docs('reminders').length).toBe(before);
    expect(readOutbox({ templateId: REMINDER_TEMPLATE_IDS.REVIEW_DUE })).toHaveLength(1);
  });

  it('when the next review-due day comes, then its groups are kept and those of the earlier day are gone', async () => {
    // Act: 12-28 is 3 days before the due date.
    await fireAt('2026-12-28T09:00+08:00');

    // Assert
    expect(docs('remindDays').map((x) => x.day)).toEqual(['2026-12-28']);
    expect(docs('reminders').filter((r) => r.kind === 'REVIEW_DUE' && r.day === '2026-12-28').length).toBeGreaterThan(2);
  });
});
