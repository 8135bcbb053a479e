/**
 * The `remind` function on the local clock (issue 13): the timer plans the campaign unattended, and
 * walks a cycle's last week sending reminders to exactly the people who have not finished, on the
 * right days, once each; credits are spent and refused; a second firing sends nothing.
 */
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { fireTimer, functionsMode, grantSubscription, readOutbox, resetTimers, runDueTimers, subscriptionCredits } from '../../../local/src/services';
import type { TargetKind } from '../../../miniprogram/core/contracts/review';
import { type Data, type District } from '../../api/test/harness';
import { remindHarness, type Row } from './remind.support';
import { buildSeed000, complete } from '../../api/test/progress.support';
import { publishedSession } from '../../api/test/work.support';

const { h, remind, triggers: TRIGGERS, docs } = remindHarness();
const openidOf = (personId: string) => (docs('persons').find((p) => p._id === personId)?.openid as string | null) ?? null;

/**
 * Moves the clock to `at` with the timer switched off on the way (nothing between fires): for the quiet
 * weeks before a deadline, which the walk below would otherwise fire every 10 minutes of.
 */
function skipTo(at: string) {
  h.clock.set(at);
  resetTimers();
}

/**
 * Runs every firing due up to `at`, each at its own instant (the clock moves there first). In V2 a chain link
 * aimed at a 10-minute mark fires up to a second after it (delays are whole seconds), so the walk goes a few
 * seconds further — less than the platform's shortest delay (6 s), so no further link can slip in.
 */
async function fireUntil(at: string) {
  h.clock.set(Date.parse(at) + (functionsMode() === 'v2' ? 5_000 : 0));
  const fired = await runDueTimers({ triggers: TRIGGERS });
  for (const f of fired) if (!('result' in f.outcome)) throw new Error(JSON.stringify(f.outcome));
  return fired;
}

/** Openids of reviewers (bound) with open required reviews now. */
function unfinishedReviewers(): string[] {
  const ids = new Set(docs('requirements').filter((r) => r.done === false && r.reviewerId && !r.superseded).map((r) => r.reviewerId as string));
  return [...ids].map(openidOf).filter((o): o is string => !!o).sort();
}

const reviewDue = REMINDER_TEMPLATE_IDS.REVIEW_DUE;
const ledger = (kind: string, day: string) => docs('reminders').filter((r) => r.kind === kind && r.day === day);

let d: District;

describe('remind on the local clock', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  it('when the timer fires before any plan, then the campaign is planned without a manual call', async () => {
    // Arrange
    d = await buildSeed000(h);
    await publishedSession(h, d);
    h.clock.set('2026-11-21T10:00+08:00');
    resetTimers();

    // Act
    const fired = await fireUntil('2026-11-21T10:10+08:00');

    // Assert
    expect(fired.map((f) => f.functionName)).toEqual(['remind']);
    expect(docs('counters').filter((c) => c.campaignId === d.campaignId).length).toBeGreaterThan(0);
    expect((fired[0].outcome as Data).result.replanned).toEqual([expect.objectContaining({ campaignId: d.campaignId, reasons: ['NOT_PLANNED'] })]);
  });

  it('when a cycle is 7, 3 and 1 days from due, then exactly the unfinished reviewers are reminded each of those days, once, and credits are spent or refused', async () => {
    // Arrange: 吴敏 accepts two reminder sends; 黄海 finishes every review; nobody else subscribes.
    const s1 = 'o-s1';
    grantSubscription(s1, [reviewDue]);
    grantSubscription(s1, [reviewDue]);
    await h.ok(s1, 'subscription.record', { accepted: ['REVIEW_DUE'], rejected: [] });
    await h.ok(s1, 'subscription.record', { accepted: ['REVIEW_DUE'], rejected: [] });
    const keyOf = new Map([...Object.entries(d.person), ...Object.entries(d.org)].map(([k, id]) => [id, k]));
    for (const r of docs('requirements').filter((x) => x.reviewerId === d.person.z1 && x.done === false)) {
      await complete(d, 'z1', r.targetKind as TargetKind, keyOf.get(r.targetId as string) as string);
    }
    const expected = unfinishedReviewers();
    expect(expected).toContain(s1);
    expect(expected).not.toContain('o-z1');

    // Act: 12-23 (8 days before) sends nothing; 12-24 09:00 is 7 days before the 12-31 due date.
    skipTo('2026-12-23T23:40+08:00');
    await fireUntil('2026-12-23T23:50+08:00');
    const before = readOutbox().length;
    const inAppBefore = ledger('REVIEW_DUE', '2026-12-23').length;
    await fireUntil('2026-12-24T12:00+08:00');

    // Assert
    expect(before).toBe(0);
    expect(inAppBefore).toBe(0);
    const day1 = ledger('REVIEW_DUE', '2026-12-24');
    expect(day1.map((r) => r.openid).sort()).toEqual(expected);
    const sent = readOutbox({ templateId: reviewDue });
    expect(sent.map((m) => m.touser)).toEqual([s1]);
    expect(sent[0].page).toBe('pages/home/index/index');
    expect(day1.filter((r) => r.status === 'IN_APP').map((r) => r.openid).sort()).toEqual(expected.filter((o) => o !== s1));
    expect(subscriptionCredits(s1)[reviewDue]).toBe(1);

    // Act: the same day again, and two firings at once.
    await fireUntil('2026-12-24T18:00+08:00');
    const at = Date.parse('2026-12-24T18:00+08:00');
    const both = await Promise.all([fireTimer({ name: 'remind', triggerName: 'remind', at }), fireTimer({ name: 'remind', triggerName: 'remind', at })]);
    expect(both.map((r) => 'result' in r && (r.result as Data).reminders !== null)).toEqual([true, true]);

    // Assert: nothing sent twice.
    expect(readOutbox({ templateId: reviewDue }).length).toBe(1);
    expect(ledger('REVIEW_DUE', '2026-12-24').length).toBe(expected.length);

    // Act: 12-28 (3 days) spends the last credit; 12-30 (1 day) finds none left (the platform says 43101 too).
    await fireUntil('2026-12-28T10:00+08:00');
    await fireUntil('2026-12-30T10:00+08:00');

    // Assert
    expect(readOutbox({ templateId: reviewDue }).map((m) => m.sentAt.slice(0, 10))).toEqual([expect.any(String), expect.any(String)]);
    expect(subscriptionCredits(s1)[reviewDue]).toBe(0);
    expect(ledger('REVIEW_DUE', '2026-12-30').find((r) => r.openid === s1)?.status).toBe('IN_APP');
    for (const day of ['2026-12-25', '2026-12-26', '2026-12-27', '2026-12-29']) expect(ledger('REVIEW_DUE', day)).toEqual([]);
    expect(ledger('REVIEW_DUE', '2026-12-28').map((r) => r.openid).sort()).toEqual(expected);
  });

  it('when a member holds no credit left, then the reminder is on their home screen instead', async () => {
    // Act
    const home = await h.ok('o-g1', 'home', {});

    // Assert
    expect(home.reminders).toEqual([expect.objectContaining({ kind: 'REVIEW_DUE', page: 'pages/home/index/index', text: expect.stringContaining('2026-12-31截止') })]);
  });

  it('when a rectification is due within 3 days, then its target is reminded from that day on and not before', async () => {
    // Assert: 李娜's rectification (deadline 12-31) was reminded from 12-28 on, in-app (no credit).
    expect(ledger('RECTIFICATION_DUE', '2026-12-24')).toEqual([]);
    expect(ledger('RECTIFICATION_DUE', '2026-12-28').map((r) => r.openid)).toEqual(['o-s3']);
    expect(ledger('RECTIFICATION_DUE', '2026-12-28')[0].page).toMatch(/^pages\/rectification\/detail\/detail\?id=/);
  });

  it('when the target replies to the rectification, then she is no longer reminded and the reviewer is asked to confirm', async () => {
    // Arrange
    const rect = docs('rectifications')[0];
    h.clock.set('2026-12-30T12:00+08:00');
    const planned = await h.ok('o-s3', 'rectification.act', { event: 'PLAN', rectificationId: rect._id, version: rect.version, plan: '每周学习两次' });
    await h.ok('o-s3', 'rectification.act', { event: 'REPLY', rectificationId: rect._id, version: planned.version, reply: '已按计划完成学习' });

    // Act
    await fireUntil('2026-12-31T10:00+08:00');

    // Assert
    expect(ledger('RECTIFICATION_DUE', '2026-12-30').map((r) => r.openid)).toEqual(['o-s3']);
    expect(ledger('RECTIFICATION_DUE', '2026-12-31')).toEqual([]);
    expect(ledger('REPLY_TO_CONFIRM', '2026-12-31').map((x) => ({ openid: x.openid, page: x.page }))).toEqual([{ openid: 'o-s1', page: `pages/rectification/detail/detail?id=${rect._id}` }]);
  });

  it('when a progress-report deadline is 3 days away, after the campaign ended, then each upper secretary with units not yet reported is reminded once, with those units', async () => {
    // Arrange: the year-end report is due 2027-01-28; nobody has reported since 2026-07-15.
    const counters = docs('counters').filter((c) => c.campaignId === d.campaignId);
    const childrenOf = (orgId: string) => counters.filter((c) => c.parentId === orgId).map((c) => c.name as string).sort();
    const uppers = docs('orgs').filter((o) => childrenOf(o._id).length > 0 && o.secretaryId && openidOf(o.secretaryId as string));

    // Act: the weeks after the last cycle's due date are skipped; 01-24 is 4 days before the 01-28 report deadline.
    skipTo('2027-01-24T00:00+08:00');
    await fireUntil('2027-01-24T10:00+08:00');
    await fireUntil('2027-01-25T10:00+08:00');
    await fireUntil('2027-01-25T20:00+08:00');

    // Assert
    expect(ledger('PROGRESS_REPORT_DUE', '2027-01-24')).toEqual([]);
    const rows = ledger('PROGRESS_REPORT_DUE', '2027-01-25');
    const secretaries = rows.filter((r) => r.openid !== d.users.admin);
    expect(secretaries.map((r) => r.openid).sort()).toEqual(uppers.map((o) => openidOf(o.secretaryId as string)).sort());
    expect(rows.map((r) => r.openid)).toContain('o-g1');
    for (const o of uppers) {
      const row = rows.find((r) => r.openid === openidOf(o.secretaryId as string)) as Row;
      expect(row.text).toContain(`${childrenOf(o._id).length}个单位未上报`);
    }
  });

  it('when a progress-report deadline is 3 days away, then the office (an administrator not on the roster) is reminded once, with the root\'s units not yet reported, in-app without credit', async () => {
    // Arrange: the administrator bootstrapped the tenant and is bound to no person.
    const counters = docs('counters').filter((c) => c.campaignId === d.campaignId);
    const root = counters.find((c) => c.parentId === null) as Row;
    const rootUnits = counters.filter((c) => c.parentId === root.orgId).map((c) => c.name as string);
    expect(docs('users').find((u) => u._id === d.users.admin)).toEqual(expect.objectContaining({ personId: null, admin: true }));

    // Act
    const home = await h.ok(d.users.admin, 'home', {});

    // Assert: one row for 01-25 (three firings that day), none the day before, naming the root's units.
    const mine = docs('reminders').filter((r) => r.openid === d.users.admin && r.kind === 'PROGRESS_REPORT_DUE');
    expect(mine.map((r) => r.day)).toEqual(['2027-01-25']);
    expect(mine[0]).toEqual(expect.objectContaining({ personId: null, status: 'IN_APP', page: `pages/home/index/index?progressOrgId=${root.orgId}` }));
    expect(rootUnits.length).toBeGreaterThan(0);
    expect(mine[0].text).toContain(`${rootUnits.length}个单位未上报：${[...rootUnits].sort().join('、')}`);
    expect(home.reminders).toEqual([expect.objectContaining({ kind: 'PROGRESS_REPORT_DUE', page: mine[0].page })]);
  });

  it('when the platform refuses a send with 43101, then the credit is cleared and the reminder kept in-app', async () => {
    // Arrange: the member says they accepted, but the platform holds no credit.
    await h.ok('o-g1', 'subscription.record', { accepted: ['REVIEW_DUE'], rejected: [] });
    const db = (require('wx-server-sdk') as { database(): unknown }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
    const sentBefore = readOutbox().length;

    // Act: the 12-30 run again, with the 12-30 ledger row of o-g1 given back (as after a failed send).
    h.clock.set('2026-12-30T11:00+08:00');
    await h.local.store.get('reminders')?.docs.delete(`o-g1|REVIEW_DUE|2026-12-30`);
    const run = await remind.runRemind(db, Date.parse('2026-12-30T11:00+08:00'), async (r: { touser: string }) => {
      throw Object.assign(new Error('no credit'), { errCode: r.touser === 'o-g1' ? 43101 : -1 });
    });

    // Assert
    expect(run.reminders).toEqual(expect.objectContaining({ sent: 0, retryLater: 0 }));
    expect(ledger('REVIEW_DUE', '2026-12-30').find((r) => r.openid === 'o-g1')?.status).toBe('IN_APP');
    expect(readOutbox().length).toBe(sentBefore);
    const state = await h.ok('o-g1', 'subscription.get', {});
    expect(state.kinds.find((k: Data) => k.kind === 'REVIEW_DUE').credits).toBe(0);
  });

  it('when a send fails for another reason, then the credit is kept and a later run sends it', async () => {
    // Arrange: 黄海 accepted the progress-report reminder; the report is due 2027-01-28.
    const tmpl = REMINDER_TEMPLATE_IDS.PROGRESS_REPORT_DUE;
    grantSubscription('o-z1', [tmpl]);
    await h.ok('o-z1', 'subscription.record', { accepted: ['PROGRESS_REPORT_DUE'], rejected: [] });
    const db = (require('wx-server-sdk') as { database(): unknown }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
    h.clock.set('2027-01-27T10:00+08:00');
    resetTimers();

    // Act: the platform fails (-1) on the first run; the timer runs again ten minutes later.
    const failed = await remind.runRemind(db, h.clock.now(), async () => {
      throw Object.assign(new Error('system error'), { errCode: -1 });
    });
    const afterFailure = ledger('PROGRESS_REPORT_DUE', '2027-01-27').find((r) => r.openid === 'o-z1');
    await fireUntil('2027-01-27T10:10+08:00');

    // Assert
    expect(failed.reminders.retryLater).toBe(1);
    expect(afterFailure).toBeUndefined();
    expect(readOutbox({ templateId: tmpl }).map((m) => m.touser)).toEqual(['o-z1']);
    expect(ledger('PROGRESS_REPORT_DUE', '2027-01-27').find((r) => r.openid === 'o-z1')?.status).toBe('SENT');
    expect(subscriptionCredits('o-z1')[tmpl]).toBe(0);
  });
});
