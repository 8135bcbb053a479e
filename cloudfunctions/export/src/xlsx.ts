/** Draws the progress report [003 附件1] and the roster template as .xlsx files with exceljs. */
import ExcelJS from 'exceljs';
import type { ProgressSheet } from '../../../miniprogram/core/domain/forms';
import { FIRST_DATA_ROW, ORG_COLUMNS, ORG_INSTRUCTIONS, ORG_SHEET, PERSON_COLUMNS, PERSON_INSTRUCTIONS, PERSON_SHEET, ROWS_MAX, type SheetColumn } from '../../../miniprogram/core/domain/roster-sheet';

const SONG = '宋体';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const center = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true };

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The progress report: title, 上报单位 / 上报日期, merged three-level header, one row per unit, 合计, A4 landscape. */
export async function progressXlsx(sheet: ProgressSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '领导点评';
  const ws = wb.addWorksheet('进度报表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
      printTitlesRow: '5:6',
    },
    views: [{ state: 'frozen', ySplit: 6, xSplit: 1 }],
  });
  ws.columns = [{ width: 34 }, ...Array.from({ length: 9 }, () => ({ width: 9 }))];
  sheet.titles.forEach((t, i) => {
    const row = i + 1;
    ws.mergeCells(row, 1, row, 10);
    const c = ws.getCell(row, 1);
    c.value = t;
    c.font = { name: SONG, size: 16, bold: true };
    c.alignment = center;
    ws.getRow(row).height = 26;
  });
  ws.mergeCells(4, 1, 4, 5);
  ws.mergeCells(4, 6, 4, 10);
  ws.getCell(4, 1).value = sheet.unitLine;
  ws.getCell(4, 6).value = sheet.dateLine;
  ws.getCell(4, 6).alignment = { horizontal: 'right' };
  for (const col of [1, 6]) ws.getCell(4, col).font = { name: SONG, size: 12 };
  ws.getRow(3).height = 8;

  // Header: 单位名称 over two rows, then the three groups, each over 领导 / 党组织 / 党员.
  ws.mergeCells(5, 1, 6, 1);
  ws.getCell(5, 1).value = '单位名称';
  sheet.groups.forEach((g, i) => {
    const from = 2 + i * 3;
    ws.mergeCells(5, from, 5, from + 2);
    ws.getCell(5, from).value = g;
    sheet.subHeaders.forEach((s, j) => (ws.getCell(6, from + j).value = s));
  });
  ws.getRow(5).height = 40;
  ws.getRow(6).height = 20;
  for (const r of [5, 6]) for (let c = 1; c <= 10; c++) Object.assign(ws.getCell(r, c), { font: { name: SONG, size: 11, bold: true }, alignment: center, border: box });

  sheet.rows.forEach((row, i) => {
    const r = 7 + i;
    ws.getCell(r, 1).value = row.label;
    row.figures.forEach((v, j) => (ws.getCell(r, 2 + j).value = v));
    for (let c = 1; c <= 10; c++) {
      const cell = ws.getCell(r, c);
      cell.border = box;
      cell.font = { name: SONG, size: 11, bold: row.kind === 'TOTAL' };
      cell.alignment = c === 1 ? { vertical: 'middle', horizontal: row.kind === 'TOTAL' ? 'center' : 'left', wrapText: true } : center;
    }
    ws.getRow(r).height = 20;
  });
  return toBuffer(wb);
}

function templateSheet(wb: ExcelJS.Workbook, name: string, instructions: string, columns: SheetColumn[]) {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  Object.assign(ws.getCell(1, 1), { value: instructions, font: { name: SONG, size: 10, color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' } });
  ws.getRow(1).height = 48;
  columns.forEach((c, i) => {
    Object.assign(ws.getCell(2, i + 1), { value: c.header, font: { name: SONG, size: 11, bold: true }, alignment: center, border: box, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } });
    if (c.choices) {
      const last = FIRST_DATA_ROW + ROWS_MAX - 1;
      const letter = ws.getColumn(i + 1).letter;
      // A range validation: exceljs types only per-cell ones, which would write 20,000 entries.
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: `「${c.header}」只能填写：${c.choices.join('、')}`,
      });
    }
  });
}

/** The roster template: 党组织表 and 人员表, an instructions row, headers and drop-downs; no example rows, which would be imported if left in. */
export async function rosterTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '领导点评';
  templateSheet(wb, ORG_SHEET, ORG_INSTRUCTIONS, ORG_COLUMNS);
  templateSheet(wb, PERSON_SHEET, PERSON_INSTRUCTIONS, PERSON_COLUMNS);
  return toBuffer(wb);
}
