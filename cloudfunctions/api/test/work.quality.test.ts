/**
 * Review quality (issue 27) through main(event): `session.get` gives the reviewer what the hints on the
 * phone compare with (fingerprints of their other reviews, never their text; the targets' commitments),
 * and submitting reviews keeps per-unit counts of the hints they carried, read by `progress.get`.
 */
import { apiHarness, freshDistrict, FIXTURE_NOW, type Data, type District } from './harness';
import { startSession } from './work.support';

const h = apiHarness();
let d: District;

beforeEach(async () => {
  d = await freshDistrict(h);
});
afterEach(() => h.clock.set(FIXTURE_NOW));

const specific = {
  aspects: [
    { key: 'roleModel', text: '钱军同志担任六年级数学教师，毕业班期中平均分比上学期提高六分。' },
    { key: 'commitments', text: '承诺每周为计算薄弱学生开一次答疑课，已坚持十次。' },
    { key: 'service', text: '帮助两户外来务工家庭办理了午餐补助。' },
  ],
  achievements: '在区青年教师优质课评比中获二等奖。',
  problems: '课堂上偏重讲解，学生动手操作和小组讨论的时间少；与家长沟通主要靠群里发通知，个别学困生家长一学期没有单独交流过。',
  direction: '每节课留出十分钟给学生讨论或操作；本学期内与每位学困生家长至少面谈一次。',
  rectification: { required: false, requirement: '继续保持', deadline: null, imposed: false },
};

describe('session.get for the reviewer', () => {
  it('when the secretary opens a session after reviewing another member this cycle, then the quality context holds that review as a fingerprint (no text) and the target\'s commitments', async () => {
    // Arrange: 李娜 commits publicly; 钱军 is reviewed in an earlier session of the same cycle.
    await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '每学期上一节语文示范课', progress: 50, fulfilmentNotes: '十月已在全校上了一节' }] });
    const first = await startSession(h, d, { keys: ['s4'] });
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: first.reviews.s4, version: 1, ...specific, submit: true });
    const second = await startSession(h, d, { keys: ['s3'] });

    // Act
    const view = await h.ok(d.users.branchSecretary, 'session.get', { sessionId: second.sessionId });

    // Assert
    expect(view.quality.others).toEqual([{ targetKey: d.person.s4, targetName: '钱军', cycle: 'THIS', fingerprint: { body: expect.stringMatching(/^[0-9a-f]{256}$/), problems: expect.stringMatching(/^[0-9a-f]{256}$/), direction: expect.stringMatching(/^[0-9a-f]{256}$/) } }]);
    expect(JSON.stringify(view.quality)).not.toContain('偏重讲解');
    expect(view.quality.commitments).toEqual({ [d.person.s3]: [{ content: '每学期上一节语文示范课', fulfilmentNotes: '十月已在全校上了一节' }] });
  });

  it('when someone other than the reviewer opens the session, then there is no quality context', async () => {
    // Arrange
    const s = await startSession(h, d, { keys: ['s3'] });
    // Act
    const view = await h.ok(d.users.member, 'session.get', { sessionId: s.sessionId });
    // Assert
    expect(view.quality).toBeNull();
  });
});

describe('quality counts on submission', () => {
  it('when a meeting submits a copied, generic review and a specific one, then progress.get counts them for the branch and the 工委 above, by kind', async () => {
    // Arrange: a plan (counters exist), 李娜's commitment, and two reviews where 李娜's copies 钱军's with stock problems.
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '每学期上一节语文示范课', progress: 50 }] });
    const s = await startSession(h, d, { mode: 'CENTRAL', keys: ['s3', 's4'] });
    const copied = { ...specific, problems: '理论学习不够深入，工作作风有待改进，创新意识不强。' };

    // Act
    await h.ok(d.users.branchSecretary, 'review.saveBatch', {
      sessionId: s.sessionId,
      submit: true,
      entries: [
        { reviewId: s.reviews.s4, version: 1, ...specific },
        { reviewId: s.reviews.s3, version: 1, ...copied },
      ],
    });
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });

    // Assert: 李娜's review copies 钱军's (and so does his of hers), is generic and skips her commitment.
    const branch = table.rows.find((r: Data) => r.orgId === d.org.xx1);
    const want = { submitted: 2, hints: { COPIED_OTHER: 2, COPIED_LAST: 0, GENERIC: 1, NO_COMMITMENT: 1, PRAISE_AS_PROBLEM: 0 } };
    expect(branch.quality).toEqual(want);
    expect(table.rows[0].quality).toEqual(want);
    const other = table.rows.find((r: Data) => r.orgId === d.org.wsy);
    expect(other.quality).toEqual({ submitted: 0, hints: { COPIED_OTHER: 0, COPIED_LAST: 0, GENERIC: 0, NO_COMMITMENT: 0, PRAISE_AS_PROBLEM: 0 } });
  });

  it('when reviews are only saved as drafts, then nothing is counted', async () => {
    // Arrange
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    const s = await startSession(h, d, { keys: ['s3'] });
    // Act
    await h.ok(d.users.branchSecretary, 'review.saveBatch', { sessionId: s.sessionId, submit: false, entries: [{ reviewId: s.reviews.s3, version: 1, problems: '工作太拼，不注意休息。' }] });
    const table = await h.ok(d.users.branchSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.xx1 });
    // Assert
    expect(table.rows[0].quality.submitted).toBe(0);
  });
});
