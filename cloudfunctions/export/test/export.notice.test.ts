/**
 * The 通报 as a printable written notice [001][002][004] (「以书面形式…公开」): a compiled notice of two sessions
 * exported by the export function on the local cloud and read back from the .docx.
 */
import { buildDistrict, type District } from '../../api/test/harness';
import { completeContent, startSession } from '../../api/test/work.support';
import { exportHarness } from './harness';
import { readDocx } from './readback';

const h = exportHarness();
let d: District;
let publicationId: string;

beforeAll(async () => {
  d = await buildDistrict(h);
  const first = await startSession(h, d, { keys: ['s3'] });
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: first.reviews.s3, version: 1, ...completeContent('MEMBER'), submit: true });
  const second = await startSession(h, d, { keys: ['s4'], mode: 'TALK' });
  await h.ok(d.users.branchSecretary, 'review.save', { reviewId: second.reviews.s4, version: 1, ...completeContent('MEMBER', false), problems: '与家长个别交流偏少', submit: true });
  const draft = await h.ok(d.users.branchSecretary, 'publication.draft', {
    sessionId: first.sessionId,
    sessionIds: [second.sessionId],
    title: '关于实验小学党支部领导点评情况的通报',
    summary: '现将本季度两次领导点评情况通报如下。',
    scope: { kind: 'TARGET_ORG', orgId: d.org.xx1 },
  });
  await h.ok(d.users.branchSecretary, 'publication.publish', { publicationId: draft.publicationId, version: draft.version });
  publicationId = draft.publicationId;
});

describe('form.notice', () => {
  it('when the secretary prints the compiled notice, then the Word file is a formal 通报: masthead, title, addressee, a section per review, closing, issuer, date and scope', async () => {
    // Act
    const out = await h.expOk(d.users.branchSecretary, 'form.notice', { publicationId });

    // Assert
    expect(out).toMatchObject({ forms: 2, withheld: 0, file: { name: '关于实验小学党支部领导点评情况的通报.docx' } });
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(doc.page).toMatchObject({ width: 11906, height: 16838 });
    expect(doc.paragraphs.filter((p) => p.length)).toEqual([
      '新北区实验小学党支部',
      '关于实验小学党支部领导点评情况的通报',
      '各党组织、全体党员：',
      '现将本季度两次领导点评情况通报如下。',
      '一、对李娜同志的点评',
      '点评人及方式：吴敏（实验小学校长、支部书记），个别点评',
      '主要成绩：教学成绩突出，积极参加志愿服务',
      '存在的问题：理论学习不够系统',
      '努力方向：加强理论学习，发挥先锋模范作用',
      '整改要求：制定个人学习计划并按月落实（2026年12月31日前书面回复）',
      '二、对钱军同志的点评',
      '点评人及方式：吴敏（实验小学校长、支部书记），谈话点评',
      '主要成绩：教学成绩突出，积极参加志愿服务',
      '存在的问题：与家长个别交流偏少',
      '努力方向：加强理论学习，发挥先锋模范作用',
      '整改要求：继续保持',
      '请被点评的党组织和党员认真研究点评意见，落实整改措施，整改情况以书面形式及时回复点评领导。',
      '新北区实验小学党支部',
      '2026年11月21日',
      '公开范围：被点评对象所在党组织',
    ]);
  });

  it('when a member of the branch prints it, then she may, as she reads it on screen; another branch\'s member and a stranger may not', async () => {
    expect(await h.exp(d.users.member, 'form.notice', { publicationId })).toMatchObject({ ok: true, data: { forms: 2 } });
    expect(await h.exp(d.users.otherBranchMember, 'form.notice', { publicationId })).toMatchObject({ ok: false, error: { code: 'SCOPE.FORBIDDEN' } });
    expect(await h.exp(d.users.stranger, 'form.notice', { publicationId })).toMatchObject({ ok: false, error: { code: 'AUTH.UNBOUND' } });
  });
});
