/**
 * 党员人数 on the org registration form [000 附件1][003 附件2] through the export function's main: a
 * 党总支 whose members are all registered in its two branches counts every one of them.
 */
import { buildDistrict, type District } from '../../api/test/harness';
import { completeContent } from '../../api/test/work.support';
import { exportHarness } from './harness';
import { fieldsOf, readDocx } from './readback';

const h = exportHarness();
let d: District;

beforeAll(async () => {
  d = await buildDistrict(h);
});

async function reviewOrg(orgKey: string): Promise<string> {
  const started = await h.ok(d.users.committeeSecretary, 'session.start', {
    campaignId: d.campaignId,
    orgId: d.org.gw,
    mode: 'ON_SITE',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: [{ kind: 'ORG', id: d.org[orgKey] }] },
    date: '2026-11-25',
    place: '初级中学会议室',
    reportDeadline: '2026-11-24',
    opinionDeadline: '2026-11-24',
    opinionsAnonymous: false,
  });
  const reviewId = (started.reviews as Array<{ reviewId: string }>)[0].reviewId;
  await h.ok(d.users.committeeSecretary, 'review.save', { reviewId, version: 1, ...completeContent('ORG'), submit: true });
  return reviewId;
}

describe('党员人数 on the org form', () => {
  it('when the 工委 secretary exports his review of the 初级中学党总支, then 党员人数 counts the six members of its two branches', async () => {
    // Arrange: zx has no member of its own; z1–z4 are in 教工第一党支部, z5–z6 in 教工第二党支部.
    const reviewId = await reviewOrg('zx');

    // Act
    const out = await h.expOk(d.users.committeeSecretary, 'form.review', { reviewId });

    // Assert
    const doc = await readDocx(await h.download(out.file.fileID));
    expect(fieldsOf(doc.tables[0], ['基层党组织名称', '党员人数'])).toEqual({ 基层党组织名称: '新北区初级中学党总支', 党员人数: '6' });
  });

  it('when a branch is reviewed, then 党员人数 counts its party members in post only (no 群众代表, nobody who left)', async () => {
    const reviewId = await reviewOrg('wsy');
    const out = await h.expOk(d.users.committeeSecretary, 'form.review', { reviewId });
    const doc = await readDocx(await h.download(out.file.fileID));
    // w1–w4 are members (w4 mobile, still registered here); m1 is a 群众代表.
    expect(fieldsOf(doc.tables[0], ['基层党组织名称', '党员人数']).党员人数).toBe('4');
  });
});
