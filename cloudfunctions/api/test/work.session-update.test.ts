/**
 * 修改时间地点 (`session.update`) and the plan checks of 发起点评 through main(event): a session's date,
 * place and deadlines change until its reviews are published, under the same rules as when it started
 * (`sessionPlanProblems`); the drafts take the new place; a member cannot; nothing is written when refused.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { publishedSession, startSession } from './work.support';

const h = apiHarness();

interface Row {
  _id: string;
  [k: string]: unknown;
}
const doc = (collection: string, id: string) => h.local.store.get(collection)?.docs.get(id) as Row | undefined;

let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

const plan = { date: '2026-11-27', place: '学校会议室', reportDeadline: '2026-11-25', opinionDeadline: '2026-11-26' };

describe('session.update', () => {
  it('when the secretary moves the meeting and its place, then the session and every draft carry the new plan', async () => {
    // Arrange
    const s = await startSession(h, d);

    // Act
    const reply = await h.ok(d.users.branchSecretary, 'session.update', { sessionId: s.sessionId, version: 1, ...plan });

    // Assert
    expect(reply).toEqual({ sessionId: s.sessionId, version: 2 });
    expect(doc('sessions', s.sessionId)).toMatchObject({ ...plan, version: 2 });
    expect([doc('reviews', s.reviews.s3)?.place, doc('reviews', s.reviews.s4)?.place]).toEqual(['学校会议室', '学校会议室']);
    const got = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
    expect(got.session).toMatchObject(plan);
    expect(got.me.canEditPlan).toBe(true);
  });

  it('when the session is published, then the change is refused in Chinese and nothing is written', async () => {
    // Arrange
    const s = await publishedSession(h, d);
    const before = doc('sessions', s.sessionId);

    // Act
    const reply = await h.call(d.users.branchSecretary, 'session.update', { sessionId: s.sessionId, version: 1, ...plan });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'STATE.ILLEGAL_TRANSITION', message: '点评通报已发布，不能再修改时间地点' } });
    expect(doc('sessions', s.sessionId)).toEqual(before);
    const got = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
    expect(got.me.canEditPlan).toBe(false);
  });

  it('when a member of the branch tries, then it is refused and nothing is written', async () => {
    // Arrange
    const s = await startSession(h, d);
    const before = doc('sessions', s.sessionId);

    // Act
    const reply = await h.call(d.users.member, 'session.update', { sessionId: s.sessionId, version: 1, ...plan });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(doc('sessions', s.sessionId)).toEqual(before);
  });

  it('when opinions would close on the meeting day and the place is blank, then each is refused at its field and nothing is written', async () => {
    // Arrange
    const s = await startSession(h, d);
    const before = [doc('sessions', s.sessionId), doc('reviews', s.reviews.s3)];

    // Act
    const reply = await h.call(d.users.branchSecretary, 'session.update', { sessionId: s.sessionId, version: 1, ...plan, place: ' ', opinionDeadline: '2026-11-27' });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const paths = ((reply as { error: { issues: Array<{ path: string[] }> } }).error.issues).map((i) => i.path[0]);
    expect(paths).toEqual(['place', 'opinionDeadline']);
    expect([doc('sessions', s.sessionId), doc('reviews', s.reviews.s3)]).toEqual(before);
  });

  it('when the edit was made on an old version, then it is a conflict', async () => {
    // Arrange
    const s = await startSession(h, d);
    await h.ok(d.users.branchSecretary, 'session.update', { sessionId: s.sessionId, version: 1, ...plan });

    // Act
    const reply = await h.call(d.users.branchSecretary, 'session.update', { sessionId: s.sessionId, version: 1, ...plan, place: '操场' });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(doc('sessions', s.sessionId)?.place).toBe('学校会议室');
  });
});

describe('session.start checks the plan', () => {
  it('when the place is empty, then the session is refused at 点评地点 and no session is written', async () => {
    // Arrange
    const sessionsBefore = h.local.store.get('sessions')?.docs.size ?? 0;
    expect(sessionsBefore).toBeGreaterThan(0);

    // Act
    const reply = await h.call(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'INDIVIDUAL',
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }] },
      date: '2026-11-25',
      place: '',
      opinionsAnonymous: false,
    });

    // Assert
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', issues: [{ path: ['place'] }] } });
    expect(h.local.store.get('sessions')?.docs.size ?? 0).toBe(sessionsBefore);
  });
});
