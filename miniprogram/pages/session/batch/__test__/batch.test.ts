/** 录入点评 as people write: one person per screen, drafts kept on the phone, 整改要求 turning on the rectification. */
import { lastNavigation, tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { completeContent, startSession } from '../../../../../cloudfunctions/api/test/work.support';

const p = usePages();
let d: District;
const route = 'pages/session/batch/batch';

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

beforeEach(() => jest.clearAllMocks());

test('when the secretary types for 李娜 and leaves without saving, then reopening 录入点评 shows every word', async () => {
  // Arrange
  const s = await startSession(p.h, d);
  p.actAs(d.users.branchSecretary);
  const first = await p.open(route, { id: s.sessionId });
  await type(first, '#e0-problems', '课堂提问偏少（未保存的草稿）');

  // Act: a back tap, a dropped network: nothing was sent, the page is opened again.
  const again = await p.open(route, { id: s.sessionId });

  // Assert
  expect(p.sent.filter((e) => e.action === 'review.saveBatch')).toHaveLength(0);
  expect((again.instance as unknown as { data: { entries: Array<{ problems: string }> } }).data.entries[0].problems).toBe('课堂提问偏少（未保存的草稿）');
});

test('when the session has two people, then one shows at a time with 1/2, and 下一位 saves what was typed and shows 2/2', async () => {
  // Arrange
  const s = await startSession(p.h, d);
  p.actAs(d.users.branchSecretary);
  const batch = await p.open(route, { id: s.sessionId });
  expect(textOf(batch)).toContain('1/2');
  await type(batch, '#e0-achievements', '带头上好公开课');

  // Act
  await tap(batch, '#next');

  // Assert
  expect(textOf(batch)).toContain('2/2');
  const saved = await p.h.ok(d.users.branchSecretary, 'session.get', { sessionId: s.sessionId });
  expect(saved.reviews.map((r: { achievements: string }) => r.achievements)).toContain('带头上好公开课');
});

test('when 整改要求 asks for a change and the box is left, then 需要整改并书面回复 turns on and the deadline is asked for', async () => {
  // Arrange
  const s = await startSession(p.h, d);
  p.actAs(d.users.branchSecretary);
  const batch = await p.open(route, { id: s.sessionId });
  await type(batch, '#e0-requirement', '制定学习计划，月底前书面回复');

  // Act
  batch.querySelector('#e0-requirement')!.dispatchEvent('blur', { detail: { value: '制定学习计划，月底前书面回复' } });
  await p.settle();

  // Assert
  expect((batch.instance as unknown as { data: { entries: Array<{ rectRequired: boolean }> } }).data.entries[0].rectRequired).toBe(true);
  expect(textOf(batch)).toContain('整改期限');
});

test('when every review is submitted, then the result shows with 去发布通报, which opens the publish page of the session', async () => {
  // Arrange: a session over 李娜 alone, her review saved complete on the server.
  const s = await startSession(p.h, d, { keys: ['s3'] });
  await p.h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s3, version: 1, ...completeContent('MEMBER', false) });
  p.actAs(d.users.branchSecretary);
  const batch = await p.open(route, { id: s.sessionId });

  // Act
  await tap(batch, '#submit');
  await tap(batch, '#to-publish');

  // Assert
  expect(textOf(batch)).toContain('已提交1份点评');
  expect(lastNavigation('redirectTo')).toEqual(['pages/publication/publish/publish', { sessionId: s.sessionId, orgId: d.org.xx1 }]);
});
