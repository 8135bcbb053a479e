/** Reads generated files back for assertions: a .docx's tables, paragraphs and page, an .xlsx through exceljs. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface DocCell {
  text: string;
  span: number;
  /** 'restart' starts a vertical merge, 'continue' is covered by the cell above. */
  vMerge: 'restart' | 'continue' | null;
  fonts: string[];
}

export interface DocForm {
  /** Paragraph texts outside tables, in order (titles, header line, note). */
  paragraphs: string[];
  tables: DocCell[][][];
  page: { width: number; height: number; orientation: string | null };
  pageBreaks: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const textOf = (p: string) => unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);

/** Parses word/document.xml of a generated .docx. */
export async function readDocx(buf: Buffer): Promise<DocForm> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => {
        const vm = c[0].match(/<w:vMerge(?: w:val="(\w+)")?\/>/);
        return {
          text: paragraphs(c[0]).map(textOf).join('\n'),
          span: Number(c[0].match(/<w:gridSpan w:val="(\d+)"\/>/)?.[1] ?? 1),
          vMerge: vm ? (vm[1] === 'restart' ? 'restart' : 'continue') : null,
          fonts: [...new Set([...c[0].matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]))],
        } as DocCell;
      }),
    ),
  );
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const pg = xml.match(/<w:pgSz ([^>]*)\/>/)?.[1] ?? '';
  return {
    paragraphs: paragraphs(outside).map(textOf).filter((t) => t.length > 0),
    tables,
    page: { width: Number(pg.match(/w:w="(\d+)"/)?.[1]), height: Number(pg.match(/w:h="(\d+)"/)?.[1]), orientation: pg.match(/w:orient="(\w+)"/)?.[1] ?? null },
    pageBreaks: (xml.match(/<w:br w:type="page"\/>/g) ?? []).length,
  };
}

/** label → the text of the cell right after it, for every label cell of a form's table. */
export function fieldsOf(table: DocCell[][], labels: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of table) {
    row.forEach((cell, i) => {
      if (labels.includes(cell.text) && i + 1 < row.length) out[cell.text] = row[i + 1].text;
    });
  }
  return out;
}

/** Loads an .xlsx with exceljs. */
export async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
