/**
 * Reading an uploaded roster spreadsheet safely and in bounded memory (a cloud function has 256 MB).
 * Before exceljs sees a byte, the file must be a zip (not an old .xls, not an encrypted OOXML package),
 * small, with every part declaring (in the central directory) a bounded size, and every part must
 * inflate, as a stream, to no more than it declared and to a bounded total (so a zip bomb is refused
 * while inflating, whatever its headers claim), with a bounded number of rows counted on the way.
 * Then exceljs's streaming reader reads the two sheets row by row: the header row is checked as it
 * arrives and every cell must be a plain value (no formulas) of bounded length. No workbook is built.
 */
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { CELL_MAX, FIRST_DATA_ROW, ORG_COLUMNS, ORG_SHEET, PERSON_COLUMNS, PERSON_SHEET, ROWS_MAX, cellMessage, type SheetColumn, type SheetRow } from '../../../miniprogram/core/domain/roster-sheet';

/** A chat file is at most a few hundred KB for 5,000 people; 5 MB leaves room and keeps memory bounded. */
export const FILE_MAX = 5 * 1024 * 1024;
/** Inflated size of the whole package. */
export const INFLATED_MAX = 60 * 1024 * 1024;
/** Inflated size of one part: a 20,000-row roster sheet written with inline strings is well under it. */
export const PART_MAX = 40 * 1024 * 1024;
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
const BROKEN = '文件已损坏，请重新保存后上传';
const BOMB = '文件解压后过大（疑似压缩炸弹），不能导入';

/** The seam through which every part is inflated; tests spy on it to see that nothing was inflated. */
export const inflation = { open: (): InflateRaw => createInflateRaw() };

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The uncompressed size the central directory declares. */
  size: number;
  localOffset: number;
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
  const dirAt = buf.readUInt32LE(eocd + 16);
  let at = dirAt;
  if (count > ENTRIES_MAX || count === 0xffff) throw new RefusedFile('文件结构异常（内部文件过多），不能导入');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new RefusedFile(BROKEN);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== 0x04034b50) throw new RefusedFile(BROKEN);
    // Without a data descriptor the local header must agree with the directory: the streaming reader
    // trusts the local header, and it must read exactly the bytes checked here.
    if ((flags & 0x08) === 0 && buf.readUInt32LE(localOffset + 18) !== compressedSize) throw new RefusedFile(BROKEN);
    const offset = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (offset + compressedSize > buf.length) throw new RefusedFile(BROKEN);
    entries.push({ name, method, flags, compressedSize, size, localOffset, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  // The parts must lie one after another up to the directory, so a reader walking the local headers
  // (as exceljs's streaming reader does) meets exactly the parts checked here and nothing hidden between.
  let next = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset !== next) throw new RefusedFile(BROKEN);
    next = e.offset + e.compressedSize;
    if (e.flags & 0x08) next += next + 4 <= buf.length && buf.readUInt32LE(next) === 0x08074b50 ? 16 : 12;
  }
  if (next !== dirAt) throw new RefusedFile(BROKEN);
  return entries;
}

const tooManyRows = (rows: number) => new RefusedFile(`表格行数过多（${rows} 行），一次最多导入 ${ROWS_MAX} 行，请分批导入`);

/** Longest stretch of a part kept between chunks so a `<x:row ` split across two chunks is still counted once. */
const CARRY = 64;

/**
 * Inflates one part as a stream, refusing it once it outgrows what it declared or what the package may
 * still inflate to, and counts its row elements on the way. Returns the inflated size and the rows.
 */
function inflatePart(buf: Buffer, e: ZipEntry, budget: number, countRows: boolean): Promise<{ size: number; rows: number }> {
  const raw = buf.subarray(e.offset, e.offset + e.compressedSize);
  if (e.method === 0) {
    const rows = countRows ? countRowTags(raw) : 0;
    return rows > ROWS_MAX + FIRST_DATA_ROW - 1 ? Promise.reject(tooManyRows(rows)) : Promise.resolve({ size: raw.length, rows });
  }
  const limit = Math.min(e.size, budget);
  return new Promise((resolve, reject) => {
    const inflate = inflation.open();
    let size = 0;
    let rows = 0;
    let carry = Buffer.alloc(0);
    let done = false;
    const fail = (message: string) => {
      if (done) return;
      done = true;
      inflate.destroy();
      reject(new RefusedFile(message));
    };
    inflate.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) return fail(BOMB);
      if (countRows) {
        const seen = Buffer.concat([carry, chunk]);
        rows += countRowTags(seen, carry.length);
        carry = Buffer.from(seen.subarray(Math.max(0, seen.length - CARRY)));
      }
    });
    inflate.on('error', () => fail(BROKEN));
    inflate.on('end', () => {
      if (done) return;
      done = true;
      if (size !== e.size) reject(new RefusedFile(BROKEN));
      else if (rows > ROWS_MAX + FIRST_DATA_ROW - 1) reject(tooManyRows(rows));
      else resolve({ size, rows });
    });
    inflate.end(raw);
  });
}

/**
 * Checks the package before parsing: a real .xlsx, not encrypted, each part declaring and inflating to
 * a bounded size, sheets of at most ROWS_MAX data rows. Refuses hostile files quickly and in bounded
 * memory (nothing is inflated when a declared size is over its cap); throws RefusedFile.
 */
export async function checkPackage(buf: Buffer): Promise<void> {
  if (buf.length === 0) throw new RefusedFile('文件是空的，请选择填好的名册表格');
  if (buf.length > FILE_MAX) throw new RefusedFile(`文件太大（${(buf.length / 1024 / 1024).toFixed(1)} MB），名册表格不应超过 5 MB`);
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // An encrypted .xlsx is an OLE container holding "EncryptionInfo"; anything else OLE is an old .xls.
    if (buf.includes(Buffer.from('EncryptionInfo', 'utf16le'))) throw new RefusedFile('文件设置了打开密码，请在 Excel 或 WPS 中取消密码后重新上传');
    throw new RefusedFile('这是旧版 Excel 文件（.xls），请另存为 .xlsx 后重新上传');
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new RefusedFile('这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传');
  const entries = zipEntries(buf);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new RefusedFile('这不是 Excel 表格文件（.xlsx），请使用下载的名册模板填写后上传');
  // Declared sizes first, for every part, before inflating any: an oversized part costs nothing to refuse.
  let declared = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw new RefusedFile('文件使用了不支持的压缩方式，请用 Excel 或 WPS 重新保存后上传');
    if (e.method === 0 && e.size !== e.compressedSize) throw new RefusedFile(BROKEN);
    declared += e.size;
    if (e.size > PART_MAX || declared > INFLATED_MAX) throw new RefusedFile(BOMB);
  }
  let budget = INFLATED_MAX;
  for (const e of entries) {
    // Rows are counted in every XML part, whatever it is called: a sheet can be stored under any name the
    // workbook's relationships point at (`/xl/worksheets/sheet2.xml`, `xl/ws/a.xml`), and text never holds a raw `<`.
    const { size } = await inflatePart(buf, e, budget, /\.xml$/i.test(e.name));
    budget -= size;
  }
}

const LT = 0x3c;
const COLON = 0x3a;
/** Characters that may end an element name: whitespace, `>`, `/`. */
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/**
 * Row elements in an XML part: `<row …>` and prefixed ones (`<x:row …>`), not `<rowBreaks>` and the like.
 * With `from`, only those whose name ends at or after `from` (a chunk's new bytes after a carried tail).
 */
export function countRowTags(data: Buffer, from = 0): number {
  let rows = 0;
  for (let i = data.indexOf('row', Math.max(1, from - 3)); i > 0; i = data.indexOf('row', i + 3)) {
    if (i + 3 >= data.length || !NAME_END.has(data[i + 3])) continue;
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

/** Refuses a header row that is not the template's, naming the first column that differs. */
function checkHeader(row: ExcelJS.Row | undefined, name: string, columns: SheetColumn[]): void {
  columns.forEach((c, i) => {
    const header = String(row?.getCell(i + 1).text ?? '').trim();
    if (header !== c.header) throw new RefusedFile(cellMessage(name, FIRST_DATA_ROW - 1, null, `第${i + 1}列的表头应为「${c.header}」，请不要修改模板的表头`));
  });
}

/** One sheet read row by row as the stream gives it: the header checked when it arrives, then the filled rows. */
async function readSheet(ws: AsyncIterable<ExcelJS.Row>, name: string, columns: SheetColumn[]): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let headerChecked = false;
  for await (const row of ws) {
    const number = row.number;
    if (number < FIRST_DATA_ROW - 1) continue;
    if (!headerChecked) {
      checkHeader(number === FIRST_DATA_ROW - 1 ? row : undefined, name, columns);
      headerChecked = true;
      if (number === FIRST_DATA_ROW - 1) continue;
    }
    const cells = columns.map((c, i) => cellText(row.getCell(i + 1), name, c.header));
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: number, cells });
  }
  if (!headerChecked) checkHeader(undefined, name, columns);
  return rows;
}

/** What the streaming reader exposes beyond its typings: how it parses each part, and the workbook's relationships. */
interface ReaderInternals {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  workbookRels?: Array<{ Target: string }>;
}

/** Buffers re-cut at character boundaries, so no UTF-8 character is split between two chunks. */
function wholeCharacters(): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, Buffer.from(decoder.write(chunk)));
    },
    flush(done) {
      done(null, Buffer.from(decoder.end()));
    },
  });
}

/**
 * The streaming reader decodes each inflated chunk on its own, so a Chinese character split between
 * two chunks turns into replacement characters (a name of 吴 repeated would come back mangled); every
 * part it parses is first re-cut at character boundaries.
 */
function decodeWholeCharacters(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const internals = reader as unknown as ReaderInternals;
  const parseRels = internals._parseRels.bind(reader);
  const parseWorkbook = internals._parseWorkbook.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseRels = async (entry) => {
    await parseRels(entry.pipe(wholeCharacters()));
    // The reader names a sheet only when its relationship's target is relative (`worksheets/sheet1.xml`);
    // some writers write it absolute (`/xl/worksheets/sheet1.xml`), which the whole-workbook reader accepted.
    for (const rel of internals.workbookRels ?? []) rel.Target = rel.Target.replace(/^\/xl\//, '');
  };
  internals._parseWorkbook = (entry) => parseWorkbook(entry.pipe(wholeCharacters()));
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.pipe(wholeCharacters()));
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(Readable.from(iterator).pipe(wholeCharacters()), sheetNo);
}

/**
 * Parses a checked package into the two sheets' filled rows with exceljs's streaming reader (rows one at
 * a time, never a whole workbook in memory); refuses an empty roster.
 */
export async function readRosterFile(buf: Buffer): Promise<{ orgs: SheetRow[]; persons: SheetRow[] }> {
  await checkPackage(buf);
  const input = Readable.from([buf]);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  decodeWholeCharacters(reader);
  const read: Partial<Record<string, SheetRow[]>> = {};
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const rows = ws as unknown as AsyncIterable<ExcelJS.Row>;
      if (name === ORG_SHEET && !read[ORG_SHEET]) read[ORG_SHEET] = await readSheet(rows, ORG_SHEET, ORG_COLUMNS);
      else if (name === PERSON_SHEET && !read[PERSON_SHEET]) read[PERSON_SHEET] = await readSheet(rows, PERSON_SHEET, PERSON_COLUMNS);
      else for await (const row of rows) void row; // another sheet: drained, not kept
    }
  } catch (err) {
    if (err instanceof RefusedFile) throw err;
    throw new RefusedFile('文件无法读取，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传');
  } finally {
    input.destroy();
  }
  const orgs = read[ORG_SHEET];
  const persons = read[PERSON_SHEET];
  if (!orgs) throw new RefusedFile(`找不到工作表「${ORG_SHEET}」，请使用下载的名册模板填写`);
  if (!persons) throw new RefusedFile(`找不到工作表「${PERSON_SHEET}」，请使用下载的名册模板填写`);
  if (orgs.length === 0 && persons.length === 0) throw new RefusedFile(`名册是空的：「${ORG_SHEET}」和「${PERSON_SHEET}」都没有填写数据`);
  return { orgs, persons };
}
