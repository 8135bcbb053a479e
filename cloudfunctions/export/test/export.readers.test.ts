/**
 * Issue 19, bug 2: the export decides who may read a review by the same question as review.get
 * (`readReview`, domain/review-readers.ts). Through main(event) of both functions, on the seed-000
 * district: the outflow secretary's home visit of a mobile member, read by the inflow secretary.
 */
import { FIXTURE_NOW, buildDistrict, type District } from '../../api/test/harness';
import { bind, completeContent } from '../../api/test/work.support';
import { exportHarness } from './harness';

const h = exportHarness();
let d: District;
let reviewId: string;

beforeAll(async () => {
  h.clock.set(FIXTURE_NOW);
  d = await buildDistrict(h);
  // 何平 (w1) leads 卫生院党支部, where 梁勇 (w4) is registered; 梁勇 flows into 实验小学 (吴敏, s1).
  await bind(h, d, 'w1', 'o-w1');
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  const visit = await h.ok('o-w1', 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.wsy,
    mode: 'ON_SITE',
    targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.w4 }] },
    date: '2026-11-21',
    place: '梁勇家中',
    opinionsAnonymous: false,
  });
  reviewId = visit.reviews[0].reviewId;
  await h.ok('o-w1', 'review.save', { reviewId, version: 1, ...completeContent('MEMBER'), submit: true });
});

describe('bug 2: the export reads a review as the screen does', () => {
  it('when the inflow secretary exports the 登记表 of the outflow secretary’s home visit, then she gets it, as she reads it on screen', async () => {
    // Act
    const onScreen = await h.call(d.users.branchSecretary, 'review.get', { reviewId });
    const exported = await h.exp(d.users.branchSecretary, 'form.review', { reviewId });

    // Assert
    expect(onScreen).toMatchObject({ ok: true, data: { review: { target: { personId: d.person.w4 }, reviewer: { name: '何平' } } } });
    expect(exported).toMatchObject({ ok: true, data: { forms: 1, withheld: 0, file: { name: '梁勇领导点评登记表.docx' } } });
  });

  it('when members who cannot read the home visit on screen ask for its 登记表, then the export refuses them too', async () => {
    for (const outsider of [d.users.member, d.users.otherBranchMember]) {
      expect(await h.call(outsider, 'review.get', { reviewId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
      expect(await h.exp(outsider, 'form.review', { reviewId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    }
  });

  it('when anyone of the district asks for the home visit, then the screen and the export give the same answer', async () => {
    const everyone = ['o-w1', d.users.admin, d.users.committeeSecretary, d.users.committeeMember, d.users.branchSecretary, d.users.member, d.users.otherBranchMember, d.users.generalBranchSecretary];
    const answers = await Promise.all(everyone.map(async (who) => [who, (await h.call(who, 'review.get', { reviewId })).ok, (await h.exp(who, 'form.review', { reviewId })).ok]));
    expect(answers.filter(([, screen, file]) => screen !== file)).toEqual([]);
    expect(answers.filter(([, screen]) => screen).length).toBeGreaterThanOrEqual(3);
  });
});
