/**
 * `npm run forms:render`: the seed forms, the progress report and the roster template as the export
 * function makes them, turned into PDFs and PNGs in docs/forms/ with LibreOffice headless, so that
 * people can look at them beside the seeds. Needs `soffice` (libreoffice-writer/calc), `pdftoppm`
 * (poppler-utils) and a CJK font (fonts-noto-cjk or fonts-arphic-uming); not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formsDocx } from '../cloudfunctions/export/src/docx';
import { progressXlsx, rosterTemplateXlsx } from '../cloudfunctions/export/src/xlsx';
import { formHeading, memberFormLayout, orgFormLayout, progressSheet } from '../miniprogram/core/domain/forms';
import { seed000Forms, seed003Forms, seed003ProgressRows } from '../miniprogram/core/domain/fixtures/forms';

const out = join(__dirname, '..', 'docs', 'forms');
const heading003 = formHeading('以质取胜、创先争优', '全国质检系统“以质取胜、创先争优”活动');

async function main() {
  const s000 = seed000Forms();
  const s003 = seed003Forms();
  const files: Array<[string, Buffer]> = [
    ['000-附件1-基层组织登记表.docx', await formsDocx([orgFormLayout('SIMPLE', s000.org, '')], '领导点评（基层组织）登记表')],
    ['000-附件2-党员登记表.docx', await formsDocx([memberFormLayout('SIMPLE', s000.member, '')], '领导点评（党员）登记表')],
    ['003-附件1-进度报表.xlsx', await progressXlsx(progressSheet({ heading: heading003, orgName: '总局直属机关党委', asOfDate: '2011年1月10日', rows: seed003ProgressRows() }))],
    ['003-附件2-党组织登记表.docx', await formsDocx([orgFormLayout('DETAILED', s003.org, heading003)], '领导点评党组织创先争优情况登记表')],
    ['003-附件3-党员情况表.docx', await formsDocx([memberFormLayout('DETAILED', s003.member, heading003)], '领导点评党员参加创先争优活动情况表')],
    ['名册导入模板.xlsx', await rosterTemplateXlsx()],
  ];
  const work = mkdtempSync(join(tmpdir(), 'forms-render-'));
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) if (/\.(pdf|png)$/.test(name)) rmSync(join(out, name));
  for (const [name, buf] of files) writeFileSync(join(work, name), buf);
  // The forms ask for 宋体 / 仿宋, which Debian lacks: map them onto the CJK serif faces it has.
  const fontsConf = join(work, 'fonts.conf');
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
      [['宋体', 'Noto Serif CJK SC'], ['SimSun', 'Noto Serif CJK SC'], ['仿宋', 'AR PL UMing CN'], ['FangSong', 'AR PL UMing CN']]
        .map(([from, to]) => `<alias binding="same"><family>${from}</family><prefer><family>${to}</family></prefer></alias>`)
        .join('') +
      `</fontconfig>`,
  );
  // A private LibreOffice profile, so a running desktop instance or another user's profile does not interfere.
  execFileSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files.map(([n]) => join(work, n))], { stdio: 'inherit', env: { ...process.env, FONTCONFIG_FILE: fontsConf } });
  for (const [name] of files) {
    const base = name.replace(/\.(docx|xlsx)$/, '');
    execFileSync('pdftoppm', ['-png', '-r', '70', join(out, `${base}.pdf`), join(out, base)], { stdio: 'inherit' });
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`forms:render → ${out}\n${readdirSync(out).join('\n')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
