/**
 * `npm run notice:render`: a compiled 通报 of seed 000's branch as the export function
 * prints it, turned into a PDF and a PNG per page in docs/forms/ with LibreOffice headless, to look at beside
 * the seeds' 「以书面形式…公开」. Needs `soffice`, `pdftoppm` (poppler-utils) and a CJK font; not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noticeDocx } from '../cloudfunctions/export/src/docx';
import { noticeDocument } from '../miniprogram/core/domain/notice';
import type { PublicReviewView } from '../miniprogram/core/domain/visibility';

const out = join(__dirname, '..', 'docs', 'forms');

const review = (over: Partial<PublicReviewView>): PublicReviewView => ({
  visibility: 'PUBLIC',
  id: 'r',
  campaignId: 'c',
  cycleKey: '2026-Q4',
  target: { kind: 'MEMBER', orgId: 'xx1', personId: 'p', name: '李娜' },
  reviewer: { name: '吴敏', unitAndPost: '实验小学校长、支部书记' },
  enteredBy: null,
  rule: 'R1',
  ruleLabel: null,
  mode: 'CENTRAL',
  meetingType: 'PARTY_MEMBERS_MEETING',
  topic: null,
  place: '实验小学党员活动室',
  reviewedAt: Date.parse('2026-11-24T15:00:00+08:00'),
  aspects: [],
  achievements: '李娜立足本职，公开承诺事项大部分已兑现，所带班级语文成绩提升明显，群众评价较好。',
  problems: '理论学习的系统性还不够，联系服务群众的方式需要拓展。',
  direction: '加强理论学习，结合岗位多为群众办实事。',
  rectification: { required: true, requirement: '制定个人学习计划，每月至少开展一次为民服务活动。', deadline: '2026-12-31', imposed: false },
  exemplary: false,
  exemplaryNote: '',
  status: 'PUBLISHED',
  publishedAt: Date.parse('2026-12-01T10:00:00+08:00'),
  ...over,
});

async function main() {
  const doc = noticeDocument(
    {
      id: 'pub',
      title: '关于实验小学党支部领导点评情况的通报',
      summary: '根据创先争优活动领导点评工作安排，支部于11月24日召开支部党员大会集中点评，11月28日对钱军同志进行谈话点评。现将点评情况通报如下。',
      scope: { kind: 'TARGET_ORG', orgId: 'xx1' },
      scopeLabel: '被点评对象所在党组织',
      publishedAt: Date.parse('2026-12-01T10:00:00+08:00'),
      reviews: [
        review({}),
        review({
          target: { kind: 'MEMBER', orgId: 'xx1', personId: 'q', name: '钱军' },
          mode: 'TALK',
          achievements: '数学教研组成绩提升明显，带教两名青年教师。',
          problems: '与家长沟通主要靠群发通知，个别交流少。',
          direction: '每月至少与三位家长单独交流。',
          rectification: { required: false, requirement: '继续保持。', deadline: null, imposed: false },
        }),
      ],
    },
    '新北区实验小学党支部',
  );
  const work = mkdtempSync(join(tmpdir(), 'notice-render-'));
  const name = '通报-实验小学党支部';
  writeFileSync(join(work, `${name}.docx`), await noticeDocx(doc));
  const fontsConf = join(work, 'fonts.conf');
  // The notice asks for 宋体 / 仿宋 / 黑体 / 楷体, which Debian lacks: map them onto a CJK face it has (Noto, or the
  // WenQuanYi the preview's screenshots use), so the picture shows the layout, not the Windows faces.
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
      ['宋体', '仿宋', '黑体', '楷体']
        .map((from) => `<alias binding="same"><family>${from}</family><prefer><family>Noto Serif CJK SC</family><family>WenQuanYi Micro Hei</family></prefer></alias>`)
        .join('') +
      `</fontconfig>`,
  );
  const env = { ...process.env, FONTCONFIG_FILE: fontsConf };
  const profile = `-env:UserInstallation=file://${work}/profile`;
  execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', out, join(work, `${name}.docx`)], { stdio: 'inherit', env });
  for (const f of readdirSync(out)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(out, f));
  execFileSync('pdftoppm', ['-png', '-r', '70', join(out, `${name}.pdf`), join(out, name)], { stdio: 'inherit' });
  rmSync(work, { recursive: true, force: true });
  console.log(`notice:render → ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
