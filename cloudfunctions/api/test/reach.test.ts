/**
 * Every planned review can be done (issue 9), through main(event) on the seed-000 district: 党小组
 * members, R7 assistance points, the tenant's top secretary reviewed by the named outside leader
 * (entered on their behalf), the outflow secretary's home visit, and the rule on everything.
 *
 * The local cloud's clock stands at FIXTURE_NOW (2026-11-21, inside the district's 2026 campaign) and
 * sessions are dated that day, whatever day the suite runs.
 */
import { FIXTURE_NOW, apiHarness, freshDistrict, type Data, type District } from './harness';
import { bind, completeContent } from './work.support';

const h = apiHarness();
let d: District;
let campaignId: string;

const TODAY = '2026-11-21';
const docs = (collection: string) => [...(h.local.store.get(collection)?.docs.values() ?? [])] as Data[];

/** A session payload from `orgId`, dated today. */
const session = (orgId: string, targets: unknown, extra: Record<string, unknown> = {}) => ({
  campaignId,
  orgId,
  mode: 'INDIVIDUAL',
  targets,
  date: TODAY,
  place: '党员活动室',
  opinionsAnonymous: false,
  ...extra,
});
const picked = (...picks: Array<[string, string]>) => ({ by: 'PICKED', picks: picks.map(([kind, id]) => ({ kind, id })) });

/** The open gaps of the whole district after planning. */
async function gaps(): Promise<Data> {
  return h.ok(d.users.admin, 'progress.gaps', { campaignId, orgId: d.org.gw });
}

beforeEach(async () => {
  h.clock.set(FIXTURE_NOW);
  d = await freshDistrict(h);
  campaignId = d.campaignId;
});

describe('bug 1: members registered in a 党小组', () => {
  it('when a member sits in a 党小组 of the branch, then the branch secretary can pick them, DUE includes them, and the submitted review counts', async () => {
    // Arrange: a 党小组 under 实验小学党支部 with one member, then the plan.
    const group = await h.ok(d.users.admin, 'org.create', { name: '实验小学第一党小组', kind: 'GROUP', parentId: d.org.xx1 });
    const member = await h.ok(d.users.admin, 'person.create', { orgId: group.id, name: '周小组', isMember: true });
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });

    // Act
    const pick = await h.call(d.users.branchSecretary, 'session.start', session(d.org.xx1, picked(['MEMBER', member.id])));
    const due = await h.ok(d.users.branchSecretary, 'session.start', session(d.org.xx1, { by: 'DUE', kinds: ['MEMBER'] }));

    // Assert
    expect(pick).toMatchObject({ ok: true, data: { targets: [{ personId: member.id, orgId: group.id, rule: 'R1', ruleLabel: '作为支部书记点评党员' }] } });
    expect(due.targets.map((t: Data) => t.personId)).not.toContain(member.id); // already in the first session this cycle
    const reviewId = (pick as Data).data.reviews[0].reviewId;
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId, version: 1, ...completeContent('MEMBER'), submit: true });
    expect(docs('requirements').find((r) => r.targetId === member.id)).toMatchObject({ rule: 'R1', reviewerId: d.person.s1, done: true, reviewId });
  });
});

describe('bug 2: R7 assistance points', () => {
  it('when the 工委 assists an outside org, then its secretary sees the R7 item at home and can start it by DUE or by picking, and it counts', async () => {
    // Arrange
    const tenant = await h.ok(d.users.admin, 'tenant.get');
    await h.ok(d.users.admin, 'tenant.update', { version: tenant.version, assistances: [{ id: 'as1', assistingOrgId: d.org.gw, targetOrgId: 'ext-1', targetName: '罗溪镇党委' }] });
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });

    // Act
    const home = await h.ok(d.users.committeeSecretary, 'home');
    const byPick = await h.call(d.users.committeeSecretary, 'session.start', session(d.org.gw, picked(['ORG', 'ext-1'])));
    const byDue = await h.call(d.users.committeeSecretary, 'session.start', session(d.org.gw, { by: 'DUE', kinds: ['ORG'] }));

    // Assert
    const r7 = home.reviewsToWrite.planned.find((p: Data) => p.campaignId === campaignId && p.rule === 'R7');
    expect(r7).toMatchObject({ rule: 'R7', ruleLabel: '作为协助的上级党组织点评被协助的党组织', targetKind: 'ORG', targetIds: ['ext-1'] });
    expect(byPick).toMatchObject({ ok: true, data: { targets: [{ kind: 'ORG', orgId: 'ext-1', personId: null, name: '罗溪镇党委', rule: 'R7' }] } });
    // The picked session already holds ext-1 this cycle, so DUE offers the other ORG targets (R2) only.
    expect(byDue.ok && (byDue.data as Data).targets.every((t: Data) => t.rule === 'R2')).toBe(true);
    const reviewId = (byPick as Data).data.reviews[0].reviewId;
    await h.ok(d.users.committeeSecretary, 'review.save', { reviewId, version: 1, ...completeContent('ORG'), submit: true });
    expect(docs('requirements').find((r) => r.targetId === 'ext-1')).toMatchObject({ rule: 'R7', done: true });
  });

  it('when nothing has been started yet, then a DUE session of the assisting secretary includes the R7 org', async () => {
    const tenant = await h.ok(d.users.admin, 'tenant.get');
    await h.ok(d.users.admin, 'tenant.update', { version: tenant.version, assistances: [{ id: 'as1', assistingOrgId: d.org.gw, targetOrgId: 'ext-1', targetName: '罗溪镇党委' }] });
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });

    const due = await h.ok(d.users.committeeSecretary, 'session.start', session(d.org.gw, { by: 'DUE', kinds: ['ORG'] }));

    expect(due.targets.filter((t: Data) => t.rule === 'R7').map((t: Data) => t.orgId)).toEqual(['ext-1']);
  });
});

describe('bug 3: the top secretary, reviewed by the named outside leader', () => {
  it('when the admin enters the outside leader review of the root org and its secretary, then both record the leader and the 录入人, and the gaps close', async () => {
    // Arrange
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });
    const before = await gaps();
    expect(before.notReviewed.map((g: Data) => g.id)).toEqual(expect.arrayContaining([d.org.gw, d.person.g1]));

    // Act
    const started = await h.ok(d.users.admin, 'session.start', session(d.org.gw, picked(['ORG', d.org.gw], ['ORG_LEADER', d.person.g1]), { onBehalfOf: { kind: 'TOP' } }));
    const saved = await h.ok(d.users.admin, 'review.saveBatch', {
      sessionId: started.sessionId,
      submit: true,
      entries: [
        { reviewId: started.reviews[0].reviewId, version: 1, ...completeContent('ORG') },
        { reviewId: started.reviews[1].reviewId, version: 1, ...completeContent('ORG_LEADER') },
      ],
    });

    // Assert
    expect(started.reviewer).toEqual({ personId: null, name: '钱宏' });
    expect(started.enteredBy).toEqual({ name: '管理员' });
    expect(started.targets.map((t: Data) => [t.rule, t.ruleLabel])).toEqual([
      ['R2', '作为上级书记点评下级党组织'],
      ['R3', '作为上级书记点评下级党组织书记'],
    ]);
    expect(saved.reviews.map((r: Data) => r.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
    const read = await h.ok(d.users.committeeSecretary, 'review.get', { reviewId: started.reviews[1].reviewId });
    expect(read.review).toMatchObject({ reviewer: { name: '钱宏' }, enteredBy: { name: '管理员' }, rule: 'R3' });
    const after = await gaps();
    expect(after.notReviewed.map((g: Data) => g.id)).not.toEqual(expect.arrayContaining([d.org.gw]));
    expect(after.notReviewed.map((g: Data) => g.id)).not.toContain(d.person.g1);
  });

  it('when a branch secretary tries to enter a review on behalf of someone, then it is forbidden', async () => {
    const reply = await h.call(d.users.branchSecretary, 'session.start', session(d.org.gw, picked(['ORG', d.org.gw]), { onBehalfOf: { kind: 'TOP' } }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when the admin enters a leader review for a secretary speaking at a meeting, then the reviewer is that secretary and the 录入人 the admin', async () => {
    const started = await h.ok(d.users.admin, 'session.start', session(d.org.wsy, picked(['MEMBER', d.person.w2]), { onBehalfOf: { kind: 'PERSON', personId: d.person.w1 } }));
    expect(started.reviewer).toEqual({ personId: d.person.w1, name: '何平' });
    expect(docs('reviews')[0]).toMatchObject({ reviewerId: d.person.w1, reviewer: { name: '何平' }, enteredBy: { name: '管理员' } });
  });

  it('when the admin enters on behalf of a leader for a target outside that leader reach, then it is forbidden', async () => {
    const reply = await h.call(d.users.admin, 'session.start', session(d.org.wsy, picked(['MEMBER', d.person.s3]), { onBehalfOf: { kind: 'PERSON', personId: d.person.w1 } }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', issues: [{ path: ['targets', 'picks', 0] }] } });
  });
});

describe('bug 4: the outflow secretary home visit of a mobile member', () => {
  it('when the outflow secretary reviews the mobile member on site, then it is allowed, the inflow secretary reads it, and the inflow review stays the required one', async () => {
    // Arrange: 何平 (w1) leads 卫生院党支部, where 梁勇 (w4) is registered; 梁勇 flows into 实验小学 (s1 reviews him, R6).
    await bind(h, d, 'w1', 'o-w1');
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });

    // Act
    const visit = await h.ok('o-w1', 'session.start', session(d.org.wsy, picked(['MEMBER', d.person.w4]), { mode: 'ON_SITE' }));
    await h.ok('o-w1', 'review.save', { reviewId: visit.reviews[0].reviewId, version: 1, ...completeContent('MEMBER'), submit: true });
    const read = await h.call(d.users.branchSecretary, 'review.get', { reviewId: visit.reviews[0].reviewId });

    // Assert
    expect(visit.targets[0]).toMatchObject({ personId: d.person.w4, rule: 'R6', ruleLabel: expect.stringContaining('回乡走访') });
    expect(read).toMatchObject({ ok: true, data: { review: { target: { personId: d.person.w4 }, reviewer: { name: '何平' } } } });
    const required = docs('requirements').filter((r) => r.targetId === d.person.w4);
    expect(required.map((r) => [r.rule, r.reviewerId, r.done])).toEqual([['R6', d.person.s1, false]]);
    const due = await h.ok(d.users.branchSecretary, 'session.start', session(d.org.xx1, { by: 'DUE', kinds: ['MEMBER'] }));
    expect(due.targets.map((t: Data) => t.personId)).toContain(d.person.w4);
  });

  it('when the outflow secretary picks the mobile member for a meeting review, then it is refused: a home visit is on site or face to face', async () => {
    await bind(h, d, 'w1', 'o-w1');
    const reply = await h.call('o-w1', 'session.start', session(d.org.wsy, picked(['MEMBER', d.person.w4]), { mode: 'CENTRAL', meetingType: 'PARTY_MEMBERS_MEETING' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', issues: [{ path: ['targets', 'picks', 0], message: expect.stringContaining('现场点评或个别点评') }] } });
  });
});

describe('bug 5: the rule on every requirement, gap, home item, session target and review', () => {
  it('when the plan is made and read back, then the plan, the gaps, home, a session and a review each carry the rule and its explanation', async () => {
    // Act
    const plan = await h.ok(d.users.admin, 'campaign.plan', { campaignId });
    const gap = await gaps();
    const home = await h.ok(d.users.branchSecretary, 'home');
    const started = await h.ok(d.users.branchSecretary, 'session.start', session(d.org.xx1, picked(['MEMBER', d.person.s3])));
    const review = await h.ok(d.users.branchSecretary, 'review.get', { reviewId: started.reviews[0].reviewId });
    const got = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: started.sessionId });

    // Assert
    expect(plan.rules).toContainEqual({ rule: 'R1', ruleLabel: '作为支部书记点评党员', requirements: expect.any(Number) });
    expect(gap.notReviewed.every((g: Data) => g.rules.length > 0 && g.rules.every((r: Data) => r.ruleLabel.length > 0 && !/R[1-7]/.test(r.ruleLabel)))).toBe(true);
    expect(gap.notReviewing.every((g: Data) => g.rules.length > 0)).toBe(true);
    expect(home.reviewsToWrite.planned.filter((p: Data) => p.campaignId === campaignId).map((p: Data) => p.rule).sort()).toEqual(['R1', 'R4', 'R6']);
    expect(started.targets[0]).toMatchObject({ rule: 'R1', ruleLabel: '作为支部书记点评党员' });
    expect(got.session.targets[0]).toMatchObject({ rule: 'R1', ruleLabel: '作为支部书记点评党员' });
    expect(review.review).toMatchObject({ rule: 'R1', ruleLabel: '作为支部书记点评党员', enteredBy: null });
  });
});

describe('reach is checked again on submission', () => {
  it('when the reviewer is no longer the secretary by the time they submit, then the submission is refused and nothing is counted', async () => {
    await h.ok(d.users.admin, 'campaign.plan', { campaignId });
    const started = await h.ok(d.users.branchSecretary, 'session.start', session(d.org.xx1, picked(['MEMBER', d.person.s3])));
    const org = h.local.store.get('orgs')?.docs.get(d.org.xx1) as Data;
    await h.ok(d.users.admin, 'org.assignSecretary', { orgId: d.org.xx1, personId: d.person.s4, version: org.version });

    const reply = await h.call(d.users.branchSecretary, 'review.save', { reviewId: started.reviews[0].reviewId, version: 1, ...completeContent('MEMBER'), submit: true });

    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(docs('requirements').filter((r) => r.done)).toEqual([]);
  });
});
