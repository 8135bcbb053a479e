/** Draws the domain's form layouts as Word files: A4 portrait, 宋体 labels, 仿宋 values, the seed's tables. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { FormLayout } from '../../../miniprogram/core/domain/forms';
import type { NoticeDocument } from '../../../miniprogram/core/domain/notice';
import type { WrittenPaper } from '../../../miniprogram/core/domain/hand-ins';

const SONG = '宋体';
const FANGSONG = '仿宋';
/** Twentieths of a point per millimetre. */
const TWIP_PER_MM = 56.6929;
const mm = (n: number) => Math.round(n * TWIP_PER_MM);
/** Half-points: 小二 18pt for titles, 四号 14pt for the header line, 小四 12pt in the table. */
const SIZE = { title: 36, header: 28, cell: 24, note: 24 };
const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: line, bottom: line, left: line, right: line };

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun({ text, bold, size, font: { ascii: font, eastAsia: font, hAnsi: font } });

/** A cell's text: one paragraph a line, so hand-kept line breaks survive. */
function cellParagraphs(text: string, isLabel: boolean): Paragraph[] {
  const lines = text.length ? text.split('\n') : [''];
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: isLabel ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 300 },
        children: [run(l, isLabel ? SONG : FANGSONG, SIZE.cell)],
      }),
  );
}

function formTable(layout: FormLayout): Table {
  // Which grid column each cell starts at, so a cell's width is the sum of the columns it spans.
  const covered = new Map<string, boolean>();
  const rows = layout.rows.map((row, r) => {
    let col = 0;
    const cells = row.cells.map((cell) => {
      while (covered.get(`${r}:${col}`)) col++;
      const span = cell.colSpan ?? 1;
      for (let k = 1; k < (cell.rowSpan ?? 1); k++) for (let c = col; c < col + span; c++) covered.set(`${r + k}:${c}`, true);
      const width = layout.columns.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      return new TableCell({
        children: cellParagraphs(cell.text, cell.label),
        columnSpan: cell.colSpan,
        rowSpan: cell.rowSpan,
        width: { size: mm(width), type: WidthType.DXA },
        // Labels and one-line values sit in the middle; boxes for paragraphs fill from the top.
        verticalAlign: cell.label || row.height <= 14 ? VerticalAlign.CENTER : VerticalAlign.TOP,
        margins: { top: mm(1.5), bottom: mm(1.5), left: mm(1.8), right: mm(1.8) },
        borders,
      });
    });
    return new TableRow({ children: cells, height: { value: mm(row.height), rule: HeightRule.ATLEAST }, cantSplit: false });
  });
  return new Table({
    rows,
    columnWidths: layout.columns.map(mm),
    width: { size: mm(layout.columns.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
  });
}

/** The paragraphs and table of one form; `breakBefore` starts it on a new page. */
function formBlocks(layout: FormLayout, breakBefore: boolean): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = layout.titles.map(
    (t, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: i === layout.titles.length - 1 ? 240 : 60 },
        children: [...(i === 0 && breakBefore ? [new PageBreak()] : []), run(t, SONG, SIZE.title, true)],
      }),
  );
  if (layout.header) blocks.push(new Paragraph({ spacing: { after: 120 }, children: [run(layout.header, FANGSONG, SIZE.header)] }));
  blocks.push(formTable(layout));
  if (layout.note) blocks.push(new Paragraph({ spacing: { before: 120 }, indent: { firstLine: mm(8) }, children: [run(layout.note, FANGSONG, SIZE.note)] }));
  return blocks;
}

/** One .docx holding the given forms, each starting on its own A4 portrait page. */
export async function formsDocx(layouts: readonly FormLayout[], title: string): Promise<Buffer> {
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: mm(210), height: mm(297) },
        margin: { top: mm(25), bottom: mm(20), left: mm(25), right: mm(25), header: mm(10), footer: mm(10) },
      },
    },
    children: layouts.flatMap((l, i) => formBlocks(l, i > 0)),
  };
  const doc = new Document({
    title,
    creator: '领导点评',
    styles: { default: { document: { run: { font: { ascii: SONG, eastAsia: SONG, hAnsi: SONG }, size: SIZE.cell } } } },
    sections: [section],
  });
  return Packer.toBuffer(doc);
}

/** 红头 red of a party document's masthead and its rule. */
const RED = 'C00000';
/** Half-points: 二号 22pt for the masthead, 小二 18pt title, 三号 16pt body as in party documents (GB/T 9704). */
const NOTICE_SIZE = { masthead: 44, title: 36, body: 32, foot: 28 };
const HEITI = '黑体';
const KAITI = '楷体';

const bodyLine = (children: TextRun[], opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number } = {}) =>
  new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { line: 560, lineRule: 'exact', before: opts.before ?? 0 },
    indent: opts.indent === false ? undefined : { firstLine: mm(11.2) },
    children,
  });

/**
 * A 通报 as a formal written notice (core/domain/notice.ts noticeDocument): the issuer's red masthead and rule,
 * the title, the addressee, the summary, a numbered section per review, the closing, the issuer and date, and
 * the 公开范围 under a rule at the foot. A4 portrait with the margins of party documents.
 */
export async function noticeDocx(doc: NoticeDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: doc.issuer, bold: true, color: RED, size: NOTICE_SIZE.masthead, font: { ascii: SONG, eastAsia: SONG, hAnsi: SONG } })] }),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, spacing: { after: 360 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360, line: 600, lineRule: 'exact' }, children: [run(doc.title, SONG, NOTICE_SIZE.title, true)] }),
    bodyLine([run(doc.addressee, FANGSONG, NOTICE_SIZE.body)], { indent: false }),
    ...doc.opening.split('\n').map((l) => bodyLine([run(l, FANGSONG, NOTICE_SIZE.body)])),
  ];
  for (const section of doc.sections) {
    children.push(bodyLine([run(section.heading, HEITI, NOTICE_SIZE.body)]));
    for (const p of section.paragraphs) children.push(bodyLine([run(`${p.label}：`, KAITI, NOTICE_SIZE.body), run(p.text, FANGSONG, NOTICE_SIZE.body)]));
  }
  children.push(
    bodyLine([run(doc.closing, FANGSONG, NOTICE_SIZE.body)]),
    bodyLine([run(doc.signature, FANGSONG, NOTICE_SIZE.body)], { indent: false, align: AlignmentType.RIGHT, before: 560 }),
    bodyLine([run(doc.date, FANGSONG, NOTICE_SIZE.body)], { indent: false, align: AlignmentType.RIGHT }),
    new Paragraph({
      spacing: { before: 480 },
      border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
      children: [run(doc.scopeLine, FANGSONG, NOTICE_SIZE.foot)],
    }),
  );
  const document = new Document({
    title: doc.title,
    creator: '领导点评',
    styles: { default: { document: { run: { font: { ascii: FANGSONG, eastAsia: FANGSONG, hAnsi: FANGSONG }, size: NOTICE_SIZE.body } } } },
    sections: [{ properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** A written paper of the 台帐 (a 具体方案, the 总结 of progress reports) as an A4 Word file: title, facts, text. */
export async function paperDocx(paper: WrittenPaper): Promise<Buffer> {
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: paper.title, bold: true, size: SIZE.title })] }),
    ...paper.facts.map((f) => new Paragraph({ children: [new TextRun({ text: f, size: SIZE.note })] })),
    new Paragraph({ children: [] }),
    ...paper.paragraphs.map((t) => new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [new TextRun({ text: t, font: { ascii: FANGSONG, eastAsia: FANGSONG, hAnsi: FANGSONG }, size: SIZE.header })] })),
  ];
  const doc = new Document({
    title: paper.title,
    creator: '领导点评',
    styles: { default: { document: { run: { font: { ascii: SONG, eastAsia: SONG, hAnsi: SONG }, size: SIZE.cell } } } },
    sections: [{ properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(25), bottom: mm(20), left: mm(25), right: mm(25) } } }, children }],
  });
  return Packer.toBuffer(doc);
}
