/**
 * 代为录入汇报 (seed 001, issue 22 item 4) through main(event): the branch secretary types in the report of
 * the intern 郑小雨 (s5), heard over the phone; the member then reads it on her own screen with who entered it
 * and how; anyone else, any other member and a report the member began are refused with nothing written.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { bind, startSession } from './work.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
  await bind(h, d, 's5', 'o-s5');
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

const member = (key: string) => ({ kind: 'MEMBER', id: d.person[key] });
const report = { fulfilment: '承诺每周线上参加支部学习，已坚持八周', work: '在实习学校带一个班的数学', plans: '实习结束后回支部作一次汇报' };
const reportsIn = (sessionId: string) => [...(h.local.store.get('reports')?.docs.values() ?? [])].filter((r) => (r as { sessionId: string }).sessionId === sessionId) as Array<Record<string, unknown>>;

describe('report.enter', () => {
  it('when the secretary enters the intern\'s report after a phone call, then it is submitted with the member as author and the secretary as 录入人', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5', 's4'] });
    // Act
    const saved = await h.ok(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'PHONE', ...report });
    // Assert
    expect(saved).toMatchObject({ status: 'SUBMITTED', version: 1 });
    const [stored] = reportsIn(s.sessionId);
    expect(stored).toMatchObject({ authorId: d.person.s5, status: 'SUBMITTED', way: 'PHONE', enteredBy: { id: d.person.s1, name: '吴敏' }, fulfilment: report.fulfilment });
  });

  it('when the member opens the session afterwards, then her report reads as entered by 吴敏 over the phone', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5'] });
    await h.ok(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'PHONE', ...report });
    // Act
    const got = await h.ok('o-s5', 'session.get', { sessionId: s.sessionId });
    // Assert
    expect(got.me.reports).toHaveLength(1);
    expect(got.me.reports[0]).toMatchObject({ status: 'SUBMITTED', way: 'PHONE', enteredBy: { name: '吴敏' }, plans: report.plans });
  });

  it('when the secretary opens the session, then the intern is marked 外出实习 with 代为录入汇报 offered until her report is in', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5', 's4'] });
    // Act
    const before = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
    await h.ok(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'TALK', ...report });
    const after = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
    // Assert: 孙丽 (s4) has no mark and no entry; 郑小雨 has one.
    expect(before.entries).toEqual([expect.objectContaining({ mark: '外出实习', reported: false, enteredBy: null, way: null, canEnter: true, target: expect.objectContaining({ name: '郑小雨' }) })]);
    expect(after.entries).toEqual([expect.objectContaining({ mark: '外出实习', reported: true, enteredBy: '吴敏', way: '谈话', canEnter: false })]);
  });

  it('when the secretary reads 汇报情况, then the entered report says who entered it and how', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5'] });
    await h.ok(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'HOME_VISIT', ...report });
    // Act
    const status = await h.ok(d.users.branchSecretary, 'report.status', { sessionId: s.sessionId });
    // Assert
    expect(status.reported).toEqual([expect.objectContaining({ status: 'SUBMITTED', report: expect.objectContaining({ entered: '吴敏上门走访后代为录入', fulfilment: report.fulfilment }) })]);
  });

  it('when the secretary enters for a member with no mark, then it is refused and nothing is written', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5', 's4'] });
    // Act
    const reply = await h.call(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s4'), way: 'HOME_VISIT', ...report });
    // Assert
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('REPORT.ENTRY_NOT_ALLOWED');
      expect(reply.error.message).toContain('年老体弱或外出');
    }
    expect(reportsIn(s.sessionId)).toEqual([]);
  });

  it('when another member of the branch tries to enter it, then it is refused and nothing is written', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5'] });
    // Act
    const reply = await h.call(d.users.member, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'PHONE', ...report });
    // Assert
    expect(reply.ok ? 'ok' : reply.error.code).toBe('AUTH.FORBIDDEN');
    expect(reportsIn(s.sessionId)).toEqual([]);
  });

  it('when the member has begun her own draft, then the secretary\'s entry is refused and her draft stays as she wrote it', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5'] });
    await h.ok('o-s5', 'report.save', { sessionId: s.sessionId, target: member('s5'), fulfilment: '我自己写的开头', work: '', plans: '', submit: false });
    // Act
    const reply = await h.call(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'PHONE', ...report });
    // Assert
    expect(reply.ok ? 'ok' : reply.error.code).toBe('REPORT.ENTRY_STARTED');
    expect(reportsIn(s.sessionId)).toEqual([expect.objectContaining({ fulfilment: '我自己写的开头', status: 'DRAFT' })]);
    expect(reportsIn(s.sessionId)[0].enteredBy).toBeUndefined();
  });

  it('when the way is not one the seeds name, then the input is refused at the boundary', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s5'] });
    // Act
    const reply = await h.call(d.users.branchSecretary, 'report.enter', { sessionId: s.sessionId, target: member('s5'), way: 'EMAIL', ...report });
    // Assert
    expect(reply.ok ? 'ok' : reply.error.code).toBe('INPUT.INVALID');
    expect(reportsIn(s.sessionId)).toEqual([]);
  });
});
