/**
 * The rules of the review work through main(event): anonymity nobody can undo, scope, targets due,
 * completeness, illegal transitions, version conflicts, idempotent retries, overdue and 限期整改.
 */
import { apiHarness, freshDistrict, FIXTURE_NOW, type Data, type District } from './harness';
import { completeContent, publishedSession, setAnonymityThreshold, startSession, submittedSession } from './work.support';

const h = apiHarness();
let d: District;

beforeEach(async () => {
  d = await freshDistrict(h);
});
afterEach(() => h.clock.set(FIXTURE_NOW));

const docs = (collection: string) => [...(h.local.store.get(collection)?.docs.values() ?? [])] as Data[];
const opinionOn = (s: { sessionId: string }, key: string, extra: Record<string, unknown> = {}) => ({
  sessionId: s.sessionId,
  target: { kind: 'MEMBER', id: d.person[key] },
  giverKind: 'MEMBER',
  channel: 'ONLINE',
  content: '建议多参加集体学习',
  anonymous: false,
  ...extra,
});

describe('anonymity', () => {
  it('when a session collects opinions anonymously, then no role — reviewer, secretary above, admin, the giver — and no stored row can name the giver', async () => {
    // Arrange: 钱军 alone is reviewed, so nothing of 李娜 (the giver) belongs in any reply; a threshold of 1 shows it.
    await setAnonymityThreshold(h, d, 1);
    const s = await startSession(h, d, { anonymous: true, keys: ['s4'] });
    const key = 'a-device-secret-0123456789';

    // Act: the giver even asks to be named; the session's setting wins.
    const reply = await h.ok(d.users.member, 'opinion.submit', opinionOn(s, 's4', { withdrawKey: key }));

    // Assert: the reply, the stored opinion and the audit rows carry nothing that points back.
    expect(reply).toEqual({ anonymous: true, withdrawable: true, held: false });
    const [stored] = docs('opinions');
    expect(Object.keys(stored)).not.toEqual(expect.arrayContaining(['authorId']));
    for (const field of ['authorId', 'authorName', 'enteredById']) expect(stored).not.toHaveProperty(field);
    expect(stored.anonymous).toBe(true);
    expect((stored.submittedAt + 8 * 3600 * 1000) % (24 * 3600 * 1000)).toBe(0);
    expect(JSON.stringify(docs('audit'))).not.toContain(stored._id);
    expect(JSON.stringify(docs('audit'))).not.toContain(key);
    h.clock.advance('1d'); // anonymous opinions show as they stood at the start of the day
    for (const openid of [d.users.branchSecretary, d.users.committeeSecretary, d.users.admin]) {
      const list = await h.ok(openid, 'opinion.list', { sessionId: s.sessionId });
      const opinion = list.targets.find((t: Data) => t.target.personId === d.person.s4).opinions[0];
      expect(opinion).toMatchObject({ anonymous: true, content: '建议多参加集体学习' });
      expect(opinion.author).toBeUndefined();
      expect(JSON.stringify(list)).not.toContain(d.person.s3);
      expect(JSON.stringify(list)).not.toContain('李娜');
    }
    // The giver cannot read it back as their own either: nothing in it is theirs.
    expect((await h.ok(d.users.member, 'opinion.list', { sessionId: s.sessionId })).targets.every((t: Data) => t.count === 0)).toBe(true);
  });

  it('when the giver withdraws an anonymous opinion with the key only their device holds, then it is gone from the reviewer and a wrong key changes nothing', async () => {
    await setAnonymityThreshold(h, d, 1);
    const s = await startSession(h, d, { anonymous: true });
    await h.ok(d.users.member, 'opinion.submit', opinionOn(s, 's4', { anonymous: true, withdrawKey: 'a-device-secret-0123456789' }));

    expect(await h.call(d.users.stranger, 'opinion.withdraw', { withdrawKey: 'not-the-right-key-000000' })).toMatchObject({ ok: false, error: { code: 'OPINION.NOT_FOUND' } });
    await h.ok(d.users.member, 'opinion.withdraw', { withdrawKey: 'a-device-secret-0123456789' });
    h.clock.advance('1d');

    const list = await h.ok(d.users.branchSecretary, 'opinion.list', { sessionId: s.sessionId });
    expect(list.targets.map((t: Data) => t.count)).toEqual([0, 0]);
    expect(JSON.stringify(docs('audit'))).not.toContain(docs('opinions')[0]._id);
  });

  it('when a service recipient gives a named opinion through the invitation link, then the reviewer reads it under the name they gave', async () => {
    const s = await startSession(h, d);
    const invitation = await h.ok(d.users.branchSecretary, 'opinion.invite', { sessionId: s.sessionId, giverKind: 'SERVICE_RECIPIENT' });
    const opened = await h.ok('o-parent', 'opinion.openInvite', { invitationId: invitation.invitationId });
    expect(opened.targets.map((t: Data) => t.name)).toEqual(['李娜', '钱军']);

    await h.ok('o-parent', 'opinion.submitByInvite', { invitationId: invitation.invitationId, target: { kind: 'MEMBER', id: d.person.s4 }, content: '钱老师辅导耐心', anonymous: false, giverName: '学生家长王女士' });

    const list = await h.ok(d.users.branchSecretary, 'opinion.list', { sessionId: s.sessionId });
    expect(list.targets[1]).toMatchObject({ count: 1, byGiverKind: { SERVICE_RECIPIENT: 1 } });
    expect(list.targets[1].opinions[0].author).toEqual({ personId: null, name: '学生家长王女士' });
  });

  it('when a member gives an opinion on themself, then it is refused', async () => {
    const s = await startSession(h, d);
    expect(await h.call(d.users.member, 'opinion.submit', opinionOn(s, 's3'))).toMatchObject({ ok: false, error: { code: 'OPINION.SELF' } });
  });
});

describe('scope', () => {
  it('when outsiders open a session, report or give an opinion, then they are refused and nothing is written', async () => {
    const s = await startSession(h, d);
    const before = h.local.store.seq();
    expect(await h.call(d.users.otherTenantAdmin, 'session.get', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'AUTH.OTHER_TENANT' } });
    expect(await h.call(d.users.otherBranchMember, 'session.get', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.stranger, 'session.get', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } });
    const report = { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s4 }, fulfilment: '已兑现', work: '', plans: '', submit: true };
    expect(await h.call(d.users.otherBranchMember, 'report.save', report)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    // A member of the branch may not report for another member.
    expect(await h.call(d.users.member, 'report.save', report)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.otherBranchMember, 'opinion.submit', opinionOn(s, 's4'))).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.otherBranchMember, 'report.status', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.call(d.users.member, 'report.status', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(h.local.store.seq()).toBe(before);
  });

  it('when a secretary picks someone outside their reach or themself, then the session is refused by row', async () => {
    const start = (picks: unknown[]) =>
      h.call(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'PICKED', picks }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false });
    expect(await start([{ kind: 'MEMBER', id: d.person.s3 }, { kind: 'MEMBER', id: d.person.w3 }])).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', issues: [{ path: ['targets', 'picks', 1] }] } });
    expect(await start([{ kind: 'MEMBER', id: d.person.s1 }])).toMatchObject({ ok: false, error: { code: 'REVIEW.SELF' } });
    expect(await h.call(d.users.member, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'DUE' }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(docs('sessions')).toEqual([]);
  });

  it('when a session card is opened from the branch group, then it resolves the branch; from an unrelated group it is not found', async () => {
    const s = await startSession(h, d);
    await h.ok(d.users.admin, 'org.bindGroup', { orgId: d.org.xx1, group: { cloudID: 'c1', data: { opengid: 'G-xx1' } } });
    await h.ok(d.users.admin, 'org.bindGroup', { orgId: d.org.wsy, group: { cloudID: 'c2', data: { opengid: 'G-wsy' } } });

    const opened = await h.ok(d.users.member, 'session.get', { sessionId: s.sessionId, group: { cloudID: 'c1', data: { opengid: 'G-xx1' } } });
    expect(opened.group).toEqual({ orgId: d.org.xx1, name: '新北区实验小学党支部' });
    expect(opened.me.targets.map((t: Data) => t.personId)).toEqual([d.person.s3]);
    expect(await h.call(d.users.otherBranchMember, 'session.get', { sessionId: s.sessionId, group: { cloudID: 'c2', data: { opengid: 'G-wsy' } } })).toMatchObject({ ok: false, error: { code: 'SESSION.NOT_FOUND' } });
  });
});

describe('我收到的点评', () => {
  it('when a member has received more reviews than home shows, then review.received lists every one, newest first, and nobody else’s', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const s = await startSession(h, d, { keys: ['s3'] });
      await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true });
      ids.unshift(s.reviews.s3);
      h.clock.advance(60_000);
    }

    const received = await h.ok(d.users.member, 'review.received');
    const home = await h.ok(d.users.member, 'home');

    expect(home.latestReviews).toHaveLength(5);
    expect(received.reviews.map((r: Data) => r.id)).toEqual(ids);
    expect(received.reviews[0]).toMatchObject({ visibility: 'PUBLIC', target: { name: '李娜' }, rectificationId: null });
    expect((await h.ok(d.users.otherBranchMember, 'review.received')).reviews).toEqual([]);
  });
});

describe('the session page', () => {
  it('when the reviewer opens a session, then its reviews come with their text, version and template; a member of it gets none', async () => {
    const s = await startSession(h, d);
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, achievements: '带头落实课后服务。' });

    const asReviewer = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
    const asMember = await h.ok(d.users.member, 'session.get', { sessionId: s.sessionId });

    expect(asReviewer.reviews.map((r: Data) => r.id).sort()).toEqual(Object.values(s.reviews).sort());
    expect(asReviewer.reviews.find((r: Data) => r.id === s.reviews.s3)).toMatchObject({ status: 'DRAFT', version: 2, achievements: '带头落实课后服务。', rule: 'R1' });
    expect(asReviewer.templates.MEMBER.aspects.map((a: Data) => a.title)).toContain('公开承诺及践行');
    expect(asMember.reviews).toEqual([]);
    expect(asMember.templates).toEqual({});
  });
});

describe('targets due', () => {
  it.each([
    ['planned', true],
    ['not planned', false],
  ])('when requirements are %s, then DUE takes everyone the secretary still has to review and a second DUE session finds nobody left', async (_label, planned) => {
    if (planned) await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    const start = () =>
      h.call(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING', targets: { by: 'DUE' }, date: '2026-11-25', place: '活动室', opinionsAnonymous: true });

    const first = await start();

    expect(first.ok).toBe(true);
    const targets = (first as Data).data.targets.map((t: Data) => `${t.kind}:${t.personId ?? t.orgId}`);
    expect(targets).toEqual(expect.arrayContaining([`MEMBER:${d.person.s3}`, `MEMBER:${d.person.w4}`, `COMMITTEE_MEMBER:${d.person.s2}`]));
    expect(targets).not.toContain(`MEMBER:${d.person.s1}`);
    expect(await start()).toMatchObject({ ok: false, error: { code: 'SESSION.NO_TARGETS' } });
  });

  it('when a random session is started, then its sample re-runs from the stored seed to the same targets', async () => {
    const started = await h.ok(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'RANDOM', targets: { by: 'RANDOM', targetKind: 'MEMBER', size: 2 }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false });
    const { drawSample } = await import('../../../miniprogram/core/domain/sampling');
    const again = drawSample(started.randomSample.seed, started.randomSample.population, 2);
    expect(again).toEqual({ ok: true, value: started.targets.map((t: Data) => t.personId) });
    expect(await h.call(d.users.branchSecretary, 'session.start', { campaignId: d.campaignId, orgId: d.org.xx1, mode: 'INDIVIDUAL', targets: { by: 'RANDOM', targetKind: 'MEMBER', size: 2 }, date: '2026-11-25', place: '活动室', opinionsAnonymous: false })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});

describe('reviews', () => {
  it('when an incomplete review is submitted, then it is refused naming each missing part and the draft is untouched', async () => {
    const s = await startSession(h, d);

    const reply = await h.call(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, achievements: '成绩突出', submit: true });

    expect(reply).toMatchObject({ ok: false, error: { code: 'REVIEW.INCOMPLETE' } });
    const paths = (reply as Data).error.issues.map((i: Data) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['aspects.roleModel', 'problems', 'direction', 'rectification.requirement']));
    expect(h.local.store.get('reviews')?.docs.get(s.reviews.s3)).toMatchObject({ version: 1, status: 'DRAFT', achievements: '' });
  });

  it('when one entry of a meeting is incomplete, then the whole batch is refused and no review changes', async () => {
    const s = await startSession(h, d, { mode: 'CENTRAL' });
    const reply = await h.call(d.users.branchSecretary, 'review.saveBatch', {
      sessionId: s.sessionId,
      submit: true,
      entries: [{ reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER') }, { reviewId: s.reviews.s4, version: 1, achievements: '只写了成绩' }],
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'REVIEW.INCOMPLETE', message: expect.stringContaining('钱军') } });
    expect(docs('reviews').map((r) => [r.version, r.status])).toEqual([[1, 'DRAFT'], [1, 'DRAFT']]);
  });

  it('when two drafts are saved from the same version, then the second is a conflict and the first is kept whole', async () => {
    const s = await startSession(h, d);
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, achievements: '第一稿', problems: '问题一' });
    const second = await h.call(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, achievements: '第二稿' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(h.local.store.get('reviews')?.docs.get(s.reviews.s3)).toMatchObject({ version: 2, achievements: '第一稿', problems: '问题一' });
  });

  it('when a meeting entry is retried with the same requestId, then the first reply comes back and nothing is written twice', async () => {
    const s = await startSession(h, d, { mode: 'CENTRAL' });
    const payload = { sessionId: s.sessionId, submit: true, entries: ['s3', 's4'].map((k) => ({ reviewId: s.reviews[k], version: 1, ...completeContent('MEMBER') })) };
    const first = await h.call(d.users.branchSecretary, 'review.saveBatch', payload, 'meeting-entry-0001');
    const auditRows = docs('audit').length;

    const retry = await h.call(d.users.branchSecretary, 'review.saveBatch', payload, 'meeting-entry-0001');

    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
    expect(docs('audit')).toHaveLength(auditRows);
    expect(docs('reviews').map((r) => [r.version, r.status])).toEqual([[2, 'SUBMITTED'], [2, 'SUBMITTED']]);
  });

  it('when a submitted review or report is edited, or a rectification skips a step, then the transition is illegal', async () => {
    const s = await submittedSession(h, d);
    expect(await h.call(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 2, achievements: '改' })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });
    const target = { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s3 }, fulfilment: '已兑现', work: '', plans: '' };
    const report = await h.ok(d.users.member, 'report.save', { ...target, submit: true });
    expect(await h.call(d.users.member, 'report.save', { ...target, version: report.version, submit: false })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });

    const p = await publishedSession(h, d);
    const act = (openid: string, body: Record<string, unknown>) => h.call(openid, 'rectification.act', { rectificationId: p.rectificationId, version: 1, ...body });
    expect(await act(d.users.branchSecretary, { event: 'CONFIRM' })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });
    expect(await act(d.users.member, { event: 'REPLY', reply: '已完成' })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });
    expect(await act(d.users.branchSecretary, { event: 'PLAN', plan: '代写的措施' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const pubVersion = (h.local.store.get('publications')?.docs.get(p.publicationId) as Data).version;
    expect(await h.call(d.users.branchSecretary, 'publication.publish', { publicationId: p.publicationId, version: pubVersion })).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION' } });
  });
});

describe('rectification deadlines', () => {
  it('when the deadline day has ended unreplied, then it reads OVERDUE, and a 限期整改 sets a new deadline with the reason kept', async () => {
    // Arrange: a review whose rectification was due yesterday (CST), published.
    const s = await startSession(h, d, { keys: ['s3'] });
    const content = completeContent('MEMBER');
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...content, rectification: { ...content.rectification, deadline: '2020-01-31' }, submit: true });
    const pub = await h.ok(d.users.branchSecretary, 'publication.draft', { sessionId: s.sessionId, title: '通报', summary: '情况良好', scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 } });
    const { rectificationIds: [id] } = await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: pub.publicationId, version: 1 });

    // Act + Assert
    expect((await h.ok(d.users.member, 'rectification.get', { rectificationId: id })).rectification).toMatchObject({ status: 'REQUIRED', displayStatus: 'OVERDUE' });
    expect((await h.ok(d.users.member, 'home')).rectificationsToDo[0]).toMatchObject({ id, displayStatus: 'OVERDUE' });
    expect(await h.call(d.users.branchSecretary, 'rectification.act', { event: 'IMPOSE_DEADLINE', rectificationId: id, version: 1, deadline: '2020-02-01', reason: '逾期未整改' })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const imposed = await h.ok(d.users.committeeSecretary, 'rectification.act', { event: 'IMPOSE_DEADLINE', rectificationId: id, version: 1, deadline: '2027-01-15', reason: '逾期未整改，责令限期整改' });
    expect(imposed).toMatchObject({ status: 'REQUIRED', displayStatus: 'REQUIRED' });
    const read = (await h.ok(d.users.member, 'rectification.get', { rectificationId: id })).rectification;
    expect(read).toMatchObject({ imposed: true, deadline: '2027-01-15' });
    expect(read.history[0]).toMatchObject({ event: 'IMPOSE_DEADLINE', reason: '逾期未整改，责令限期整改' });
  });
});

describe('moderation', () => {
  it('when a report holds text msgSecCheck wants reviewed, then it is stored but its text is hidden from the reviewer', async () => {
    const s = await startSession(h, d);
    const saved = await h.ok(d.users.member, 'report.save', { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s3 }, fulfilment: '已兑现 待审测试词', work: '', plans: '', submit: true });
    expect(saved.held).toBe(true);
    const status = await h.ok(d.users.branchSecretary, 'report.status', { sessionId: s.sessionId });
    expect(status.reported[0].report).toMatchObject({ held: true, fulfilment: '' });
  });
});
