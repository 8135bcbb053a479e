/**
 * 提醒未汇报的同志 (`session.nudge`) through main(event): the session's reviewer, organiser or an admin
 * records one nudge per session and day, told how many have not reported and when the remind timer
 * sends; a second nudge that day writes nothing; nobody else may nudge; a closed session cannot be.
 * The sending itself is cloudfunctions/remind/test/remind.nudge.test.ts.
 */
import { apiHarness, buildDistrict, type Data, type District } from './harness';
import { bind } from './work.support';

const h = apiHarness();

interface Row {
  _id: string;
  [k: string]: unknown;
}
const docs = (collection: string) => [...((h.local.store.get(collection)?.docs.values() ?? []) as Iterable<Row>)];
const member = (d: District, k: string) => ({ kind: 'MEMBER', id: d.person[k] });

let d: District;

/** A session of 吴敏 over 李娜, 钱军 and 郑小雨, reports due by `reportDeadline`. */
async function session(reportDeadline: string | null, date = '2026-12-10'): Promise<string> {
  const started = await h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    targets: { by: 'PICKED', picks: [member(d, 's3'), member(d, 's4'), member(d, 's5')] },
    date,
    place: '实验小学党员活动室',
    reportDeadline,
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  return started.sessionId;
}

const report = (openid: string, sessionId: string, key: string) =>
  h.ok(openid, 'report.save', { sessionId, target: member(d, key), fulfilment: '承诺事项已兑现', work: '完成教学任务', plans: '继续努力', submit: true });

beforeAll(async () => {
  d = await buildDistrict(h);
  await bind(h, d, 's4', 'o-s4');
  await bind(h, d, 's5', 'o-s5');
});

afterEach(() => h.clock.set('2026-11-21T10:00+08:00'));

describe('session.nudge', () => {
  it('when the reviewer nudges at 10:05 with two of three not reported, then one nudge is recorded for today and the reply says 2 within the next firing', async () => {
    // Arrange
    h.clock.set('2026-11-21T10:05+08:00');
    const sessionId = await session('2026-12-08');
    await report(d.users.member, sessionId, 's3');

    // Act
    const reply = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId });

    // Assert
    expect(reply).toEqual({ status: 'SCHEDULED', notReported: 2, day: '2026-11-21', sendsAt: Date.parse('2026-11-21T10:10+08:00'), when: 'SOON' });
    const nudge = docs('nudges').find((n) => n._id === `${sessionId}|2026-11-21`);
    expect(nudge).toMatchObject({ sessionId, campaignId: d.campaignId, tenantId: d.tenantId, day: '2026-11-21', by: d.person.s1 });
    // It names the session, never the people it will remind.
    for (const id of [d.person.s4, d.person.s5, 'o-s4', 'o-s5']) expect(JSON.stringify(nudge)).not.toContain(id);
  });

  it('when the same session is nudged again the same day, then the reply says it was already done and nothing more is recorded', async () => {
    // Arrange
    h.clock.set('2026-11-21T10:05+08:00');
    const sessionId = await session('2026-12-08');
    await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId });
    h.clock.set('2026-11-21T15:00+08:00');
    const before = docs('nudges').length;

    // Act
    const again = await h.ok(d.users.admin, 'session.nudge', { sessionId });

    // Assert
    expect(again).toMatchObject({ status: 'ALREADY', notReported: 3, day: '2026-11-21', when: 'SOON' });
    expect(docs('nudges').length).toBe(before);
  });

  it('when the next day comes, then the session may be nudged again', async () => {
    // Arrange
    h.clock.set('2026-11-21T10:05+08:00');
    const sessionId = await session('2026-12-08');
    await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId });
    h.clock.set('2026-11-22T11:00+08:00');

    // Act
    const next = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId });

    // Assert
    expect(next).toMatchObject({ status: 'SCHEDULED', day: '2026-11-22' });
    expect(docs('nudges').filter((n) => n.sessionId === sessionId).map((n) => n.day).sort()).toEqual(['2026-11-21', '2026-11-22']);
  });

  it('when a nudge is made before 9:00 or after the day’s last firing, then it goes out at 9:00 that day or the next morning', async () => {
    // Arrange
    const early = await session('2026-12-08');
    const late = await session('2026-12-08');

    // Act
    h.clock.set('2026-11-23T07:30+08:00');
    const morning = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId: early });
    h.clock.set('2026-11-23T23:55+08:00');
    const night = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId: late });

    // Assert
    expect(morning).toMatchObject({ status: 'SCHEDULED', day: '2026-11-23', sendsAt: Date.parse('2026-11-23T09:00+08:00'), when: 'TODAY' });
    expect(night).toMatchObject({ status: 'SCHEDULED', day: '2026-11-24', sendsAt: Date.parse('2026-11-24T09:00+08:00'), when: 'TOMORROW' });
    expect(docs('nudges').some((n) => n._id === `${late}|2026-11-24`)).toBe(true);
  });

  it('when everyone has reported, then the reply says so and nothing is recorded', async () => {
    // Arrange
    const sessionId = await session('2026-12-08');
    await report(d.users.member, sessionId, 's3');
    await report('o-s4', sessionId, 's4');
    await report('o-s5', sessionId, 's5');

    // Act
    const reply = await h.ok(d.users.branchSecretary, 'session.nudge', { sessionId });

    // Assert
    expect(reply).toEqual({ status: 'NONE', notReported: 0, day: null, sendsAt: null, when: null });
    expect(docs('nudges').filter((n) => n.sessionId === sessionId)).toEqual([]);
  });

  it('when the report deadline (or, without one, the session’s date) has passed, then the nudge is refused with REPORT.CLOSED and nothing is recorded', async () => {
    // Arrange
    const withDeadline = await session('2026-11-25');
    const withoutDeadline = await session(null, '2026-11-26');
    h.clock.set('2026-11-26T10:00+08:00');

    // Act
    const closed = await h.call(d.users.branchSecretary, 'session.nudge', { sessionId: withDeadline });
    const open = await h.call(d.users.branchSecretary, 'session.nudge', { sessionId: withoutDeadline });

    // Assert
    expect(closed).toMatchObject({ ok: false, error: { code: 'REPORT.CLOSED', message: '汇报已截止，不能再提醒未汇报的同志' } });
    expect(open).toMatchObject({ ok: true, data: { status: 'SCHEDULED', day: '2026-11-26' } });
    expect(docs('nudges').filter((n) => n.sessionId === withDeadline)).toEqual([]);
  });

  it('when a target, an upper secretary or another branch’s member nudges, then each is refused and report.status tells only the officials they may', async () => {
    // Arrange
    const sessionId = await session('2026-12-08');
    const before = docs('nudges').length;

    // Act
    const target = await h.call(d.users.member, 'session.nudge', { sessionId });
    const upper = await h.call(d.users.committeeSecretary, 'session.nudge', { sessionId });
    const outsider = await h.call(d.users.otherBranchMember, 'session.nudge', { sessionId });
    const asReviewer: Data = await h.ok(d.users.branchSecretary, 'report.status', { sessionId });
    const asUpper: Data = await h.ok(d.users.committeeSecretary, 'report.status', { sessionId });
    const asAdmin: Data = await h.ok(d.users.admin, 'report.status', { sessionId });

    // Assert
    for (const reply of [target, upper, outsider]) expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(docs('nudges').length).toBe(before);
    expect([asReviewer.canNudge, asUpper.canNudge, asAdmin.canNudge]).toEqual([true, false, true]);
  });

  it('when the same nudge request is retried, then the first reply is replayed and one nudge is recorded', async () => {
    // Arrange
    h.clock.set('2026-11-24T10:00+08:00');
    const sessionId = await session('2026-12-08');

    // Act
    const first = await h.call(d.users.branchSecretary, 'session.nudge', { sessionId }, 'nudge-retry-0001');
    const retry = await h.call(d.users.branchSecretary, 'session.nudge', { sessionId }, 'nudge-retry-0001');

    // Assert
    expect(first).toMatchObject({ ok: true, data: { status: 'SCHEDULED' } });
    expect(retry).toEqual(first);
    expect(docs('nudges').filter((n) => n.sessionId === sessionId)).toHaveLength(1);
  });
});
