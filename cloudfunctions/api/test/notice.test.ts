/**
 * 书面通报 [001][002][004] (「整理汇总领导点评意见，在一定范围内将点评情况以书面形式向党员干部群众公开」) through the
 * api's main: a secretary compiles the reviews of two sessions into one notice within her own branch, never
 * wider than a review was already published, and hands the masses a link that opens that notice and nothing else.
 */
import { FIXTURE_NOW, apiHarness, buildDistrict, type Data, type District } from './harness';
import { completeContent, startSession } from './work.support';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

afterEach(() => h.clock.set(FIXTURE_NOW));

/** 吴敏's two sessions: one over 李娜 published to the branch last week, one over 钱军 submitted today. */
async function twoSessions() {
  const first = await startSession(h, d, { keys: ['s3'] });
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: first.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true });
  const pub = await h.ok(d.users.branchSecretary, 'publication.draft', { sessionId: first.sessionId, title: '李娜同志点评通报', summary: '点评意见已反馈。', scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 } });
  await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: pub.publicationId, version: 1 });
  const second = await startSession(h, d, { keys: ['s4'], mode: 'TALK' });
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: second.reviews.s4, version: 1, ...completeContent('MEMBER', false), problems: '与家长个别交流偏少', submit: true });
  return { first, second };
}

const notice = (sessionId: string, sessionIds: string[], scope: { kind: string; orgId: string }) => ({
  sessionId,
  sessionIds,
  title: '实验小学党支部领导点评情况通报',
  summary: '现将本季度两次领导点评情况通报如下。',
  scope,
});

describe('a 通报 compiled from several sessions', () => {
  it('when 吴敏 compiles her two sessions into one notice to the branch, then it carries both reviews, publishes the new one and 李娜 reads both', async () => {
    // Arrange
    const { first, second } = await twoSessions();

    // Act
    const draft = await h.ok(d.users.branchSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'TARGET_ORG', orgId: d.org.xx1 }));
    const published = await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: draft.publicationId, version: draft.version });

    // Assert
    expect([...draft.reviewIds].sort()).toEqual([first.reviews.s3, second.reviews.s4].sort());
    expect(published.status).toBe('PUBLISHED');
    expect(published.rectificationIds).toEqual([]);
    const read = await h.ok(d.users.member, 'publication.get', { publicationId: draft.publicationId });
    expect(read.publication.reviews.map((r: Data) => r.target.name).sort()).toEqual(['李娜', '钱军']);
    const talk = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: second.sessionId });
    expect(talk.session.opinionsClosed).toBe('点评情况已公开，征求意见已结束，不能再提交');
  });

  it('when the branch secretary compiles for the whole unit, then it is refused: a notice stays within her own branch', async () => {
    const { first, second } = await twoSessions();

    const reply = await h.call(d.users.branchSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'TENANT', orgId: d.org.gw }));

    expect(reply).toMatchObject({ ok: false, error: { code: 'NOTICE.OUT_OF_AREA' } });
  });

  it('when the 工委 secretary compiles a review published only to the branch into a notice to the whole 工委, then it is refused; to the branch it is accepted', async () => {
    const { first, second } = await twoSessions();

    const wide = await h.call(d.users.committeeSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'SUBTREE', orgId: d.org.gw }));
    const narrow = await h.call(d.users.committeeSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'TARGET_ORG', orgId: d.org.xx1 }));

    expect(wide).toMatchObject({ ok: false, error: { code: 'NOTICE.WIDER_THAN_PUBLISHED', issues: [{ message: '点评：对李娜的点评此前只在较小范围内公开，不能在更大范围通报' }] } });
    expect(narrow.ok).toBe(true);
  });

  it('when a session the 工委 holds at another branch is mixed in, then the branch secretary may not compile it', async () => {
    const { first } = await twoSessions();
    const other = await h.ok(d.users.committeeSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.gw,
      mode: 'ON_SITE',
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: d.org.wsy }] },
      date: '2026-11-25',
      place: '罗溪镇卫生院',
      reportDeadline: '2026-11-24',
      opinionDeadline: '2026-11-24',
      opinionsAnonymous: false,
    });

    const reply = await h.call(d.users.branchSecretary, 'publication.draft', notice(first.sessionId, [other.sessionId], { kind: 'TARGET_ORG', orgId: d.org.xx1 }));

    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when 吴敏 lists what she may compile, then both sessions are offered with their counts in words', async () => {
    const { first, second } = await twoSessions();

    const out = await h.ok(d.users.branchSecretary, 'notice.sources', {});

    const mine = out.sessions.filter((x: Data) => x.id === first.sessionId || x.id === second.sessionId);
    expect(mine.map((x: Data) => [x.label, x.submitted, x.published]).sort()).toEqual([
      ['2026年11月25日 个别点评：李娜', 0, 1],
      ['2026年11月25日 谈话点评：钱军', 1, 0],
    ]);
  });
});

describe('the masses\' link to one notice', () => {
  async function publishedNotice() {
    const { first, second } = await twoSessions();
    const draft = await h.ok(d.users.branchSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'TARGET_ORG', orgId: d.org.xx1 }));
    await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: draft.publicationId, version: draft.version });
    return draft.publicationId as string;
  }

  it('when a parent off the roster opens the link, then they read that notice and no id, roster or other data', async () => {
    // Arrange
    const publicationId = await publishedNotice();
    const link = await h.ok(d.users.branchSecretary, 'notice.link', { publicationId });

    // Act
    const read = await h.ok('o-parent', 'notice.open', { linkId: link.linkId });

    // Assert
    expect(read.notice).toMatchObject({ title: '实验小学党支部领导点评情况通报', issuer: '新北区实验小学党支部', summary: '现将本季度两次领导点评情况通报如下。' });
    expect(read.notice.items.map((i: Data) => i.target).sort()).toEqual(['李娜同志', '钱军同志']);
    const text = JSON.stringify(read);
    for (const id of [publicationId, d.org.xx1, d.person.s3, d.person.s4, d.person.s1]) expect(text).not.toContain(id);
  });

  it('when the holder of a link tries other ids, then nothing else opens', async () => {
    const publicationId = await publishedNotice();
    const link = await h.ok(d.users.branchSecretary, 'notice.link', { publicationId });
    const other = await h.ok(d.users.branchSecretary, 'publication.list', {});

    expect(await h.call('o-parent', 'publication.get', { publicationId })).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } });
    for (const p of other.publications) expect(await h.call('o-parent', 'notice.open', { linkId: p.id })).toMatchObject({ ok: false, error: { code: 'NOTICE.LINK_NOT_FOUND' } });
    expect(await h.call('o-parent', 'notice.open', { linkId: `${link.linkId}x` })).toMatchObject({ ok: false, error: { code: 'NOTICE.LINK_NOT_FOUND' } });
    expect(await h.call('o-parent', 'session.list', {})).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } });
  });

  it('when the secretary takes the link back, or it outlives its days, then it no longer opens', async () => {
    const publicationId = await publishedNotice();
    const revoked = await h.ok(d.users.branchSecretary, 'notice.link', { publicationId });
    const short = await h.ok(d.users.branchSecretary, 'notice.link', { publicationId, days: 1 });

    await h.ok(d.users.branchSecretary, 'notice.revoke', { linkId: revoked.linkId });
    h.clock.advance('2d');

    expect(await h.call('o-parent', 'notice.open', { linkId: revoked.linkId })).toMatchObject({ ok: false, error: { code: 'NOTICE.LINK_REVOKED', message: '发通报的书记已收回这个链接' } });
    expect(await h.call('o-parent', 'notice.open', { linkId: short.linkId })).toMatchObject({ ok: false, error: { code: 'NOTICE.LINK_EXPIRED' } });
  });

  it('when the notice is still a draft, or a plain member asks, then no link is made', async () => {
    const { first, second } = await twoSessions();
    const draft = await h.ok(d.users.branchSecretary, 'publication.draft', notice(first.sessionId, [second.sessionId], { kind: 'TARGET_ORG', orgId: d.org.xx1 }));

    expect(await h.call(d.users.branchSecretary, 'notice.link', { publicationId: draft.publicationId })).toMatchObject({ ok: false, error: { code: 'NOTICE.NOT_PUBLISHED' } });
    expect(await h.call(d.users.member, 'notice.link', { publicationId: draft.publicationId })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});
