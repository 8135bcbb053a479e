/**
 * 提醒未汇报的同志 on the local clock: a nudge (session.nudge) makes the next firing remind exactly the
 * targets who have not reported (an org target through its secretary) as on a report-deadline day —
 * the same REPORT_DUE template and link, sent with a credit, kept in-app without one or on 43101 — and
 * never those who reported. The ledger keeps it to one per person and day: a second nudge or firing
 * that day sends nothing more; the next day a nudge may send again.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { REMIND_EVERY_MINUTES } from '../../../miniprogram/core/domain/reminders';
import { grantSubscription, readOutbox } from '../../../local/src/services';
import { requestCounter } from '../../../local/src/testing';
import type { Db } from '../../api/src/frame/db';
import { runningCampaigns } from '../../api/src/repositories/reminders';
import { dueReminders } from '../src/due';
import { type Data, type District } from '../../api/test/harness';
import { remindHarness } from './remind.support';
import { buildSeed000 } from '../../api/test/progress.support';
import { bind } from '../../api/test/work.support';

const { h, docs, snapshot, fireAt } = remindHarness();
const REPORT_DUE = REMINDER_TEMPLATE_IDS.REPORT_DUE;
/** The day's REPORT_DUE ledger rows as [openid, status, page], by openid. */
const reportRows = (day: string) =>
  docs('reminders')
    .filter((r) => r.kind === 'REPORT_DUE' && r.day === day)
    .map((r) => [r.openid, r.status, r.page])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

let d: District;
/** 吴敏's session over 李娜, 钱军 and 郑小雨; 周建国's over 实验小学党支部 (answered by its secretary 吴敏). */
let members: string;
let branch: string;
const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });
const link = (sessionId: string) => `pages/report/edit/edit?sessionId=${sessionId}`;
const report = (openid: string, sessionId: string, target: { kind: string; id: string }) =>
  h.ok(openid, 'report.save', { sessionId, target, fulfilment: '承诺事项已兑现', work: '完成教学任务', plans: '继续努力', submit: true });

describe('a nudge on the local clock', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    d = await buildSeed000(h);
    await bind(h, d, 's4', 'o-s4');
    await bind(h, d, 's5', 'o-s5');
    const base = { campaignId: d.campaignId, mode: 'INDIVIDUAL', date: '2026-12-22', place: '党员活动室', reportDeadline: '2026-12-20', opinionDeadline: null, opinionsAnonymous: false };
    members = (await h.ok(d.users.branchSecretary, 'session.start', { ...base, orgId: d.org.xx1, targets: { by: 'PICKED', picks: [member('s3'), member('s4'), member('s5')] } })).sessionId;
    branch = (await h.ok(d.users.committeeSecretary, 'session.start', { ...base, orgId: d.org.gw, targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: d.org.xx1 }] } })).sessionId;
    // 李娜 reports. 钱军 accepted two report reminders; 郑小雨 recorded one the platform no longer holds (43101).
    await report(d.users.member, members, member('s3'));
    grantSubscription('o-s4', [REPORT_DUE]);
    grantSubscription('o-s4', [REPORT_DUE]);
    await h.ok('o-s4', 'subscription.record', { accepted: ['REPORT_DUE'], rejected: [] });
    await h.ok('o-s4', 'subscription.record', { accepted: ['REPORT_DUE'], rejected: [] });
    await h.ok('o-s5', 'subscription.record', { accepted: ['REPORT_DUE'], rejected: [] });
  });

  it('when both sessions are nudged at 10:00, then the 10:10 firing reminds exactly those who have not reported: sent with a credit, in-app without one or on 43101', async () => {
    // Arrange
    h.clock.set('2026-12-01T10:00+08:00');
    const nudges = [await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId: members }), await h.ok(d.users.committeeSecretary, 'session.nudge', { sessionId: branch })];

    // Act
    const run = await fireAt('2026-12-01T10:10+08:00');

    // Assert
    expect(nudges.map((n: Data) => [n.status, n.notReported, n.sendsAt])).toEqual([
      ['SCHEDULED', 2, Date.parse('2026-12-01T10:10+08:00')],
      ['SCHEDULED', 1, Date.parse('2026-12-01T10:10+08:00')],
    ]);
    expect(run.reminders).toEqual(expect.objectContaining({ more: false }));
    expect(reportRows('2026-12-01')).toEqual([
      ['o-s1', 'IN_APP', link(branch)],
      ['o-s4', 'SENT', link(members)],
      ['o-s5', 'IN_APP', link(members)],
    ]);
    expect(readOutbox({ templateId: REPORT_DUE }).map((m) => [m.touser, m.page])).toEqual([['o-s4', link(members)]]);
    expect((docs('subscriptions').find((s) => s._id === 'o-s5')?.credits as Data).REPORT_DUE).toBe(0);
    // 郑小雨 sees it on 待办 instead; 李娜, who reported, has nothing.
    expect((await h.ok('o-s5', 'home')).reminders.map((r: Data) => [r.kind, r.page])).toEqual([['REPORT_DUE', link(members)]]);
    expect((await h.ok(d.users.member, 'home')).reminders.filter((r: Data) => r.kind === 'REPORT_DUE')).toEqual([]);
  });

  it('when the secretary nudges again that afternoon and the timer fires again, then the reply says it was done and nothing more is sent or written', async () => {
    // Arrange
    h.clock.set('2026-12-01T15:00+08:00');
    const again = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId: members });
    const before = snapshot();
    const outbox = readOutbox().length;

    // Act
    const run = await fireAt('2026-12-01T15:10+08:00');

    // Assert
    expect(again).toMatchObject({ status: 'ALREADY', notReported: 2 });
    expect(run.reminders).toEqual(expect.objectContaining({ sent: 0, inApp: 0 }));
    expect(readOutbox().length).toBe(outbox);
    expect([...snapshot()].filter(([k, v]) => before.get(k) !== v).map(([k]) => k)).toEqual([]);
  });

  it('when the next day one more has reported and the session is nudged again, then only the one still owing is reminded again', async () => {
    // Arrange
    h.clock.set('2026-12-02T08:00+08:00');
    await report('o-s5', members, member('s5'));
    const nudge = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId: members });

    // Act: before 9:00 nothing goes out; the 9:00 firing sends.
    const early = await fireAt('2026-12-02T08:50+08:00');
    await fireAt('2026-12-02T09:00+08:00');

    // Assert
    expect(nudge).toMatchObject({ status: 'SCHEDULED', notReported: 1, when: 'TODAY', sendsAt: Date.parse('2026-12-02T09:00+08:00') });
    expect(early.reminders).toBeNull();
    expect(reportRows('2026-12-02')).toEqual([['o-s4', 'SENT', link(members)]]);
    expect(readOutbox({ templateId: REPORT_DUE }).map((m) => m.touser)).toEqual(['o-s4', 'o-s4']);
  });

  it('when a session is nudged on a report-deadline reminder day, then each not reported is still reminded once', async () => {
    // Arrange: 12-17 is 3 days before the 12-20 deadline; the branch's session is nudged too.
    h.clock.set('2026-12-17T10:00+08:00');
    await h.ok(d.users.committeeSecretary, 'session.nudge', { sessionId: branch });

    // Act
    await fireAt('2026-12-17T10:10+08:00');

    // Assert: one row per person, 钱军 for 吴敏's session and 吴敏 for the branch's.
    expect(reportRows('2026-12-17').map((r) => [r[0], r[2]])).toEqual([
      ['o-s1', link(branch)],
      ['o-s4', link(members)],
    ]);
  });

  it('when the due reminders of a nudged day are read, then the nudges and their sessions cost one request each, however many sessions were nudged', async () => {
    // Arrange
    const db = (require('wx-server-sdk') as { database(): Db }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
    const campaigns = await runningCampaigns(db, '2026-12-01', '2026-10-01');
    const collections = async (day: string) => {
      requestCounter.reset();
      await dueReminders(db, campaigns, day, null);
      return requestCounter.snapshot().byCollection;
    };

    // Act: 12-01 had both sessions nudged, 12-02 one, 12-03 none.
    const two = await collections('2026-12-01');
    const one = await collections('2026-12-02');
    const none = await collections('2026-12-03');

    // Assert
    expect([two.nudges, one.nudges, none.nudges]).toEqual([1, 1, 1]);
    // Two reads of sessions by deadline (report, opinion), plus one of the nudged sessions when there are any.
    expect([two.sessions, one.sessions, none.sessions]).toEqual([3, 3, 2]);
  });

  it('when the timer’s schedule is read, then it fires every REMIND_EVERY_MINUTES, the interval the nudge’s reply promises', () => {
    // Arrange
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'config.json'), 'utf8')) as { triggers: Array<{ config: string }> };

    // Act
    const minute = config.triggers[0].config.split(' ')[1];

    // Assert
    expect(minute).toBe(`*/${REMIND_EVERY_MINUTES}`);
  });
});
