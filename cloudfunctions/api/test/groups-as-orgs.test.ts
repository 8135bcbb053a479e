/**
 * 党小组 reviewed as organisations (seed 002: 「领导小组成员负责对…所属党小组进行点评」, 「对基层党小组的点评，重点围绕
 * 以下四个方面」) through the api's main, in a branch organised in 党小组: off by default (a 党小组 is no 基层党组织);
 * with the campaign's `coverage.groups` the branch secretary owes each 党小组 a review, it shows as a gap and
 * in the progress rows until done, and the review counts.
 */
import { apiHarness, buildDistrict, type District } from './harness';
import { completeContent } from './work.support';

const h = apiHarness();
let d: District;
let groupId: string;

const docs = (collection: string) => [...((h.local.store.get(collection)?.docs.values() ?? []) as Iterable<Record<string, unknown>>)];
const groupRequirement = () => docs('requirements').find((r) => r.rule === 'R2' && r.targetKind === 'ORG' && r.targetId === groupId && r.superseded !== true);
const start = (openid: string) =>
  h.call(openid, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'ON_SITE',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: groupId }] },
    date: '2026-11-25',
    place: '语文教研室',
    reportDeadline: '2026-11-24',
    opinionDeadline: '2026-11-24',
    opinionsAnonymous: false,
  });

beforeAll(async () => {
  // Arrange: 实验小学党支部 organises 李娜 and 钱军 in a 语文教研党小组 (seed 002's school is organised in 党小组).
  d = await buildDistrict(h);
  groupId = (await h.ok(d.users.admin, 'org.create', { name: '实验小学语文教研党小组', kind: 'GROUP', parentId: d.org.xx1 })).id;
  for (const key of ['s3', 's4']) {
    const person = h.local.store.get('persons')?.docs.get(d.person[key]) as { version: number };
    await h.ok(d.users.admin, 'person.move', { personId: d.person[key], version: person.version, orgId: groupId });
  }
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
});

describe('党小组 as organisations [002]', () => {
  it('when the campaign does not say so, then a 党小组 is no org target: nothing planned, and its review is refused', async () => {
    expect(groupRequirement()).toBeUndefined();
    expect(await start(d.users.branchSecretary)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when the campaign reviews 党小组, then 吴敏 owes the group a review, shown as a gap and in its progress row', async () => {
    // Act
    const c = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: c.version, coverage: { groups: true } });
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });

    // Assert
    expect(groupRequirement()).toMatchObject({ reviewerId: d.person.s1, orgId: groupId, done: false });
    const gaps = await h.ok(d.users.branchSecretary, 'progress.gaps', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(gaps.notReviewed).toContainEqual(expect.objectContaining({ kind: 'ORG', id: groupId, reason: 'NOT_DONE', reviewers: [expect.objectContaining({ name: '吴敏' })] }));
    const progress = await h.ok(d.users.branchSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(progress.rows.find((r: { orgId: string }) => r.orgId === groupId)).toMatchObject({ required: expect.objectContaining({ orgs: 1 }), completed: expect.objectContaining({ orgs: 0 }) });
  });

  it('when 吴敏 reviews the group on its four aspects, then the review counts and the gap closes', async () => {
    // Act
    const started = await start(d.users.branchSecretary);
    const reviewId = ((started as { data: { reviews: Array<{ reviewId: string }> } }).data.reviews)[0].reviewId;
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId, version: 1, ...completeContent('ORG'), submit: true });

    // Assert
    expect(groupRequirement()).toMatchObject({ done: true, reviewId });
    const gaps = await h.ok(d.users.branchSecretary, 'progress.gaps', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(gaps.notReviewed.map((g: { id: string }) => g.id)).not.toContain(groupId);
    const progress = await h.ok(d.users.branchSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.xx1 });
    expect(progress.rows.find((r: { orgId: string }) => r.orgId === groupId)).toMatchObject({ completed: expect.objectContaining({ orgs: 1 }) });
  });
});
