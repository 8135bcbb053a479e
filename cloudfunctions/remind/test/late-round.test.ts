/**
 * A round that ends after its period (seed 001: the third quarter's review 「在10月15日前完成」), on the
 * local clock through the api and the remind function: with cycleDueDates {"2027-Q3": "2027-10-15"}, from
 * 10-01 to 10-15 the Q3 round stays planned beside Q4, a review done then counts for Q3, the reminder
 * goes out on 10-08 (7 days before 10-15), and on 10-16 the plan is Q4's alone.
 */
import { type District } from '../../api/test/harness';
import { buildDistrict } from '../../api/test/harness';
import { completeContent } from '../../api/test/work.support';
import { remindHarness } from './remind.support';

const { h, docs, fireAt } = remindHarness();
let d: District;

const r1 = (cycleKey: string) =>
  docs('requirements').find((r) => r.cycleKey === cycleKey && r.rule === 'R1' && r.reviewerId === d.person.s1 && r.targetId === d.person.s3);

describe('a quarterly round due after its quarter ends (seed 001)', () => {
  beforeAll(async () => {
    d = await buildDistrict(h);
    const c = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await h.ok(d.users.admin, 'campaign.update', {
      campaignId: d.campaignId,
      version: c.version,
      start: '2027-07-01',
      end: '2027-12-31',
      cycleDueDates: { '2027-Q3': '2027-10-15' },
      reportDeadlines: ['2027-10-15'],
    });
    h.clock.set('2027-09-20T10:00+08:00');
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  });
  afterAll(() => h.clock.set('2026-11-21T10:00+08:00'));

  it('when the quarter has ended but its due date has not, then the plan holds the Q3 round and the Q4 round side by side', async () => {
    // Act
    h.clock.set('2027-10-02T10:00+08:00');
    const plan = await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });

    // Assert
    expect(plan.cycleKeys).toEqual(expect.arrayContaining(['2027-Q3', '2027-Q4', '2027-H2']));
    expect(r1('2027-Q3')).toMatchObject({ done: false });
    expect(r1('2027-Q3')?.superseded).not.toBe(true);
    expect(r1('2027-Q4')).toMatchObject({ done: false });
    const campaign = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    expect(campaign.cycles.find((c: { key: string }) => c.key === '2027-Q3')).toMatchObject({ dueDate: '2027-10-15', status: 'OPEN' });
  });

  it('when the remind timer fires on 10-08, 7 days before 10-15, then 吴敏 is reminded of her open Q3 reviews, due 10-15', async () => {
    // Act
    await fireAt('2027-10-08T09:10+08:00');

    // Assert
    const sent = docs('reminders').filter((r) => r.kind === 'REVIEW_DUE' && r.day === '2027-10-08' && r.personId === d.person.s1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ facts: expect.objectContaining({ dueDate: '2027-10-15' }) });
  });

  it('when 吴敏 opens her home on 10-08, then her to-dos hold the Q3 reviews due 10-15 first, and the Q4 ones after', async () => {
    const home = await h.ok(d.users.branchSecretary, 'home', {});
    const r1Groups = (home.reviewsToWrite.planned as Array<{ cycleKey: string; rule: string; dueDate: string }>).filter((g) => g.rule === 'R1');
    expect(r1Groups.map((g) => [g.cycleKey, g.dueDate])).toEqual([
      ['2027-Q3', '2027-10-15'],
      ['2027-Q4', '2027-12-31'],
    ]);
  });

  it('when 吴敏 reviews 李娜 on 10-12, then the review counts for Q3 and her Q4 review of 李娜 is still to do', async () => {
    // Arrange
    h.clock.set('2027-10-09T10:00+08:00');
    const started = await h.ok(d.users.branchSecretary, 'session.start', {
      campaignId: d.campaignId,
      orgId: d.org.xx1,
      mode: 'INDIVIDUAL',
      meetingType: null,
      topic: null,
      targets: { by: 'PICKED', picks: [{ kind: 'MEMBER', id: d.person.s3 }] },
      date: '2027-10-12',
      place: '实验小学党员活动室',
      reportDeadline: '2027-10-11',
      opinionDeadline: '2027-10-11',
      opinionsAnonymous: false,
    });
    const reviewId = (started.reviews as Array<{ reviewId: string }>)[0].reviewId;

    // Act
    h.clock.set('2027-10-12T15:00+08:00');
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId, version: 1, ...completeContent('MEMBER'), submit: true });

    // Assert
    expect(docs('reviews').find((r) => r._id === reviewId)).toMatchObject({ cycleKey: '2027-Q3' });
    expect(r1('2027-Q3')).toMatchObject({ done: true, reviewId });
    expect(r1('2027-Q4')).toMatchObject({ done: false });
  });

  it('when the Q3 due date has passed, then the plan is Q4 and H2 only', async () => {
    h.clock.set('2027-10-16T10:00+08:00');
    const plan = await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    expect([...plan.cycleKeys].sort()).toEqual(['2027-H2', '2027-Q4']);
  });
});
