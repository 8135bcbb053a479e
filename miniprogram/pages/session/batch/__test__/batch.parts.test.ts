/** 录入点评 for a meeting larger than one call takes: the reviews go in parts, 「正在保存 1/2」, and nothing typed is lost. */
import { tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { REVIEW_BATCH_MAX } from '../../../../core/contracts/api/review-work';

type Comp = Awaited<ReturnType<ReturnType<typeof usePages>['open']>>;
const p = usePages();
let d: District;
const route = 'pages/session/batch/batch';
// Extra members are spread over five branches: enough for 实验小学党支部 (xx1) to hold more than one part.
const EXTRA = 5 * (REVIEW_BATCH_MAX + 5);

beforeAll(async () => {
  d = await buildDistrict(p.h, EXTRA);
});

beforeEach(() => jest.clearAllMocks());

/** A session of the xx1 secretary over every member of xx1: more reviews than one call may carry. */
async function bigSession(): Promise<{ sessionId: string; reviewIds: string[] }> {
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
    reportDeadline: '2026-11-24',
    opinionDeadline: '2026-11-24',
    opinionsAnonymous: false,
  });
  return { sessionId: started.sessionId, reviewIds: (started.reviews as Array<{ reviewId: string }>).map((r) => r.reviewId) };
}

/** Records what the screen said as each review.saveBatch call left the phone; `onCall` may act on the n-th call. */
function watchParts(page: () => Comp, onCall: (n: number) => void = () => undefined): string[] {
  const seen: string[] = [];
  const callFunction = wx.cloud.callFunction as unknown as jest.Mock;
  const deliver = callFunction.getMockImplementation() as (o: { data: { action: string } }) => Promise<unknown>;
  callFunction.mockImplementation((options: { data: { action: string } }) => {
    if (options.data.action === 'review.saveBatch') {
      seen.push(textOf(page()).match(/正在保存 \d+\/\d+/)?.[0] ?? '');
      onCall(seen.length);
    }
    return deliver(options);
  });
  return seen;
}

test('when the secretary saves drafts for more people than one call carries, then they go in parts, the screen says 正在保存 1/2 then 2/2, and the server has every one', async () => {
  // Arrange
  const s = await bigSession();
  expect(s.reviewIds.length).toBeGreaterThan(REVIEW_BATCH_MAX);
  p.actAs(d.users.branchSecretary);
  const batch = await p.open(route, { id: s.sessionId });
  const count = (batch.instance as unknown as { data: { entries: unknown[] } }).data.entries.length;
  for (let i = 0; i < count; i++) await type(batch, `#e${i}-achievements`, `第${i + 1}位带头上好公开课`);
  const seen = watchParts(() => batch);

  // Act
  await tap(batch, '#save');

  // Assert
  const parts = p.sent.filter((e) => e.action === 'review.saveBatch').map((e) => (e.payload as { entries: unknown[] }).entries.length);
  expect(parts).toEqual([REVIEW_BATCH_MAX, count - REVIEW_BATCH_MAX]);
  expect(seen).toEqual(['正在保存 1/2', '正在保存 2/2']);
  expect(textOf(batch)).not.toContain('正在保存');
  const saved = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
  const texts = (saved.reviews as Array<{ achievements: string }>).map((r) => r.achievements);
  for (let i = 0; i < count; i++) expect(texts).toContain(`第${i + 1}位带头上好公开课`);
});

test('when the network drops after the first part, then the first part is on the server and reopening shows every word of the second', async () => {
  // Arrange
  const s = await bigSession();
  p.actAs(d.users.branchSecretary);
  const batch = await p.open(route, { id: s.sessionId });
  const count = (batch.instance as unknown as { data: { entries: unknown[] } }).data.entries.length;
  for (let i = 0; i < count; i++) await type(batch, `#e${i}-problems`, `第${i + 1}位课堂提问偏少`);
  // The first part goes through; the phone goes offline as the second leaves.
  watchParts(() => batch, (n) => (n === 2 ? p.setOffline(true) : undefined));

  // Act
  await tap(batch, '#save');
  p.setOffline(false);
  const again = await p.open(route, { id: s.sessionId });

  // Assert: the server has the first part; the phone still has the second part's words.
  const saved = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
  const onServer = (saved.reviews as Array<{ problems: string }>).filter((r) => r.problems.endsWith('课堂提问偏少'));
  expect(onServer).toHaveLength(REVIEW_BATCH_MAX);
  const shown = (again.instance as unknown as { data: { entries: Array<{ problems: string }> } }).data.entries.map((e) => e.problems);
  for (let i = 0; i < count; i++) expect(shown).toContain(`第${i + 1}位课堂提问偏少`);
});
