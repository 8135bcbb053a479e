/** Text held by msgSecCheck in the review work: listed for the office, released or refused (blanked). */
import { REFUSED_TEXT } from '../src/handlers/moderation';
import { apiHarness, freshDistrict, type District } from './harness';
import { completeContent, startSession } from './work.support';

const h = apiHarness();
let d: District;

beforeEach(async () => {
  d = await freshDistrict(h);
});

describe('moderation of review work', () => {
  it('when a member reports held text and the office refuses it, then the reviewer sees only the refusal notice', async () => {
    // Arrange
    const s = await startSession(h, d);
    await h.ok(d.users.member, 'report.save', { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s3 }, fulfilment: '已兑现 待审测试词', work: '', plans: '', submit: true });
    const held = await h.ok(d.users.admin, 'moderation.list');
    expect(held.reports).toHaveLength(1);
    expect(held.reports[0].fulfilment).toContain('待审测试词');
    // Act
    await h.ok(d.users.admin, 'moderation.release', { collection: 'reports', id: held.reports[0].id, approve: false });
    // Assert
    const status = await h.ok(d.users.branchSecretary, 'report.status', { sessionId: s.sessionId });
    expect(status.reported[0].report).toMatchObject({ held: false, fulfilment: REFUSED_TEXT });
    expect((await h.ok(d.users.admin, 'moderation.list')).reports).toEqual([]);
  });

  it('when a reviewer writes held text and the office releases it, then the target can read the review', async () => {
    // Arrange
    const s = await startSession(h, d);
    const content = { ...completeContent('MEMBER'), achievements: '成绩突出 待审测试词' };
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...content, submit: true });
    const [heldReview] = (await h.ok(d.users.admin, 'moderation.list')).reviews;
    expect(heldReview.achievements).toBe('成绩突出 待审测试词');
    // Act
    await h.ok(d.users.admin, 'moderation.release', { collection: 'reviews', id: heldReview.id, approve: true });
    // Assert
    const seen = await h.ok(d.users.member, 'review.get', { reviewId: s.reviews.s3 });
    expect(seen.review.achievements).toBe('成绩突出 待审测试词');
  });

  it('when text is not held, or a secretary tries to release it, then the release is refused', async () => {
    const s = await startSession(h, d);
    await h.ok(d.users.member, 'report.save', { sessionId: s.sessionId, target: { kind: 'MEMBER', id: d.person.s3 }, fulfilment: '待审测试词', work: '', plans: '', submit: true });
    const [report] = (await h.ok(d.users.admin, 'moderation.list')).reports;
    expect(await h.call(d.users.branchSecretary, 'moderation.release', { collection: 'reports', id: report.id, approve: true })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    await h.ok(d.users.admin, 'moderation.release', { collection: 'reports', id: report.id, approve: true });
    expect(await h.call(d.users.admin, 'moderation.release', { collection: 'reports', id: report.id, approve: true })).toMatchObject({ ok: false, error: { code: 'MODERATION.NOT_HELD' } });
    expect(await h.call(d.users.admin, 'moderation.release', { collection: 'opinions', id: 'no-such', approve: true })).toMatchObject({ ok: false, error: { code: 'OPINION.NOT_FOUND' } });
  });
});
