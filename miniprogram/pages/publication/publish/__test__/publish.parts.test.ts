/** 发布通报 of more reviews than one call publishes: parts, 「正在发布 1/2」, and the notice public only with the last. */
import { tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { completeContent } from '../../../../../cloudfunctions/api/test/work.support';
import { PUBLISH_PART, REVIEW_BATCH_MAX } from '../../../../core/contracts/api/review-work';

type Comp = Awaited<ReturnType<ReturnType<typeof usePages>['open']>>;
const p = usePages();
let d: District;
const route = 'pages/publication/publish/publish';
// Extra members are spread over five branches: 实验小学党支部 (xx1) gets more than one part of them.
const EXTRA = 5 * (PUBLISH_PART + 3);

beforeAll(async () => {
  d = await buildDistrict(p.h, EXTRA);
});

/** A session of the xx1 secretary over every extra member of xx1, every review submitted complete. */
async function submittedBigSession(): Promise<{ sessionId: string; reviewIds: string[] }> {
  const persons = [...(p.h.local.store.get('persons')?.docs.values() ?? [])] as Array<{ _id: string; orgId: string; name: string }>;
  const members = persons.filter((x) => x.orgId === d.org.xx1 && x.name.startsWith('党员'));
  const started = await p.h.ok(d.users.branchSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.xx1,
    mode: 'INDIVIDUAL',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: members.map((m) => ({ kind: 'MEMBER', id: m._id })) },
    date: '2026-11-25',
    place: '实验小学党员活动室',
    reportDeadline: null,
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  const reviewIds = (started.reviews as Array<{ reviewId: string }>).map((r) => r.reviewId);
  for (let i = 0; i < reviewIds.length; i += REVIEW_BATCH_MAX) {
    const entries = reviewIds.slice(i, i + REVIEW_BATCH_MAX).map((reviewId) => ({ reviewId, version: 1, ...completeContent('MEMBER', false) }));
    await p.h.ok(d.users.branchSecretary, 'review.saveBatch', { sessionId: started.sessionId, submit: true, entries });
  }
  return { sessionId: started.sessionId, reviewIds };
}

test('when the secretary publishes a notice of more reviews than one call publishes, then it goes in parts with 正在发布 1/2 and 2/2, and every review is published', async () => {
  // Arrange
  const s = await submittedBigSession();
  expect(s.reviewIds.length).toBeGreaterThan(PUBLISH_PART);
  p.actAs(d.users.branchSecretary);
  const page = await p.open(route, { sessionId: s.sessionId, orgId: d.org.xx1 });
  await type(page, '#title', '实验小学党支部点评通报');
  await type(page, '#summary', '点评意见已逐一反馈，请认真整改。');
  await tap(page, '#preview');
  const seen: string[] = [];
  const states: string[] = [];
  const callFunction = wx.cloud.callFunction as unknown as jest.Mock;
  const deliver = callFunction.getMockImplementation() as (o: { data: { action: string } }) => Promise<unknown>;
  callFunction.mockImplementation(async (options: { data: { action: string } }) => {
    const publishing = options.data.action === 'publication.publish';
    if (publishing) seen.push(textOf(page as Comp).match(/正在发布 \d+\/\d+/)?.[0] ?? '');
    const out = await deliver(options);
    if (publishing) states.push(((out as { result: { data: { status: string } } }).result.data.status));
    return out;
  });

  // Act
  await tap(page, '#publish');

  // Assert
  expect(seen).toEqual(['正在发布 1/2', '正在发布 2/2']);
  expect(states).toEqual(['DRAFT', 'PUBLISHED']);
  expect(textOf(page)).not.toContain('正在发布');
  const reviews = [...(p.h.local.store.get('reviews')?.docs.values() ?? [])] as Array<{ _id: string; status: string }>;
  expect(reviews.filter((r) => s.reviewIds.includes(r._id) && r.status !== 'PUBLISHED')).toEqual([]);
});
