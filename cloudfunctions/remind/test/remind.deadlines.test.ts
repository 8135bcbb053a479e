/**
 * The `remind` function's deadline reminders on the local clock (issue 13): a session of 吴敏 over
 * 李娜 and 钱军 with report and opinion deadlines on 12-08. Targets who have not reported, and people
 * asked for opinions who have not given one on every target, are reminded 3 and 1 days before, once
 * each; those who finished are not; a second firing sends nothing; and nothing the reminder writes
 * lets someone holding only the database tell who gave anonymously (docs/anonymity.md).
 */
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { grantSubscription, readOutbox, resetTimers, runDueTimers } from '../../../local/src/services';
import type { Db } from '../../api/src/frame/db';
import { runningCampaigns } from '../../api/src/repositories/reminders';
import { keyedReminderId, unsealValue } from '../../api/src/shared/anonymity';
import { dueReminders } from '../src/due';
import { type Data, type District } from '../../api/test/harness';
import { deadlineSession, remindHarness, type Row } from './remind.support';
import { buildSeed000 } from '../../api/test/progress.support';
import { bind } from '../../api/test/work.support';

const { h, docs, snapshot, fireAt, triggers } = remindHarness();
const ledger = (kind: string, day: string) => docs('reminders').filter((r) => r.kind === kind && r.day === day);

const key = () => process.env.ANONYMITY_KEY as string;
const keyed = (openid: string, day: string) => keyedReminderId(key(), openid, 'OPINION_DUE', day);

let d: District;
let sessionId: string;
const member = (k: string) => ({ kind: 'MEMBER', id: d.person[k] });
const opinion = (openid: string, target: string, anonymous: boolean, n: number) =>
  h.ok(openid, 'opinion.submit', { sessionId, target: member(target), giverKind: 'MEMBER', channel: 'ONLINE', content: `意见${n}：建议加强学习`, anonymous, ...(anonymous ? { withdrawKey: `device-key-${n}-0123456789abcdef` } : {}) });

describe('deadline reminders on the local clock', () => {
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  beforeAll(async () => {
    // 实验小学党支部: 吴敏 (o-s1) reviews 李娜 (o-s3) and 钱军 (o-s4); 孙丽 (o-s2) and 郑小雨 (o-s5) are asked too.
    d = await buildSeed000(h);
    await bind(h, d, 's2', 'o-s2');
    await bind(h, d, 's4', 'o-s4');
    await bind(h, d, 's5', 'o-s5');
    sessionId = await deadlineSession(h, d);
    // 李娜 reports; 钱军 does not.
    await h.ok('o-s3', 'report.save', { sessionId, target: member('s3'), fulfilment: '承诺事项已全部兑现', work: '完成教学任务', plans: '继续结对帮扶', submit: true });
    // Opinions: 李娜 named on 钱军 (done); 孙丽 anonymously on both (done); 郑小雨 anonymously on 李娜 only; 钱军 none.
    await opinion('o-s3', 's4', false, 1);
    await opinion('o-s2', 's3', true, 2);
    await opinion('o-s2', 's4', true, 3);
    await opinion('o-s5', 's3', true, 4);
    // 郑小雨 accepted one opinion reminder; nobody else subscribed to it.
    grantSubscription('o-s5', [REMINDER_TEMPLATE_IDS.OPINION_DUE]);
    await h.ok('o-s5', 'subscription.record', { accepted: ['OPINION_DUE'], rejected: [] });
  });

  // One clock jump of 9 days (issue 25): the timer fires every 10 minutes on the way, each firing at its own instant,
  // so each day's reminders go out on their day. The walk runs 1,296 firings: more time than jest's default allows.
  it('when the clock jumps 9 days over the report deadline, then every firing on the way runs and only the target who has not reported is reminded, 3 and 1 days before, once each', async () => {
    // Arrange: time stands still inside each firing, so the V2 chain's links land exactly 1 ms after each mark.
    h.clock.freeze();
    h.clock.set('2026-12-01T10:00+08:00');
    resetTimers();

    // Act
    h.clock.set('2026-12-10T10:00+08:00');
    const fired = await runDueTimers({ triggers });
    h.clock.reset();
    h.clock.set('2026-12-10T10:00+08:00');

    // Assert
    expect(fired.length).toBe(9 * 144);
    expect(fired.filter((f) => !('result' in f.outcome))).toEqual([]);
    expect(h.clock.now()).toBeGreaterThanOrEqual(Date.parse('2026-12-10T10:00+08:00'));
    const rows = docs('reminders').filter((r) => r.kind === 'REPORT_DUE');
    expect(rows.map((r) => [r.day, r.openid, r.status, r.page])).toEqual([
      ['2026-12-05', 'o-s4', 'IN_APP', `pages/report/edit/edit?sessionId=${sessionId}`],
      ['2026-12-07', 'o-s4', 'IN_APP', `pages/report/edit/edit?sessionId=${sessionId}`],
    ]);
    // Each was written by its day's 09:00 firing, which read the clock at that instant (not at the jump's end).
    expect(rows.map((r) => Math.floor(((r.at as number) - Date.parse(`${r.day as string}T09:00+08:00`)) / 60_000))).toEqual([0, 0]);
  }, 180_000);

  it('when the opinion deadline is 3 and 1 days away, then exactly those asked who have not given on every target are reminded, once a day, named and anonymous givers who finished are not', async () => {
    // Assert: 钱军 (nothing given) and 郑小雨 (one of two, anonymously); not 李娜 (named) nor 孙丽 (anonymous, both).
    for (const day of ['2026-12-05', '2026-12-07']) {
      expect(ledger('OPINION_DUE', day).map((r) => r._id).sort()).toEqual([keyed('o-s4', day), keyed('o-s5', day)].sort());
    }
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-06', '2026-12-08', '2026-12-09', '2026-12-10']) expect(ledger('OPINION_DUE', day)).toEqual([]);
    const finished = ['o-s2', 'o-s3'].flatMap((o) => ['2026-12-05', '2026-12-07'].map((day) => keyed(o, day)));
    expect(docs('reminders').filter((r) => finished.includes(r._id))).toEqual([]);
    // 郑小雨's one credit went to the first reminder, with a link to the session's 提意见 page; the second found none.
    const sent = readOutbox({ templateId: REMINDER_TEMPLATE_IDS.OPINION_DUE });
    expect(sent.map((m) => [m.touser, m.page])).toEqual([['o-s5', `pages/opinion/give/give?sessionId=${sessionId}`]]);
    // Both rows read SEALED; only the key tells the first was sent and the second kept in-app.
    const outcome = (id: string) => {
      const row = docs('reminders').find((r) => r._id === id) as Row;
      return [row.status, (unsealValue(key(), row.sealed as string) as { outcome: string }).outcome];
    };
    expect(outcome(keyed('o-s5', '2026-12-05'))).toEqual(['SEALED', 'SENT']);
    expect(outcome(keyed('o-s5', '2026-12-07'))).toEqual(['SEALED', 'IN_APP']);
  });

  it('when the timer fires again on a reminder day, then nothing more is sent or written', async () => {
    // Arrange
    const before = snapshot();
    const outbox = readOutbox().length;

    // Act
    const run = await fireAt('2026-12-07T18:00+08:00');

    // Assert
    expect(run.reminders).toEqual(expect.objectContaining({ sent: 0, inApp: 0 }));
    expect(readOutbox().length).toBe(outbox);
    const changed = [...snapshot()].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    expect(changed).toEqual([]);
  });

  it('when the member who gave on only one target is asked on home, then her in-app opinion reminder is shown to her and to nobody else', async () => {
    // Act
    const s5 = await h.ok('o-s5', 'home', {});
    const s2 = await h.ok('o-s2', 'home', {});

    // Assert
    expect(s5.reminders.map((r: Data) => r.kind)).toEqual(['OPINION_DUE']);
    expect(s2.reminders).toEqual([]);
  });

  it('when the reminders of a day are written, then nothing new or changed in the database names an anonymous giver or says what was reminded', async () => {
    // Arrange: the day's firing again from scratch, on the next reminder day of a copy of the same deadlines.
    const anonymousGivers = ['o-s2', 'o-s5', d.person.s2, d.person.s5];
    await h.ok('o-s5', 'subscription.record', { accepted: ['OPINION_DUE'], rejected: [] });
    grantSubscription('o-s5', [REMINDER_TEMPLATE_IDS.OPINION_DUE]);
    for (const r of ledger('OPINION_DUE', '2026-12-07')) h.local.store.get('reminders')?.docs.delete(r._id);
    const before = snapshot();

    // Act
    await fireAt('2026-12-07T19:00+08:00');

    // Assert: the day's two rows are back, and no document written by the run holds an anonymous giver's openid or person id.
    const written = [...snapshot()].filter(([k, v]) => before.get(k) !== v);
    expect(written.map(([k]) => k).sort()).toEqual([`reminders/${keyed('o-s4', '2026-12-07')}`, `reminders/${keyed('o-s5', '2026-12-07')}`].sort());
    for (const [, json] of written) {
      for (const id of anonymousGivers) expect(json).not.toContain(id);
      const row = JSON.parse(json) as Row;
      expect(row).toEqual(expect.objectContaining({ personId: null, openid: null, page: '', text: '', sealed: expect.any(String) }));
      expect(json).not.toContain(sessionId);
      expect(json).not.toContain('提意见');
    }
    // The send did not count the credit down: that write would name who was reminded.
    expect(readOutbox({ templateId: REMINDER_TEMPLATE_IDS.OPINION_DUE }).map((m) => m.touser)).toEqual(['o-s5', 'o-s5']);
  });

  it('when a member had no credit, then the opinion and report reminders are on their home screen until they give and report', async () => {
    // Arrange
    h.clock.set('2026-12-07T20:00+08:00');
    const before = await h.ok('o-s4', 'home', {});

    // Act: 钱军 gives his opinion on 李娜 and reports.
    await opinion('o-s4', 's3', true, 5);
    const afterOpinion = await h.ok('o-s4', 'home', {});
    await h.ok('o-s4', 'report.save', { sessionId, target: member('s4'), fulfilment: '承诺事项已兑现', work: '完成教学任务', plans: '提升课堂质量', submit: true });
    const afterReport = await h.ok('o-s4', 'home', {});

    // Assert
    expect(before.reminders.map((r: Data) => [r.kind, r.page]).sort()).toEqual([
      ['OPINION_DUE', `pages/opinion/give/give?sessionId=${sessionId}`],
      ['REPORT_DUE', `pages/report/edit/edit?sessionId=${sessionId}`],
    ]);
    expect(before.reminders.find((r: Data) => r.kind === 'OPINION_DUE').text).toContain('2026-12-08截止');
    expect(afterOpinion.reminders.map((r: Data) => r.kind)).toEqual(['REPORT_DUE']);
    expect(afterReport.reminders).toEqual([]);
  });


  it('when remind is not given the anonymity key, then nobody is due an opinion reminder and the log says why', async () => {
    // Arrange
    const db = (require('wx-server-sdk') as { database(): Db }).database(); // eslint-disable-line @typescript-eslint/no-require-imports
    const campaigns = await runningCampaigns(db, '2026-12-05', '2026-10-01');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    // Act
    const withKey = await dueReminders(db, campaigns, '2026-12-05', key());
    const withoutKey = await dueReminders(db, campaigns, '2026-12-05', null);

    // Assert
    const warned = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    expect(withKey.filter((r) => r.facts.kind === 'OPINION_DUE').length).toBeGreaterThan(0);
    expect(withoutKey.filter((r) => r.facts.kind === 'OPINION_DUE')).toEqual([]);
    expect(withoutKey.filter((r) => r.facts.kind !== 'OPINION_DUE').length).toBe(withKey.filter((r) => r.facts.kind !== 'OPINION_DUE').length);
    expect(warned).toEqual([expect.stringContaining('ANONYMITY_KEY')]);
  });
});
