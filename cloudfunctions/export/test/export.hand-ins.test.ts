/**
 * The 台帐 keeps what lower units handed in (issue 24 item 4): 实验小学党支部's 具体方案 as a Word paper with its
 * attachment as uploaded, and the written 总结 of its progress report; a unit that handed in nothing has no paper.
 */
import JSZip from 'jszip';
import { buildDistrict, type District } from '../../api/test/harness';
import { exportHarness } from './harness';
import { readDocx } from './readback';

const h = exportHarness();
let d: District;
const PLAN = '一、12月中旬召开支部党员大会，逐一点评全体党员。\n二、会后一周内反馈点评意见。';
const SIGNED = Buffer.from('%PDF-1.4 signed page');

beforeAll(async () => {
  d = await buildDistrict(h);
  await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
  await h.ok(d.users.committeeSecretary, 'handin.ask', { campaignId: d.campaignId, orgId: d.org.gw, deadline: '2026-12-20' });
  const fileID = await h.upload(`handins/${d.tenantId}/1-签字页.pdf`, SIGNED);
  await h.ok(d.users.branchSecretary, 'handin.submit', { campaignId: d.campaignId, orgId: d.org.xx1, text: PLAN, files: [{ fileID, name: '签字页.pdf' }] });
  await h.ok(d.users.branchSecretary, 'progress.submit', { campaignId: d.campaignId, orgId: d.org.xx1, writtenSummary: '本阶段完成对全体党员的点评，整改回复还要更及时。' });
});

describe('hand-ins in the 台帐', () => {
  it('when the office archives the tree, then 实验小学党支部\'s folder holds its 具体方案, the attachment as uploaded, and its 总结; other units have none', async () => {
    // Act
    const started = await h.expOk(d.users.admin, 'archive.start', { orgId: d.org.gw, campaignId: d.campaignId, cycleKey: '2026' });
    let view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });
    for (let i = 0; i < 10 && view.status !== 'DONE'; i++) view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });

    // Assert
    expect(view.status).toBe('DONE');
    const zip = await JSZip.loadAsync(await h.download(view.file.fileID));
    const folder = '中共常州市新北区社会事业局工作委员会领导点评台帐（2026年）/中共常州市新北区社会事业局工作委员会/新北区实验小学党支部';
    const files = Object.keys(zip.files).filter((n) => !n.endsWith('/'));
    expect(files.filter((n) => /具体方案|书面总结/.test(n)).sort()).toEqual([`${folder}/具体方案附件1-签字页.pdf`, `${folder}/进度上报书面总结.docx`, `${folder}/领导点评工作具体方案.docx`].sort());
    const plan = await readDocx(await zip.file(`${folder}/领导点评工作具体方案.docx`)!.async('nodebuffer'));
    expect(plan.paragraphs).toEqual(expect.arrayContaining(['新北区实验小学党支部领导点评工作具体方案', '报送：中共常州市新北区社会事业局工作委员会', '上交截止：2026年12月20日', '上交时间：2026年11月21日（已交）', '一、12月中旬召开支部党员大会，逐一点评全体党员。', '二、会后一周内反馈点评意见。']));
    expect(Buffer.from(await zip.file(`${folder}/具体方案附件1-签字页.pdf`)!.async('nodebuffer')).equals(SIGNED)).toBe(true);
    const summary = await readDocx(await zip.file(`${folder}/进度上报书面总结.docx`)!.async('nodebuffer'));
    expect(summary.paragraphs).toEqual(expect.arrayContaining(['本阶段完成对全体党员的点评，整改回复还要更及时。']));
  });
});
