/** The progress report [003 附件1] as .xlsx, read back with exceljs. */
import { formHeading, progressSheet } from '../../../miniprogram/core/domain/forms';
import { seed003ProgressRows } from '../../../miniprogram/core/domain/fixtures/forms';
import { progressXlsx } from '../src/xlsx';
import { readXlsx } from './readback';

const values = (ws: import('exceljs').Worksheet, row: number) => Array.from({ length: 10 }, (_, i) => ws.getCell(row, i + 1).value);

describe('the progress report as a spreadsheet', () => {
  it('when the seed-003 table of 总局直属机关党委 is exported, then title, unit, date, merged headers, rows and 合计 read back exactly', async () => {
    const heading = formHeading('以质取胜、创先争优', '全国质检系统“以质取胜、创先争优”活动');
    const wb = await readXlsx(await progressXlsx(progressSheet({ heading, orgName: '总局直属机关党委', asOfDate: '2011年1月10日', rows: seed003ProgressRows() })));
    const ws = wb.getWorksheet('进度报表')!;
    expect([ws.getCell('A1').value, ws.getCell('A2').value]).toEqual(['全国质检系统“以质取胜、创先争优”活动', '领导点评工作完成进度报表']);
    expect([ws.getCell('A4').value, ws.getCell('F4').value]).toEqual(['上报单位：总局直属机关党委', '上报日期：2011年1月10日']);
    expect(values(ws, 5)).toEqual(['单位名称', '应参加点评的领导、党组织党员数量', '应参加点评的领导、党组织党员数量', '应参加点评的领导、党组织党员数量', '本次上报新增完成点评的情况', '本次上报新增完成点评的情况', '本次上报新增完成点评的情况', '截至本次上报累计完成点评工作情况', '截至本次上报累计完成点评工作情况', '截至本次上报累计完成点评工作情况']);
    expect(values(ws, 6)).toEqual(['单位名称', '领导', '党组织', '党员', '领导', '党组织', '党员', '领导', '党组织', '党员']);
    expect([7, 8, 9, 10, 11].map((r) => values(ws, r))).toEqual([
      ['总局机关第一党支部', 1, 1, 4, 1, 1, 2, 1, 1, 4],
      ['总局机关第二党支部', 1, 1, 4, 0, 0, 1, 1, 1, 3],
      ['中国检验检疫科学研究院党委', 4, 4, 8, 1, 1, 4, 2, 2, 4],
      ['总局直属机关党委本级', 3, 0, 0, 1, 0, 0, 1, 0, 0],
      ['合计', 9, 6, 16, 3, 2, 7, 5, 4, 11],
    ]);
    expect(ws.getCell(12, 1).value).toBeNull();
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(['A1:J1', 'A2:J2', 'A4:E4', 'A5:A6', 'B5:D5', 'E5:G5', 'F4:J4', 'H5:J5'].sort());
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '5:6', horizontalCentered: true });
    expect(ws.getCell(11, 2).font).toMatchObject({ bold: true });
  });

  it('when every column of the children adds up, then 本级 is exactly the org rolled up minus its children', () => {
    const rows = seed003ProgressRows();
    const sheet = progressSheet({ heading: 'h', orgName: '总局直属机关党委', asOfDate: 'd', rows });
    const sum = sheet.rows.filter((r) => r.kind !== 'TOTAL').reduce((acc, r) => acc.map((v, i) => v + r.figures[i]), Array(9).fill(0));
    expect(sum).toEqual(sheet.rows.find((r) => r.kind === 'TOTAL')!.figures);
  });

  it('when an org has no children, then its sheet has its own row and 合计, both its figures', () => {
    const [root] = seed003ProgressRows();
    const sheet = progressSheet({ heading: 'h', orgName: '总局机关第一党支部', asOfDate: 'd', rows: [{ ...root, name: '总局机关第一党支部' }] });
    expect(sheet.rows.map((r) => [r.label, r.figures])).toEqual([
      ['总局机关第一党支部本级', [9, 6, 16, 3, 2, 7, 5, 4, 11]],
      ['合计', [9, 6, 16, 3, 2, 7, 5, 4, 11]],
    ]);
  });
});
