/** 录入点评 with the review-quality hints (issue 27): shown under a review when a box loses focus, never blocking. */
import { tap, textOf, type, usePages } from '../../../../__test__/pages';
import { buildDistrict, type District } from '../../../../../cloudfunctions/api/test/harness';
import { startSession } from '../../../../../cloudfunctions/api/test/work.support';

const p = usePages();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(p.h);
});

const problems = '课堂上偏重讲解，学生动手操作和小组讨论的时间少；与家长沟通主要靠群里发通知，个别学困生家长一学期没有单独交流过。';

test('when the secretary writes for 李娜 what they wrote for 钱军 and leaves the box, then a quiet hint names 钱军, and submitting still goes through', async () => {
  // Arrange: 钱军's review of this cycle was written in an earlier session.
  const first = await startSession(p.h, d, { keys: ['s4'] });
  await p.h.ok(d.users.branchSecretary, 'review.save', { reviewId: first.reviews.s4, version: 1, problems });
  const second = await startSession(p.h, d, { keys: ['s3'] });
  p.actAs(d.users.branchSecretary);
  const batch = await p.open('pages/session/batch/batch', { id: second.sessionId });
  expect(batch.querySelector('#hints-0 >>> #review-hints')).toBeFalsy();

  // Act
  await type(batch, '#e0-problems', problems);
  batch.querySelector('#e0-problems')!.dispatchEvent('blur', { detail: { value: problems } });
  await p.settle();

  // Assert
  const shown = textOf(batch);
  expect(shown).toContain('与您本周期写给钱军的点评几乎相同');
  expect(batch.querySelector('#hints-0 >>> #hint-COPIED_OTHER-0')).toBeTruthy();
  await tap(batch, '#save');
  expect(p.sent.filter((e) => e.action === 'review.saveBatch')).toHaveLength(1);
});
