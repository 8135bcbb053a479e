/**
 * Coverage options in the seeds' words, through the api's main: [004] 「党委班子成员负责对联系点的党组织及班子成员
 * 进行点评」 (R5 also plans the liaison org's 班子成员) and [003] 「对各直属检验检疫局党组及其负责人…进行点评」 (R7 also
 * plans the assisted org's 负责人). Off, neither is planned nor in reach; on, each is planned, can be started,
 * submitted and counts.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { completeContent } from './work.support';

const h = apiHarness();
let d: District;
const ASSISTED = 'ciq-js';

const docs = (collection: string) => [...((h.local.store.get(collection)?.docs.values() ?? []) as Iterable<Record<string, unknown>>)];
const requirement = (rule: string, kind: string, targetId: string) => docs('requirements').find((r) => r.rule === rule && r.targetKind === kind && r.targetId === targetId && r.superseded !== true);

async function setCoverage(coverage: { liaisonCommittee?: boolean; assistedLeader?: boolean }) {
  const c = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
  await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: c.version, coverage });
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
}

const session = (openid: string, orgId: string, pick: { kind: string; id: string }) => ({
  campaignId: d.campaignId,
  orgId,
  mode: 'ON_SITE',
  meetingType: null,
  topic: null,
  targets: { by: 'PICKED', picks: [pick] },
  date: '2026-11-25',
  place: '现场',
  reportDeadline: '2026-11-24',
  opinionDeadline: '2026-11-24',
  opinionsAnonymous: false,
  _as: openid,
});

async function reviewOne(openid: string, orgId: string, pick: { kind: string; id: string }, kind: 'COMMITTEE_MEMBER' | 'ORG_LEADER') {
  const { _as, ...input } = session(openid, orgId, pick);
  const started = await h.ok(_as, 'session.start', input);
  const reviewId = (started.reviews as Array<{ reviewId: string }>)[0].reviewId;
  await h.ok(openid, 'review.save', { reviewId, version: 1, ...completeContent(kind), submit: true });
  return { started, reviewId };
}

beforeAll(async () => {
  d = await buildDistrict(h);
  const tenant = await h.ok(d.users.admin, 'tenant.get', {});
  await h.ok(d.users.admin, 'tenant.update', {
    version: tenant.version,
    assistances: [{ id: 'as1', assistingOrgId: d.org.gw, targetOrgId: ASSISTED, targetName: '江苏出入境检验检疫局党组', leaderName: '王建华' }],
  });
});

describe('coverage options off (the default)', () => {
  it('when the campaign does not name them, then neither the liaison org\'s 班子成员 nor the assisted org\'s 负责人 is planned or in reach', async () => {
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    expect(requirement('R5', 'COMMITTEE_MEMBER', d.person.w2)).toBeUndefined();
    expect(requirement('R7', 'ORG_LEADER', `${ASSISTED}#负责人`)).toBeUndefined();
    const { _as, ...input } = session(d.users.committeeMember, d.org.wsy, { kind: 'COMMITTEE_MEMBER', id: d.person.w2 });
    expect(await h.call(_as, 'session.start', input)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});

describe('coverage options on', () => {
  beforeAll(() => setCoverage({ liaisonCommittee: true, assistedLeader: true }));

  it('when liaison leaders review their points\' 班子成员 [004], then 陈立 owes 卫生院\'s 高洁 a review, can give it, and it counts', async () => {
    // Arrange
    expect(requirement('R5', 'COMMITTEE_MEMBER', d.person.w2)).toMatchObject({ reviewerId: d.person.g2, done: false });

    // Act
    const { started, reviewId } = await reviewOne(d.users.committeeMember, d.org.wsy, { kind: 'COMMITTEE_MEMBER', id: d.person.w2 }, 'COMMITTEE_MEMBER');

    // Assert
    expect((started.reviews as Array<{ target: { name: string; kind: string } }>)[0].target).toMatchObject({ kind: 'COMMITTEE_MEMBER', name: '高洁' });
    expect(requirement('R5', 'COMMITTEE_MEMBER', d.person.w2)).toMatchObject({ done: true, reviewId });
  });

  it('when the assisted org\'s 负责人 is covered [003], then the 工委 secretary owes 王建华 a review, can give it, and it counts', async () => {
    const leaderId = `${ASSISTED}#负责人`;
    expect(requirement('R7', 'ORG_LEADER', leaderId)).toMatchObject({ reviewerId: d.person.g1, done: false, targetName: '王建华' });

    const { started, reviewId } = await reviewOne(d.users.committeeSecretary, d.org.gw, { kind: 'ORG_LEADER', id: leaderId }, 'ORG_LEADER');

    expect((started.reviews as Array<{ target: { name: string; orgId: string } }>)[0].target).toMatchObject({ name: '王建华', orgId: ASSISTED });
    expect(requirement('R7', 'ORG_LEADER', leaderId)).toMatchObject({ done: true, reviewId });
  });
});
