/**
 * Reading an uploaded roster spreadsheet safely. Before exceljs sees a byte, the file must be a zip
 * (not an old .xls, not an encrypted OOXML package), small, and inflate to a bounded size entry by
 * entry (so a zip bomb is refused while inflating, whatever its headers claim), with a bounded number
 * of rows. Then every cell must be a plain value (no formulas) of bounded length.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CELL_MAX, FIRST_DATA_ROW, ORG_COLUMNS, ORG_SHEET, PERSON_COLUMNS, PERSON_SHEET, ROWS_MAX, cellMessage, type SheetColumn, type SheetRow } from '../../../miniprogram/core/domain/roster-sheet';

/** A chat file is at most a few hundred KB for 5,000 people; 5 MB leaves room and keeps memory bounded. */
export const FILE_MAX = 5 * 1024 * 1024;
/** Inflated size of the whole package. */
export const INFLATED_MAX = 60 * 1024 * 1024;
const ENTRIES_MAX = 2000;

/** A refusal a person can act on, with where the problem is when it is in a cell. */
export class RefusedFile extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: Array<string | number>; message: string }> = [],
  ) {
    super(message);
  }
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

/** The central directory of a zip, read without inflating anything. */
function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new RefusedFile('文件已损坏或不是 Excel 表格（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后重新上传');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count > ENTRIES_MAX || count === 0xffff) throw new RefusedFile('文件结构异常（内部文件过多），不能导入');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new RefusedFile('文件已损坏，请重新保存后上传');
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw new RefusedFile('文件已损坏，请重新保存后上传');
    const dataAt = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    entries.push({ name, method, compressedSize, offset: dataAt });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Checks the package before parsing: a real .xlsx, not encrypted, inflating within bounds, sheets of
 * at most ROWS_MAX data rows. Returns quickly for hostile files; throws RefusedFile.
 */
export function checkPackage(buf: Buffer): void {
  if (buf.length === 0) throw new RefusedFile('文件是空的，请选择填好的名册表格');
  if (buf.length > FILE_MAX) throw new RefusedFile(`文件太大（${(buf.length / 1024 / 1024).toFixed(1)} MB），名册表格不应超过 5 MB`);
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // An encrypted .xlsx is an OLE container holding "EncryptionInfo"; anything else OLE is an old .xls.
    if (buf.includes(Buffer.from('EncryptionInfo', 'utf16le'))) throw new RefusedFile('文件设置了打开密码，请在 Excel 或 WPS 中取消密码后重新上传');
    throw new RefusedFile('这是旧版 Excel 文件（.xls），请另存为 .xlsx 后重新上传');
  }
  if (buf.readUInt32LE(0) !== 0x04034b50) throw new RefusedFile('这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传');
  const entries = zipEntries(buf);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new RefusedFile('这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传');
  let budget = INFLATED_MAX;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw new RefusedFile('文件使用了不支持的压缩方式，请用 Excel 或 WPS 重新保存后上传');
    const raw = buf.subarray(e.offset, e.offset + e.compressedSize);
    let data: Buffer;
    try {
      // Inflating stops at the budget: a bomb is refused after at most INFLATED_MAX bytes of work.
      data = e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: budget + 1 });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new RefusedFile('文件解压后过大（疑似压缩炸弹），不能导入');
      throw new RefusedFile('文件已损坏，请重新保存后上传');
    }
    budget -= data.length;
    if (budget < 0) throw new RefusedFile('文件解压后过大（疑似压缩炸弹），不能导入');
    // Rows are counted in every XML part, whatever it is called: a sheet can be stored under any name the
    // workbook's relationships point at (`/xl/worksheets/sheet2.xml`, `xl/ws/a.xml`), and text never holds a raw `<`.
    if (/\.xml$/i.test(e.name)) {
      const rows = countRowTags(data);
      if (rows > ROWS_MAX + FIRST_DATA_ROW - 1) throw new RefusedFile(`表格行数过多（${rows} 行），一次最多导入 ${ROWS_MAX} 行，请分批导入`);
    }
  }
}

const LT = 0x3c;
const COLON = 0x3a;
/** Characters that may end an element name: whitespace, `>`, `/`. */
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** Row elements in an XML part: `<row …>` and prefixed ones (`<x:row …>`), not `<rowBreaks>` and the like. */
export function countRowTags(data: Buffer): number {
  let rows = 0;
  for (let i = data.indexOf('row', 1); i > 0; i = data.indexOf('row', i + 3)) {
    if (!NAME_END.has(data[i + 3])) continue;
    let start = i - 1;
    if (data[start] === COLON) {
      // A namespace prefix: walk back over its name to the `<`.
      start--;
      while (start >= 0 && NAME_CHAR.test(String.fromCharCode(data[start]))) start--;
    }
    if (start >= 0 && data[start] === LT) rows++;
  }
  return rows;
}

/** A cell as text, or a refusal when it holds a formula (values only: a formula's cached result may be stale). */
function cellText(cell: ExcelJS.Cell, sheet: string, header: string): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (cell.type === ExcelJS.ValueType.Formula || (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v))) {
    throw new RefusedFile(cellMessage(sheet, Number(cell.row), header, '请填写内容本身，不要使用公式'), [{ path: [sheet, Number(cell.row), header], message: '不要使用公式' }]);
  }
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number' || typeof v === 'boolean') text = String(v);
  else if (v instanceof Date) text = v.toISOString().slice(0, 10);
  else if (typeof v === 'object' && v !== null && 'richText' in v) text = (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  else if (typeof v === 'object' && v !== null && 'text' in v) text = String((v as { text: unknown }).text);
  else text = String(cell.text ?? '');
  if (text.length > CELL_MAX) {
    throw new RefusedFile(cellMessage(sheet, Number(cell.row), header, `内容过长（${text.length} 字），每格不超过 ${CELL_MAX} 字`), [{ path: [sheet, Number(cell.row), header], message: '内容过长' }]);
  }
  return text;
}

function readSheet(wb: ExcelJS.Workbook, name: string, columns: SheetColumn[]): SheetRow[] {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new RefusedFile(`找不到工作表「${name}」，请使用下载的名册模板填写`);
  columns.forEach((c, i) => {
    const header = String(ws.getCell(FIRST_DATA_ROW - 1, i + 1).text ?? '').trim();
    if (header !== c.header) throw new RefusedFile(cellMessage(name, FIRST_DATA_ROW - 1, null, `第${i + 1}列的表头应为「${c.header}」，请不要修改模板的表头`));
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number < FIRST_DATA_ROW) return;
    const cells = columns.map((c, i) => cellText(row.getCell(i + 1), name, c.header));
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: number, cells });
  });
  return rows;
}

/** Parses a checked package into the two sheets' filled rows; refuses an empty roster. */
export async function readRosterFile(buf: Buffer): Promise<{ orgs: SheetRow[]; persons: SheetRow[] }> {
  checkPackage(buf);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new RefusedFile('文件无法读取，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传');
  }
  const orgs = readSheet(wb, ORG_SHEET, ORG_COLUMNS);
  const persons = readSheet(wb, PERSON_SHEET, PERSON_COLUMNS);
  if (orgs.length === 0 && persons.length === 0) throw new RefusedFile(`名册是空的：「${ORG_SHEET}」和「${PERSON_SHEET}」都没有填写数据`);
  return { orgs, persons };
}
