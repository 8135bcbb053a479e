/**
 * The export function on the local cloud with the seed-000 district built through the api: forms
 * of real reviews read back, who may export what, temporary links, and the campaign's form style.
 */
import { buildDistrict, type District } from '../../api/test/harness';
import { completeContent, publishedSession, startSession, type SessionSetup } from '../../api/test/work.support';
import { LINK_SECONDS } from '../src/files';
import { exportHarness } from './harness';
import { fieldsOf, readDocx } from './readback';

const h = exportHarness();
let d: District;
let s: SessionSetup & { rectificationId: string };

const MEMBER_LABELS = ['党员姓名', '所在党组织名称', '承诺事项\n及完成情况', '点评领导', '点评内容', '整改落实打算'];

beforeAll(async () => {
  d = await buildDistrict(h);
  // 李娜 makes her commitment, is reviewed, the review is published and she plans her rectification.
  await h.ok(d.users.member, 'commitment.saveMine', { campaignId: d.campaignId, date: '2026-03-01', items: [{ content: '每学期上一节示范课', progress: 50, fulfilmentNotes: '已上一节' }] });
  s = await publishedSession(h, d);
  await h.ok(d.users.member, 'rectification.act', { event: 'PLAN', rectificationId: s.rectificationId, version: 1, plan: '每月读书一本并写心得' });
});

describe('form.review', () => {
  it('when the reviewer exports a submitted review, then the file holds every field of 附件2 filled from the review, commitment and rectification', async () => {
    const out = await h.expOk(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s3 });
    expect(out).toMatchObject({ forms: 1, withheld: 0, file: { name: '李娜领导点评登记表.docx' } });
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.paragraphs).toEqual(['领导点评（党员）登记表', '时间：2026年11月21日　　　　地点：实验小学党员活动室', '注：此表由党员所在党组织保存。']);
    expect(fieldsOf(doc.tables[0], MEMBER_LABELS)).toEqual({
      党员姓名: '李娜',
      所在党组织名称: '新北区实验小学党支部',
      '承诺事项\n及完成情况': '1. 每学期上一节示范课（完成50%）：已上一节',
      点评领导: '吴敏（实验小学校长、支部书记）',
      点评内容: [
        '点评方式：个别点评',
        '（一）立足岗位发挥带头作用：roleModel方面表现良好，带头作用明显',
        '（二）公开承诺及践行：commitments方面表现良好，带头作用明显',
        '（三）为群众办实事：service方面表现良好，带头作用明显',
        '取得的成绩：教学成绩突出，积极参加志愿服务',
        '存在的问题：理论学习不够系统',
        '努力方向：加强理论学习，发挥先锋模范作用',
        '整改要求：制定个人学习计划并按月落实',
      ].join('\n'),
      整改落实打算: '每月读书一本并写心得',
    });
  });

  it('when a file is exported, then its link is temporary: ten minutes from the function clock', async () => {
    // Frozen first, then set: a running clock would move on between the two calls.
    h.clock.freeze();
    h.clock.set('2026-11-22T09:00+08:00');
    const out = await h.expOk(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s3 });
    expect(out.file.expiresAt).toBe(Date.parse('2026-11-22T09:00+08:00') + LINK_SECONDS * 1000);
    expect(out.file.url).toMatch(/\?sign=[0-9a-f]{32}&t=\d+$/);
    expect(out.file.fileID).toMatch(/^cloud:\/\/[^/]+\/exports\/t000\/[0-9a-f-]{36}\//);
  });

  it('when the target herself exports her reviewed form, then she may, as she may read it', async () => {
    expect(await h.exp(d.users.member, 'form.review', { reviewId: s.reviews.s3 })).toMatchObject({ ok: true, data: { forms: 1 } });
  });

  it('when people who cannot read the review ask for its form, then they are refused as review.get refuses them', async () => {
    expect(await h.exp(d.users.otherBranchMember, 'form.review', { reviewId: s.reviews.s3 })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await h.exp(d.users.stranger, 'form.review', { reviewId: s.reviews.s3 })).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } });
    expect(await h.exp(d.users.otherTenantAdmin, 'form.review', { reviewId: s.reviews.s3 })).toMatchObject({ ok: false, error: { code: 'AUTH.OTHER_TENANT' } });
  });

  it('when the review is still a draft, then no form is made', async () => {
    expect(await h.exp(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s4 })).toMatchObject({ ok: false, error: { code: 'REVIEW.NOT_SUBMITTED', message: '点评尚未提交，提交后才能导出登记表' } });
  });
});

describe('form.session and form.members', () => {
  it('when the reviewer exports the session, then the file holds the forms of its submitted reviews only', async () => {
    const out = await h.expOk(d.users.branchSecretary, 'form.session', { sessionId: s.sessionId });
    expect(out).toMatchObject({ forms: 1, withheld: 0 });
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.tables.map((t) => fieldsOf(t, MEMBER_LABELS).党员姓名)).toEqual(['李娜']);
  });

  it('when the branch secretary exports the 党员档案 of the year, then it holds the branch members reviewed in it', async () => {
    const out = await h.expOk(d.users.branchSecretary, 'form.members', { orgId: d.org.xx1, campaignId: d.campaignId, cycleKey: '2026' });
    expect(out.file.name).toBe('新北区实验小学党支部领导点评党员档案（2026年）.docx');
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.tables.map((t) => fieldsOf(t, MEMBER_LABELS).党员姓名)).toEqual(['李娜']);
  });

  it('when a bound member of another branch asks for a session’s forms, then none of its reviews is readable and nothing is made', async () => {
    expect(await h.exp(d.users.otherBranchMember, 'form.session', { sessionId: s.sessionId })).toMatchObject({ ok: false, error: { code: 'EXPORT.EMPTY', message: '本次点评还没有您可以导出的已提交点评' } });
  });

  it('when a plain member or another branch asks for the 党员档案, then they are refused', async () => {
    expect(await h.exp(d.users.member, 'form.members', { orgId: d.org.xx1, campaignId: d.campaignId, cycleKey: '2026' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.exp(d.users.generalBranchSecretary, 'form.members', { orgId: d.org.xx1, campaignId: d.campaignId, cycleKey: '2026' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when a cycle has no reviews, then the answer says so instead of an empty file', async () => {
    expect(await h.exp(d.users.branchSecretary, 'form.members', { orgId: d.org.xx1, campaignId: d.campaignId, cycleKey: '2026-H1' })).toMatchObject({
      ok: false,
      error: { code: 'EXPORT.EMPTY', message: '新北区实验小学党支部在2026年上半年还没有可以导出的党员点评' },
    });
  });
});

describe('the campaign chooses the form style', () => {
  it('when the campaign takes the [003] forms, then the same review is exported as 附件3 with the campaign heading', async () => {
    const campaign = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: campaign.version, forms: { style: 'DETAILED', heading: '全区教育卫生系统创先争优活动' } });
    const out = await h.expOk(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s3 });
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.paragraphs).toEqual(['全区教育卫生系统创先争优活动', '领导点评党员参加创先争优活动情况表']);
    expect(fieldsOf(doc.tables[0], ['党员姓名', '单位及职务', '所属支部', '点评领导', '点评地点', '点评形式', '存在问题', '整改意见建议', '点评问题整改落实情况'])).toEqual({
      党员姓名: '李娜',
      单位及职务: '语文教师',
      所属支部: '新北区实验小学党支部',
      点评领导: '吴敏',
      点评地点: '实验小学党员活动室',
      点评形式: '个别点评',
      存在问题: '理论学习不够系统',
      整改意见建议: '制定个人学习计划并按月落实',
      点评问题整改落实情况: '整改措施：每月读书一本并写心得\n落实情况：整改中',
    });
    const after = await h.ok(d.users.admin, 'campaign.get', { campaignId: d.campaignId });
    await h.ok(d.users.admin, 'campaign.update', { campaignId: d.campaignId, version: after.version, forms: { style: 'SIMPLE' } });
  });
});

describe('a second session leaves other reviews alone', () => {
  it('when another session of the branch is started, then the first session export is unchanged', async () => {
    await startSession(h, d, { keys: ['s5'] });
    await h.ok(d.users.branchSecretary, 'review.save', { reviewId: s.reviews.s4, version: 1, ...completeContent('MEMBER', false), submit: true });
    const out = await h.expOk(d.users.branchSecretary, 'form.session', { sessionId: s.sessionId });
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.tables.map((t) => fieldsOf(t, MEMBER_LABELS).党员姓名)).toEqual(['李娜', '钱军']);
    expect(doc.pageBreaks).toBe(1);
  });
});

describe('the commitments as they stood on the review date (issue 22)', () => {
  it('when the member changes her commitment after the review, then her 登记表 still prints the commitment as it stood when the review was submitted', async () => {
    // Arrange: after the review, 李娜 reports the commitment done and adds a second one.
    const before = await readDocx(await h.download((await h.expOk(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s3 })).file.fileID));
    const list = await h.ok(d.users.member, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 });
    const mine = list.commitments.find((c: { owner: { personId?: string } }) => c.owner.personId === d.person.s3);
    await h.ok(d.users.member, 'commitment.saveMine', {
      campaignId: d.campaignId,
      date: '2026-03-01',
      version: mine.version,
      items: [
        { id: mine.items[0].id, content: '每学期上一节示范课', progress: 100, fulfilmentNotes: '两节示范课都已上完' },
        { content: '结对帮扶一名青年教师', progress: 10, fulfilmentNotes: '' },
      ],
    });

    // Act
    const after = await readDocx(await h.download((await h.expOk(d.users.branchSecretary, 'form.review', { reviewId: s.reviews.s3 })).file.fileID));

    // Assert: the old state is printed, and the new progress is not.
    const printed = fieldsOf(after.tables[0], MEMBER_LABELS)['承诺事项\n及完成情况'];
    expect(printed).toBe('1. 每学期上一节示范课（完成50%）：已上一节');
    expect(printed).toBe(fieldsOf(before.tables[0], MEMBER_LABELS)['承诺事项\n及完成情况']);
    expect(JSON.stringify(after)).not.toMatch(/完成100%|两节示范课都已上完|结对帮扶/);
    // The member's own 承诺 screen has today's state: the change did land.
    expect(JSON.stringify((await h.ok(d.users.member, 'commitment.list', { campaignId: d.campaignId, orgId: d.org.xx1 })).commitments)).toContain('两节示范课都已上完');
  });
});
