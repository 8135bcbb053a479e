/** Reading roster spreadsheets: good files become roster.import rows; hostile files are refused before parsing. */
import JSZip from 'jszip';
import { rosterRowsFromSheets, sheetIssue } from '../../../miniprogram/core/domain/roster-sheet';
import { PART_MAX, inflation, readRosterFile } from '../src/roster-file';
import { declaringSize, filledRoster, oldXls, passwordProtected, withHiddenPart, zipBomb } from './roster-files';

const refusal = async (buf: Buffer) => {
  try {
    await readRosterFile(buf);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('reading a filled roster template', () => {
  it('when the template is filled in, then rows come back with their sheet row numbers and map onto roster.import rows', async () => {
    const buf = await filledRoster(
      [
        ['中共某区教育工委', '工委', null],
        ['实验小学党支部', '党支部', '中共某区教育工委'],
      ],
      [
        ['吴敏', '实验小学党支部', '校长、支部书记', '是', '实验小学党支部', '', '', '', '', ''],
        [],
        ['蔡桂英', '实验小学党支部', '群众代表', '否', '', '', '', '', '', '是'],
        ['梁勇', '卫生院党支部', '外出务工', '是', '', '', '局机关党支部、实验小学党支部', '实验小学党支部', '', ''],
      ],
    );
    const sheets = await readRosterFile(buf);
    expect(sheets.orgs.map((r) => r.row)).toEqual([3, 4]);
    expect(sheets.persons.map((r) => r.row)).toEqual([3, 5, 6]);
    const rows = rosterRowsFromSheets(sheets.orgs, sheets.persons, [
      { id: 'org_jg', name: '局机关党支部' },
      { id: 'org_wsy', name: '卫生院党支部' },
    ]);
    expect(rows.orgs).toEqual([
      { key: '中共某区教育工委', name: '中共某区教育工委', kind: 'WORK_COMMITTEE', parent: null },
      { key: '实验小学党支部', name: '实验小学党支部', kind: 'BRANCH', parent: '中共某区教育工委' },
    ]);
    expect(rows.persons).toEqual([
      { name: '吴敏', org: '实验小学党支部', unitAndPost: '校长、支部书记', isMember: true, secretaryOf: ['实验小学党支部'], committeeOf: [], liaisonOrgs: [] },
      { name: '蔡桂英', org: '实验小学党支部', unitAndPost: '群众代表', isMember: false, secretaryOf: [], committeeOf: [], liaisonOrgs: [], elderly: true },
      { name: '梁勇', org: 'org_wsy', unitAndPost: '外出务工', isMember: true, secretaryOf: [], committeeOf: [], liaisonOrgs: ['org_jg', '实验小学党支部'], mobileInflowOrg: '实验小学党支部' },
    ]);
  });

  it('when the sheets are stored under absolute part names, as some writers store them, then they are read as the template', async () => {
    // Arrange: both sheets moved to `/xl/worksheets/…`, the workbook's relationships pointing there
    const zip = await JSZip.loadAsync(await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部'], ['李娜', '实验小学党支部']]));
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const sheet = await zip.file(name)!.async('nodebuffer');
      zip.remove(name);
      zip.file(`/${name}`, sheet, { createFolders: false });
    }
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/'));

    // Act
    const sheets = await readRosterFile(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    // Assert
    expect(sheets.orgs.map((r) => r.cells[0])).toEqual(['实验小学党支部']);
    expect(sheets.persons.map((r) => [r.row, r.cells[0]])).toEqual([
      [3, '吴敏'],
      [4, '李娜'],
    ]);
  });

  it('when roster.import blames a field of a row, then the issue names the sheet, the row a person sees and the column', () => {
    const rows = { orgRowNumbers: [3, 4], personRowNumbers: [3, 12] };
    expect(sheetIssue({ path: ['persons', 1, 'org'], message: '人员第2行：所在党组织“实验小学党支部”不在本次导入中，也不是已有的党组织' }, rows)).toEqual({
      path: ['人员表', 12, '所在党组织'],
      message: '人员表 第12行「所在党组织」：所在党组织“实验小学党支部”不在本次导入中，也不是已有的党组织',
    });
    expect(sheetIssue({ path: ['orgs', 0, 'kind'], message: '党组织第1行：kind格式不对（无效选项）' }, rows).message).toBe('党组织表 第3行「类型」：格式不对（无效选项）');
    expect(sheetIssue({ path: ['orgs', 1, 'key'], message: '党组织第2行：编号“A”与前面的行重复' }, rows).message).toBe('党组织表 第4行「党组织名称」：编号“A”与前面的行重复');
    expect(sheetIssue({ path: ['persons'], message: '太大：应最多有 5000 项' }, rows)).toEqual({ path: ['人员表'], message: '人员表：太大：应最多有 5000 项' });
  });
});

describe('hostile roster files are refused before anything is parsed', () => {
  it('when the file is not a spreadsheet, then it is refused as such', async () => {
    expect(await refusal(Buffer.from('姓名,所在党组织\n张三,实验小学党支部\n'))).toBe('这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传');
  });

  it('when the file is password protected, then the message asks to remove the password', async () => {
    expect(await refusal(passwordProtected())).toBe('文件设置了打开密码，请在 Excel 或 WPS 中取消密码后重新上传');
  });

  it('when the file is an old .xls, then the message asks to save it as .xlsx', async () => {
    expect(await refusal(oldXls())).toBe('这是旧版 Excel 文件（.xls），请另存为 .xlsx 后重新上传');
  });

  it('when the file is a zip bomb, then inflating stops at the budget and it is refused', async () => {
    const bomb = zipBomb(100);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toBe('文件解压后过大（疑似压缩炸弹），不能导入');
  });

  it('when a part declares an inflated size over the cap, then the file is refused without inflating any part', async () => {
    // Arrange: a good roster whose person sheet claims to inflate past the per-part cap
    const buf = declaringSize(await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部']]), 'xl/worksheets/sheet2.xml', PART_MAX + 1);
    const open = jest.spyOn(inflation, 'open');

    // Act
    const message = await refusal(buf);

    // Assert
    expect(message).toBe('文件解压后过大（疑似压缩炸弹），不能导入');
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('when a part inflates to more than it declares, then the file is refused and its inflating stops', async () => {
    // Arrange: the person sheet declares 100 bytes but holds more
    const buf = declaringSize(await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部']]), 'xl/worksheets/sheet2.xml', 100);

    // Act / Assert
    expect(await refusal(buf)).toBe('文件解压后过大（疑似压缩炸弹），不能导入');
  });

  it('when a part is hidden between the listed parts and the directory, then the file is refused as broken', async () => {
    // Arrange: a 100 MB sheet of spaces that only a reader walking the local headers would meet
    const good = await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部']]);
    const buf = withHiddenPart(good, 'xl/worksheets/sheet3.xml', Buffer.alloc(100 * 1024 * 1024, 0x20));
    expect(Object.keys((await JSZip.loadAsync(buf)).files)).not.toContain('xl/worksheets/sheet3.xml');

    // Act / Assert
    expect(await refusal(buf)).toBe('文件已损坏，请重新保存后上传');
  });

  it('when a good roster is read, then every part is inflated once, as a stream', async () => {
    // Arrange
    const buf = await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部']]);
    const open = jest.spyOn(inflation, 'open');

    // Act
    const sheets = await readRosterFile(buf);

    // Assert
    expect(sheets.persons).toEqual([{ row: 3, cells: ['吴敏', '实验小学党支部', '', '', '', '', '', '', '', '', ''] }]);
    expect(open.mock.calls.length).toBeGreaterThan(3);
    open.mockRestore();
  });

  it('when the file is empty or larger than 5 MB, then it is refused by size', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('文件是空的，请选择填好的名册表格');
    expect(await refusal(Buffer.alloc(6 * 1024 * 1024, 1))).toBe('文件太大（6.0 MB），名册表格不应超过 5 MB');
  });

  it('when a cell holds a formula where a value belongs, then the sheet, row and column are named', async () => {
    const buf = await filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', { formula: 'A3', result: '实验小学党支部' }]]);
    expect(await refusal(buf)).toBe('人员表 第3行「所在党组织」：请填写内容本身，不要使用公式');
  });

  it('when a cell holds 1 MB of text, then it is refused with its place and length', async () => {
    const buf = await filledRoster([['实验小学党支部', '党支部', null]], [['吴'.repeat(1024 * 1024), '实验小学党支部']]);
    expect(await refusal(buf)).toBe('人员表 第3行「姓名」：内容过长（1048576 字），每格不超过 1000 字');
  });

  it('when a sheet has more than 20,000 rows, then it is refused before exceljs reads it', async () => {
    const persons = Array.from({ length: 20001 }, (_, i) => [`党员${i}`, '实验小学党支部']);
    expect(await refusal(await filledRoster([['实验小学党支部', '党支部', null]], persons))).toBe('表格行数过多（20003 行），一次最多导入 20000 行，请分批导入');
  });

  it('when both sheets are empty, then the roster is refused as empty', async () => {
    expect(await refusal(await filledRoster([], []))).toBe('名册是空的：「党组织表」和「人员表」都没有填写数据');
  });

  it('when a header was changed, then the message names the column the template expects', async () => {
    const buf = await filledRoster([], [['吴敏']]);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    wb.getWorksheet('人员表')!.getCell('B2').value = '支部';
    expect(await refusal(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('人员表 第2行：第2列的表头应为「所在党组织」，请不要修改模板的表头');
  });
});
