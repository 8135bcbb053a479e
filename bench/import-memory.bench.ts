/**
 * Peak memory of reading a roster file (issue 23, finding 5): each file is read by readRosterFile in a
 * fresh node process, as one cloud function instance would, and the process's peak resident set is
 * printed with whether the file was accepted or refused. A cloud function has 256 MB by default; the
 * bench fails (exits non-zero) when any file, accepted or refused, takes the reader above 200 MB.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';

const root = path.resolve(__dirname, '..');
const LIMIT_MB = 200;

/** A sheet XML of `rows` rows and `cols` inline-string cells of `text`, packed as the person sheet of the template. */
async function wideSheet(rows: number, cols: number, text: string): Promise<Buffer> {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const files = require('../cloudfunctions/export/test/roster-files') as typeof import('../cloudfunctions/export/test/roster-files');
  const zip = await JSZip.loadAsync(await files.filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', '实验小学党支部']]));
  const colName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells = Array.from({ length: cols }, (_, c) => `<c r="${colName(c)}${r}" t="inlineStr"><is><t>${text}</t></is></c>`).join('');
    body.push(`<row r="${r}">${cells}</row>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`;
  zip.file('xl/worksheets/sheet2.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Runs readRosterFile on one file in a fresh process; its peak RSS in MB and what it answered. */
function measure(file: string): { peakMb: number; answer: string } {
  const script = `
    require('tsx/cjs');
    const { readRosterFile } = require(${JSON.stringify(path.join(root, 'cloudfunctions/export/src/roster-file.ts'))});
    const buf = require('fs').readFileSync(${JSON.stringify(file)});
    readRosterFile(buf).then((s) => 'accepted ' + (s.orgs.length + s.persons.length) + ' rows', (e) => 'refused: ' + e.message)
      .then((answer) => process.stdout.write(JSON.stringify({ answer, peakMb: process.resourceUsage().maxRSS / 1024 })));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 }));
}

async function main() {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const files = require('../cloudfunctions/export/test/roster-files') as typeof import('../cloudfunctions/export/test/roster-files');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const people = (n: number) => Array.from({ length: n }, (_, i) => [`党员${i}`, '实验小学党支部', '教师', '是']);
  const cases: Array<[string, Buffer]> = [
    ['a good roster of 5,000 people', await files.filledRoster([['实验小学党支部', '党支部', null]], people(5000))],
    ['20,000 people (the row cap)', await files.filledRoster([['实验小学党支部', '党支部', null]], people(20000))],
    ['20,001 people', await files.filledRoster([['实验小学党支部', '党支部', null]], people(20001))],
    ['zip bomb (100 MB inflated)', files.zipBomb(100)],
    ['20,000 rows × 60 wide cells (~58 MB of XML)', await wideSheet(20000, 60, '党员信息党员信息')],
    ['20,000 rows × 26 cells (~25 MB of XML)', await wideSheet(20000, 26, '党员信息党员信息')],
  ];
  let worst = 0;
  for (const [name, buf] of cases) {
    const file = path.join(dir, `${cases.findIndex((c) => c[0] === name)}.xlsx`);
    fs.writeFileSync(file, buf);
    const { peakMb, answer } = measure(file);
    worst = Math.max(worst, peakMb);
    console.log(`${name} (${(buf.length / 1024 / 1024).toFixed(2)} MB file): peak RSS ${peakMb.toFixed(0)} MB — ${answer.slice(0, 90)}`);
  }
  console.log(`worst peak: ${worst.toFixed(0)} MB (limit: ${LIMIT_MB} MB)`);
  fs.rmSync(dir, { recursive: true, force: true });
  // A peak over the limit fails the bench, so a regression in the reader's memory cannot pass unnoticed.
  if (worst > LIMIT_MB) {
    console.error(`peak RSS ${worst.toFixed(0)} MB is over the ${LIMIT_MB} MB limit`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
