/**
 * The export function's longer work on the local cloud: the 台帐 archive job, the progress sheet
 * against progress.submit / progress.get, and the roster file import through roster.import.
 */
import JSZip from 'jszip';
import { buildDistrict, type District } from '../../api/test/harness';
import { submittedSession } from '../../api/test/work.support';
import { exportHarness } from './harness';
import { fieldsOf, readDocx, readXlsx } from './readback';
import { filledRoster, zipBomb } from './roster-files';

const h = exportHarness();
let d: District;

const count = (collection: string) => h.local.store.get(collection)?.docs.size ?? 0;
const nine = (r: { required: Counts; newlyCompleted: Counts; cumulative: Counts }) => [r.required, r.newlyCompleted, r.cumulative].flatMap((c) => [c.leaders, c.orgs, c.members]);
type Counts = { leaders: number; orgs: number; members: number };

beforeAll(async () => {
  d = await buildDistrict(h);
  await submittedSession(h, d);
});

describe('the 台帐 archive job', () => {
  it('when the office archives the whole tree for the year, then steps report progress and the zip holds each org folder with its forms', async () => {
    const started = await h.expOk(d.users.admin, 'archive.start', { orgId: d.org.gw, campaignId: d.campaignId, cycleKey: '2026' });
    expect(started).toMatchObject({ status: 'RUNNING', done: 0, total: 7 });
    let view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });
    for (let i = 0; i < 10 && view.status !== 'DONE'; i++) view = await h.expOk(d.users.admin, 'archive.step', { jobId: started.jobId });
    expect(view).toMatchObject({ status: 'DONE', done: 7, total: 7, forms: 1, withheld: 0, file: { name: '中共常州市新北区社会事业局工作委员会领导点评台帐（2026年）.zip' } });

    const zip = await JSZip.loadAsync(await h.download(view.file.fileID));
    const root = '中共常州市新北区社会事业局工作委员会领导点评台帐（2026年）';
    const docx = Object.keys(zip.files).filter((n) => n.endsWith('.docx'));
    expect(docx).toEqual([`${root}/中共常州市新北区社会事业局工作委员会/新北区实验小学党支部/领导点评党员档案.docx`]);
    const doc = await readDocx(await zip.file(docx[0])!.async('nodebuffer'));
    expect(fieldsOf(doc.tables[0], ['党员姓名', '所在党组织名称', '点评领导'])).toEqual({ 党员姓名: '李娜', 所在党组织名称: '新北区实验小学党支部', 点评领导: '吴敏（实验小学校长、支部书记）' });
  });

  it('when someone else tries to move or take another person’s job, then it is not found for them', async () => {
    const started = await h.expOk(d.users.committeeSecretary, 'archive.start', { orgId: d.org.gw, campaignId: d.campaignId, cycleKey: '2026' });
    expect(await h.exp(d.users.admin, 'archive.step', { jobId: started.jobId })).toMatchObject({ ok: false, error: { code: 'EXPORT.JOB_NOT_FOUND' } });
    expect(await h.exp(d.users.member, 'archive.start', { orgId: d.org.xx1, campaignId: d.campaignId, cycleKey: '2026' })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  it('when a secretary archives a subtree where a review was written by someone they may not read, then it is left out and counted', async () => {
    // 黄海 (党总支 secretary) oversees 初级中学 only: nothing of 实验小学 reaches his archive.
    const started = await h.expOk(d.users.generalBranchSecretary, 'archive.start', { orgId: d.org.zx, campaignId: d.campaignId, cycleKey: '2026' });
    let view = await h.expOk(d.users.generalBranchSecretary, 'archive.step', { jobId: started.jobId });
    for (let i = 0; i < 10 && view.status !== 'DONE'; i++) view = await h.expOk(d.users.generalBranchSecretary, 'archive.step', { jobId: started.jobId });
    expect(view).toMatchObject({ status: 'DONE', total: 3, forms: 0 });
    const zip = await JSZip.loadAsync(await h.download(view.file.fileID));
    expect(Object.keys(zip.files).filter((n) => !n.endsWith('/'))).toEqual(['新北区初级中学党总支领导点评台帐（2026年）/说明.txt']);
  });
});

describe('the progress sheet', () => {
  it('when a past report is exported, then every figure is that of progress.submit and progress.history', async () => {
    await h.ok(d.users.admin, 'campaign.plan', { campaignId: d.campaignId });
    const report = await h.ok(d.users.committeeSecretary, 'progress.submit', { campaignId: d.campaignId, orgId: d.org.gw });
    h.clock.advance('2d');
    const out = await h.expOk(d.users.committeeSecretary, 'progress.sheet', { campaignId: d.campaignId, orgId: d.org.gw, reportId: report.id });
    const ws = (await readXlsx(await h.download(out.file.fileID))).getWorksheet('进度报表')!;
    const [total, ...children] = report.rows as Array<{ name: string } & Parameters<typeof nine>[0]>;
    expect(children.map((c) => c.name).sort()).toEqual(['局机关党支部', '新北区初级中学党总支', '新北区实验小学党支部', '罗溪镇卫生院党支部'].sort());
    const rowsOnSheet = Array.from({ length: children.length + 2 }, (_, i) => Array.from({ length: 10 }, (_, j) => ws.getCell(7 + i, j + 1).value));
    expect(rowsOnSheet.slice(0, children.length)).toEqual(children.map((c) => [c.name, ...nine(c)]));
    expect(rowsOnSheet[children.length + 1]).toEqual(['合计', ...nine(total)]);
    expect(ws.getCell('A4').value).toBe('上报单位：中共常州市新北区社会事业局工作委员会');
    expect(ws.getCell('F4').value).toBe('上报日期：2026年11月21日');
    const history = await h.ok(d.users.committeeSecretary, 'progress.history', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(history.reports[0].rows.map(nine)).toEqual(report.rows.map(nine));
  });

  it('when the table as it stands is exported, then its figures are those of progress.get', async () => {
    const table = await h.ok(d.users.committeeSecretary, 'progress.get', { campaignId: d.campaignId, orgId: d.org.gw });
    const out = await h.expOk(d.users.committeeSecretary, 'progress.sheet', { campaignId: d.campaignId, orgId: d.org.gw });
    const ws = (await readXlsx(await h.download(out.file.fileID))).getWorksheet('进度报表')!;
    const last = 7 + table.rows.length;
    expect(Array.from({ length: 10 }, (_, j) => ws.getCell(last, j + 1).value)).toEqual(['合计', ...nine(table.rows[0])]);
    expect(ws.getCell(7, 1).value).toBe(table.rows[1].name);
  });

  it('when a report of another org is named, or a plain member asks, then no sheet is made', async () => {
    const report = await h.ok(d.users.committeeSecretary, 'progress.submit', { campaignId: d.campaignId, orgId: d.org.gw });
    expect(await h.exp(d.users.branchSecretary, 'progress.sheet', { campaignId: d.campaignId, orgId: d.org.xx1, reportId: report.id })).toMatchObject({ ok: false, error: { code: 'PROGRESS.REPORT_NOT_FOUND' } });
    expect(await h.exp(d.users.member, 'progress.sheet', { campaignId: d.campaignId, orgId: d.org.xx1 })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});

describe('the roster template and import from Excel', () => {
  it('when the office downloads the template, then it has both sheets, the instructions row, headers and drop-downs', async () => {
    const out = await h.expOk(d.users.admin, 'roster.template', {});
    const wb = await readXlsx(await h.download(out.file.fileID));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党组织表', '人员表']);
    expect(String(wb.getWorksheet('人员表')!.getCell('A1').value)).toMatch(/^填写说明：/);
    expect(Array.from({ length: 3 }, (_, i) => wb.getWorksheet('党组织表')!.getCell(2, i + 1).value)).toEqual(['党组织名称', '类型', '上级党组织']);
    expect(wb.getWorksheet('党组织表')!.getCell('B5').dataValidation).toMatchObject({ type: 'list', formulae: ['"党委,党总支,党支部,党小组,党组,工委,机关党委"'] });
    expect(wb.getWorksheet('人员表')!.getCell('D9').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(await h.exp(d.users.committeeSecretary, 'roster.template', {})).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });

  const people = (n: number, org: string) => Array.from({ length: n }, (_, i) => [`新党员${i}`, org, '教师', '是']);

  it('when one row names an org that does not exist, then the error names the sheet, row and column, and nothing is written', async () => {
    const persons = [...people(9, '新北区实验小学党支部'), ['王小明', '实验小学党支部', '教师', '是']];
    const fileID = await h.upload('imports/t000/roster-bad.xlsx', await filledRoster([['新北区第二实验小学党支部', '党支部', '中共常州市新北区社会事业局工作委员会']], persons));
    const [orgs, persons0] = [count('orgs'), count('persons')];
    const reply = await h.exp(d.users.admin, 'roster.importFile', { fileID });
    expect(reply).toMatchObject({ ok: false, error: { code: 'ORG.TREE_INVALID', message: '人员表 第12行「所在党组织」：所在党组织“实验小学党支部”不在本次导入中，也不是已有的党组织。本次未导入任何数据' } });
    expect(!reply.ok && reply.error.issues).toEqual([{ path: ['人员表', 12, '所在党组织'], message: '人员表 第12行「所在党组织」：所在党组织“实验小学党支部”不在本次导入中，也不是已有的党组织' }]);
    expect([count('orgs'), count('persons')]).toEqual([orgs, persons0]);
  });

  it('when every row is good, then the orgs and people are imported under existing orgs by name', async () => {
    const fileID = await h.upload('imports/t000/roster-good.xlsx', await filledRoster([['新北区第二实验小学党支部', '党支部', '中共常州市新北区社会事业局工作委员会']], [...people(9, '新北区实验小学党支部'), ['王小明', '新北区第二实验小学党支部', '校长', '是', '新北区第二实验小学党支部']]));
    const [orgs, persons] = [count('orgs'), count('persons')];
    expect(await h.exp(d.users.admin, 'roster.importFile', { fileID })).toEqual({ ok: true, data: { orgs: 1, persons: 10 } });
    expect([count('orgs'), count('persons')]).toEqual([orgs + 1, persons + 10]);
    const tree = await h.ok(d.users.admin, 'org.tree', {});
    expect(JSON.stringify(tree)).toContain('新北区第二实验小学党支部');
  });

  it('when a hostile file is uploaded, then it is refused with nothing written', async () => {
    const [orgs, persons] = [count('orgs'), count('persons')];
    for (const [name, content, message] of [
      ['bomb.xlsx', zipBomb(100), '文件解压后过大（疑似压缩炸弹），不能导入。本次未导入任何数据'],
      ['notes.xlsx', Buffer.from('这不是表格'), '这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传。本次未导入任何数据'],
      ['empty.xlsx', await filledRoster([], []), '名册是空的：「党组织表」和「人员表」都没有填写数据。本次未导入任何数据'],
    ] as const) {
      const fileID = await h.upload(`imports/t000/${name}`, content);
      expect(await h.exp(d.users.admin, 'roster.importFile', { fileID })).toMatchObject({ ok: false, error: { code: 'FILE.REFUSED', message } });
    }
    expect([count('orgs'), count('persons')]).toEqual([orgs, persons]);
  });

  it('when the file is not in the tenant’s import folder, or a non-admin imports, then it is refused', async () => {
    const fileID = await h.upload('exports/t000/x/roster.xlsx', await filledRoster([], [['张三', '新北区实验小学党支部']]));
    expect(await h.exp(d.users.admin, 'roster.importFile', { fileID })).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(await h.exp(d.users.branchSecretary, 'roster.importFile', { fileID })).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    expect(await h.exp(d.users.admin, 'roster.importFile', { fileID: fileID.replace('exports/t000/x', 'imports/t000') }, null)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', message: '缺少请求编号（requestId），请更新小程序后重试' } });
  });
});
