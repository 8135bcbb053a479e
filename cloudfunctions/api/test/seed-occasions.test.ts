/**
 * Issue 24's smaller points through the api's main: the seed-001 hint for an intern or an elderly member
 * reaches the reviewer, and the meetings the seeds hold a 集中点评 at are meeting types.
 */
import { apiHarness, buildDistrict, type District } from './harness';

const h = apiHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

const plan = { date: '2026-11-25', place: '实验小学党员活动室', reportDeadline: '2026-11-24', opinionDeadline: '2026-11-24', opinionsAnonymous: false, topic: null };

describe('the flexible-review hint [001]', () => {
  it('when 吴敏 reviews the intern 郑小雨 and 李娜, then her entry for 郑小雨 carries the remote hint and 李娜\'s none', async () => {
    // Arrange
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'INDIVIDUAL',
      meetingType: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s5 }, { kind: 'MEMBER', id: d.person.s3 }] },
      ...plan,
    });

    // Act
    const view = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: started.sessionId });
    const own = await h.ok(d.users.branchSecretary, 'review.get', { reviewId: (started.reviews as Array<{ reviewId: string; target: { personId: string } }>).find((r) => r.target.personId === d.person.s5)!.reviewId });

    // Assert
    const hints = Object.fromEntries((view.reviews as Array<{ target: { name: string }; hintLabel: string | null }>).map((r) => [r.target.name, r.hintLabel]));
    expect(hints).toEqual({ 郑小雨: '外出实习的党员：采取切实可行的措施和灵活的方法点评，可远程或书面进行', 李娜: null });
    expect(own.review.hint).toEqual({ kind: 'REMOTE', label: hints.郑小雨 });
  });
});

describe('meeting kinds the seeds name', () => {
  it('when the 工委 reviews a branch at its 中心组学习 [001] and a branch its members at 三会一课 [001][004], then both are meeting types', async () => {
    const upper = await h.call(d.users.committeeSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.gw,
      mode: 'CENTRAL',
      meetingType: 'CENTRAL_GROUP_STUDY',
      targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: d.org.wsy }] },
      ...plan,
      place: '局会议室',
    });
    const branch = await h.call(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'CENTRAL',
      meetingType: 'THREE_MEETINGS_ONE_LESSON',
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] },
      ...plan,
    });
    expect(upper).toMatchObject({ ok: true });
    expect(branch).toMatchObject({ ok: true });
    const view = await h.ok(d.users.committeeSecretary, 'session.get', { sessionId: (upper as { data: { sessionId: string } }).data.sessionId });
    expect(view.session.meetingType).toBe('CENTRAL_GROUP_STUDY');
  });

  it('when a meeting type is none the seeds name, then it is refused', async () => {
    const reply = await h.call(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'CENTRAL',
      meetingType: 'TEA_PARTY',
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s4 }] },
      ...plan,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  });
});
