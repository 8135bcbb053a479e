/** Roster spreadsheets for tests: the real template filled in with exceljs, and hostile files. */
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { ORG_SHEET, PERSON_SHEET, FIRST_DATA_ROW } from '../../../miniprogram/core/domain/roster-sheet';
import { rosterTemplateXlsx } from '../src/xlsx';

export type CellValue = ExcelJS.CellValue;

/** The downloadable template with these rows typed in from row 3. */
export async function filledRoster(orgs: CellValue[][], persons: CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await rosterTemplateXlsx()) as unknown as ArrayBuffer);
  for (const [name, rows] of [[ORG_SHEET, orgs], [PERSON_SHEET, persons]] as const) {
    const ws = wb.getWorksheet(name)!;
    rows.forEach((cells, i) => cells.forEach((v, j) => (ws.getCell(FIRST_DATA_ROW + i, j + 1).value = v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An encrypted Office file: an OLE container with the EncryptionInfo stream Excel writes. */
export function passwordProtected(): Buffer {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([head, Buffer.alloc(504), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(1024), Buffer.from('EncryptedPackage', 'utf16le')]);
}

/** An old-format .xls: an OLE container without encryption. */
export function oldXls(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);
}

/** A zip of stored or deflated entries, written by hand so a test can make any shape quickly. */
function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A zip bomb shaped like an .xlsx: a sheet of `mb` MB of spaces that deflates to almost nothing. */
export function zipBomb(mb = 100): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(mb * 1024 * 1024, 0x20) },
  ]);
}

/** The same package with the central directory declaring `size` inflated bytes for the part `name` (its data unchanged). */
export function declaringSize(buf: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(buf);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at >= 0; at = out.indexOf(signature, at + 4)) {
    const nameLen = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no part ${name}`);
}

/**
 * The same package with one more part stored between the last part and the central directory but not
 * listed in it: a reader walking local headers would meet it, one reading the directory would not.
 */
export function withHiddenPart(buf: Buffer, name: string, data: Buffer): Buffer {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const dirAt = buf.readUInt32LE(eocd + 16);
  const hidden = zipOf([{ name, data }]);
  const local = hidden.subarray(0, hidden.readUInt32LE(hidden.length - 22 + 16));
  const out = Buffer.concat([buf.subarray(0, dirAt), local, buf.subarray(dirAt)]);
  out.writeUInt32LE(dirAt + local.length, eocd + local.length + 16);
  return out;
}
