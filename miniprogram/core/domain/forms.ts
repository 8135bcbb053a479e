/**
 * The seeds' attachments as pure layouts (DOMAIN §7): the registration forms [000 附件1/2][003 附件2/3]
 * as titled tables of cells with spans, and the progress report [003 附件1] as a grid of figures.
 * The `export` function only draws these with docx / exceljs; every word and number is decided here.
 */
import type { Counts } from '../contracts/campaign';
import type { Commitment } from '../contracts/commitment';
import type { MemberRegistrationForm, OrgRegistrationForm } from './templates';

/** [000] a 区 office's forms (点评内容 in one box); [003] a 系统's forms (成绩 / 问题 / 建议 apart). */
export type FormStyle = 'SIMPLE' | 'DETAILED';

/** One cell: a label or a value; spans count grid columns and rows. */
export interface FormCell {
  text: string;
  label: boolean;
  colSpan?: number;
  rowSpan?: number;
}

export interface FormRow {
  /** Minimum height in millimetres: the room the seed leaves for handwriting. */
  height: number;
  cells: FormCell[];
}

export interface FormLayout {
  /** Centred title lines (the seed's title without “（样表）”). */
  titles: string[];
  /** The line above the table (时间 / 地点), or null. */
  header: string | null;
  /** Grid column widths in millimetres; they add up to the A4 text width. */
  columns: number[];
  rows: FormRow[];
  /** The seed's note at the foot, or null. */
  note: string | null;
}

/** Said under the commitments of a review submitted before their state was kept with it. */
export const COMMITMENTS_AS_OF_EXPORT = '（点评时的承诺情况未留存，以上为导出时的情况）';

/**
 * The commitments a review's form prints (issue 22): as they stood when the review was submitted (the
 * snapshot kept with it, even when empty), never today's progress; only a review submitted before
 * snapshots were kept falls back to today's, and then says so.
 */
export function commitmentsForForm(snapshot: readonly Commitment[] | undefined, current: readonly Commitment[]): { commitments: readonly Commitment[]; note: string | null } {
  return snapshot ? { commitments: snapshot, note: null } : { commitments: current, note: COMMITMENTS_AS_OF_EXPORT };
}

/** A4 portrait, 2.5 cm left and right margins: the width the tables fill. */
export const TEXT_WIDTH_MM = 160;

const label = (text: string, colSpan?: number, rowSpan?: number): FormCell => ({ text, label: true, ...(colSpan ? { colSpan } : {}), ...(rowSpan ? { rowSpan } : {}) });
const value = (text: string, colSpan?: number): FormCell => ({ text, label: false, ...(colSpan ? { colSpan } : {}) });
/** The seed writes 领导点评情况 down the left side, one character a line. */
const vertical = (text: string) => [...text].join('\n');

/** The title's first line for [003]-style forms: the system and campaign, e.g. 全国质检系统“以质取胜、创先争优”活动. */
export function formHeading(campaignName: string, heading?: string): string {
  return heading && heading.trim() ? heading.trim() : `“${campaignName}”活动`;
}

/** 点评内容 of a [000] form: mode, the template's aspects, then achievements, problems, direction and the requirement. */
export function reviewBoxText(f: Pick<OrgRegistrationForm, 'mode' | 'reviewContent' | 'achievements' | 'problems' | 'rectificationRequirement'> & { direction: string }): string {
  return [
    `点评方式：${f.mode}`,
    ...(f.reviewContent ? [f.reviewContent] : []),
    `取得的成绩：${f.achievements}`,
    `存在的问题：${f.problems}`,
    `努力方向：${f.direction}`,
    `整改要求：${f.rectificationRequirement}`,
  ].join('\n');
}

const reviewerText = (name: string, unitAndPost: string) => (unitAndPost.trim() ? `${name}（${unitAndPost.trim()}）` : name);

/** The org registration form: [000 附件1] for SIMPLE, [003 附件2] for DETAILED. */
export function orgFormLayout(style: FormStyle, f: OrgRegistrationForm, heading: string): FormLayout {
  const columns = [12, 30, 58, 24, 36];
  if (style === 'SIMPLE') {
    return {
      titles: ['领导点评（基层组织）登记表'],
      header: `时间：${f.time}　　　　地点：${f.place}`,
      columns,
      rows: [
        { height: 14, cells: [label('基层党组织名称', 2), value(f.orgName), label('党员人数'), value(String(f.memberCount))] },
        { height: 45, cells: [label('承诺事项\n及完成情况', 2), value(f.commitmentsAndFulfilment, 3)] },
        { height: 14, cells: [label(vertical('领导点评情况'), undefined, 3), label('点评领导'), value(reviewerText(f.reviewerName, f.reviewerUnitAndPost), 3)] },
        { height: 95, cells: [label('点评内容'), value(reviewBoxText({ ...f, direction: f.suggestions }), 3)] },
        { height: 40, cells: [label('整改落实打算'), value(f.rectificationPlan, 3)] },
      ],
      note: '注：此表党组织存一份，上一级党组织存一份。',
    };
  }
  return {
    titles: [heading, '领导点评党组织创先争优情况登记表'],
    header: null,
    columns,
    rows: [
      { height: 14, cells: [label('党组织名称', 2), value(f.orgName), label('党员\n人数'), value(String(f.memberCount))] },
      { height: 14, cells: [label('点评时间', 2), value(f.time), label('地点'), value(f.place)] },
      { height: 14, cells: [label('点评领导姓名', 2), value(f.reviewerName), label('单位及职务'), value(f.reviewerUnitAndPost)] },
      { height: 45, cells: [label('前段\n小结', 2), value(`${f.commitmentsAndFulfilment}\n（可另附页）`, 3)] },
      { height: 50, cells: [label(vertical('领导点评'), undefined, 3), label('主要成绩'), value(f.achievements, 3)] },
      { height: 45, cells: [label('存在的问题和不足'), value(f.problems, 3)] },
      { height: 45, cells: [label('下阶段工作建议'), value(f.suggestions, 3)] },
    ],
    note: null,
  };
}

/** The member registration form: [000 附件2] for SIMPLE, [003 附件3] for DETAILED. */
export function memberFormLayout(style: FormStyle, f: MemberRegistrationForm, heading: string): FormLayout {
  if (style === 'SIMPLE') {
    return {
      titles: ['领导点评（党员）登记表'],
      header: `时间：${f.time}　　　　地点：${f.place}`,
      columns: [12, 30, 42, 38, 38],
      rows: [
        { height: 14, cells: [label('党员姓名', 2), value(f.memberName), label('所在党组织名称'), value(f.orgName)] },
        { height: 45, cells: [label('承诺事项\n及完成情况', 2), value(f.commitmentsAndFulfilment, 3)] },
        { height: 14, cells: [label(vertical('领导点评情况'), undefined, 3), label('点评领导'), value(reviewerText(f.reviewerName, f.reviewerUnitAndPost), 3)] },
        { height: 95, cells: [label('点评内容'), value(reviewBoxText({ ...f, rectificationRequirement: f.rectificationSuggestions }), 3)] },
        { height: 40, cells: [label('整改落实打算'), value(f.rectificationPlan, 3)] },
      ],
      note: '注：此表由党员所在党组织保存。',
    };
  }
  return {
    titles: [heading, '领导点评党员参加创先争优活动情况表'],
    header: null,
    columns: [22, 32, 22, 30, 22, 32],
    rows: [
      { height: 14, cells: [label('党员姓名'), value(f.memberName), label('单位及职务'), value(f.unitAndPost), label('所属支部'), value(f.orgName)] },
      { height: 14, cells: [label('点评领导'), value(f.reviewerName), label('点评地点'), value(f.place), label('点评形式'), value(f.mode)] },
      { height: 60, cells: [label('存在问题'), value(f.problems, 5)] },
      { height: 50, cells: [label('整改意见建议'), value(f.rectificationSuggestions, 5)] },
      { height: 50, cells: [label('点评问题整改落实情况'), value(rectificationDoneText(f), 5)] },
    ],
    note: null,
  };
}

/** 点评问题整改落实情况 [003 附件3]: the target's measures, then where the rectification stands. */
export function rectificationDoneText(f: Pick<MemberRegistrationForm, 'rectificationPlan' | 'rectificationStatus'>): string {
  return [...(f.rectificationPlan.trim() ? [`整改措施：${f.rectificationPlan.trim()}`] : []), `落实情况：${f.rectificationStatus}`].join('\n');
}

/** Cycle keys a cycle contains, itself included: a year holds its halves, quarters and months. */
export function cycleKeysWithin(key: string): string[] {
  const year = key.slice(0, 4);
  const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);
  if (key.length === 4) return [key, `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...months(1, 12)];
  const part = key.slice(5);
  if (part.startsWith('H')) {
    const h = Number(part.slice(1));
    const q = h === 1 ? [1, 2] : [3, 4];
    return [key, ...q.map((n) => `${year}-Q${n}`), ...months(h === 1 ? 1 : 7, h === 1 ? 6 : 12)];
  }
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return [key, ...months(q * 3 - 2, q * 3)];
  }
  return [key];
}

/** How a cycle key reads on a file name: 2026年、2026年上半年、2026年第4季度、2026年11月、2026年第2阶段. */
export function cycleLabel(key: string): string {
  const year = `${key.slice(0, 4)}年`;
  const part = key.slice(5);
  if (!part) return year;
  if (part === 'H1') return `${year}上半年`;
  if (part === 'H2') return `${year}下半年`;
  if (part.startsWith('Q')) return `${year}第${part.slice(1)}季度`;
  if (part.startsWith('S')) return `${year}第${part.slice(1)}阶段`;
  return `${year}${Number(part)}月`;
}

/** How a cycle reads on a screen: a stage by its own name (「第二阶段：边学边改」), any other as cycleLabel. */
export function cycleTitle(campaign: { stages?: Array<{ name: string }> }, key: string): string {
  const stage = /-S(\d+)$/.exec(key);
  const named = stage ? campaign.stages?.[Number(stage[1]) - 1]?.name : undefined;
  return named ? `${cycleLabel(key)}（${named}）` : cycleLabel(key);
}

/** The longest file or folder name, in characters: long org names are cut so paths stay within every system's limits. */
export const FILE_NAME_MAX = 80;

/**
 * A file or folder name without the characters storage paths and Windows refuse, nor control
 * characters, never `.` or `..` (nor leading or trailing dots: a zip entry must not climb out of its
 * folder), cut to FILE_NAME_MAX characters without splitting one.
 */
export function safeFileName(name: string): string {
  const cleaned = [...name.replace(/[\\/:*?"<>|\s\u0000-\u001f\u007f]+/g, '_')].slice(0, FILE_NAME_MAX).join('');
  return cleaned.replace(/^\.+|\.+$/g, (dots) => '_'.repeat(dots.length)) || '未命名';
}

/** Files the 台帐 archive puts in an org's folder: no sub-folder may take one of their names. */
export const ARCHIVE_FILES = ['党组织登记表.docx', '领导点评党员档案.docx'] as const;

/**
 * The folder of every org of an archive, from its root down: each name made safe, and made unique
 * among its siblings (case aside, as Windows and macOS compare) by a number, `名称（2）`, still within
 * FILE_NAME_MAX. Two orgs with one name, or names that differ only after the cut, get folders of their
 * own, so no form overwrites another. `orgs` is the subtree with each org's parent; siblings are
 * numbered in the order given.
 */
export function archiveFolders(orgs: ReadonlyArray<{ id: string; parentId: string | null; name: string }>, rootId: string): Map<string, string> {
  const taken = new Map<string, Set<string>>();
  const own = new Map<string, string>();
  for (const o of orgs) {
    const parent = o.id === rootId ? '' : (o.parentId ?? '');
    const names = taken.get(parent) ?? new Set<string>(ARCHIVE_FILES.map((f) => f.toLowerCase()));
    taken.set(parent, names);
    const base = safeFileName(o.name);
    let name = base;
    for (let n = 2; names.has(name.toLowerCase()); n++) {
      const suffix = `（${n}）`;
      name = `${[...base].slice(0, FILE_NAME_MAX - suffix.length).join('')}${suffix}`;
    }
    names.add(name.toLowerCase());
    own.set(o.id, name);
  }
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const pathOf = (id: string): string => {
    const parent = parentOf.get(id);
    return id === rootId || !parent || !own.has(parent) ? (own.get(id) as string) : `${pathOf(parent)}/${own.get(id)}`;
  };
  return new Map(orgs.map((o) => [o.id, pathOf(o.id)]));
}

/** One row of a stored or current progress table (progress.get / progress.submit). */
export interface ProgressRowFigures {
  orgId: string;
  name: string;
  depth: number;
  required: Counts;
  newlyCompleted: Counts;
  cumulative: Counts;
}

/** A row of the sheet: its label and the nine figures in the seed's column order. */
export interface ProgressSheetRow {
  label: string;
  kind: 'UNIT' | 'OWN' | 'TOTAL';
  figures: number[];
}

export interface ProgressSheet {
  titles: string[];
  unitLine: string;
  dateLine: string;
  /** The three column groups, each split into 领导 / 党组织 / 党员. */
  groups: string[];
  subHeaders: string[];
  rows: ProgressSheetRow[];
}

const nine = (r: Pick<ProgressRowFigures, 'required' | 'newlyCompleted' | 'cumulative'>) =>
  [r.required, r.newlyCompleted, r.cumulative].flatMap((c) => [c.leaders, c.orgs, c.members]);

/**
 * The progress report [003 附件1] from a table's rows (rows[0] the org rolled up, then its children):
 * one row per child, the org's own units as 本级, and the org's rolled-up figures as 合计.
 * 本级 is 合计 minus the children, so every row adds up to exactly the table's figures.
 */
export function progressSheet(input: { heading: string; orgName: string; asOfDate: string; rows: readonly ProgressRowFigures[] }): ProgressSheet {
  const [total, ...children] = input.rows;
  const totalFigures = nine(total);
  const own = children.reduce((acc, c) => {
    const f = nine(c);
    return acc.map((v, i) => v - f[i]);
  }, totalFigures);
  return {
    titles: [input.heading, '领导点评工作完成进度报表'],
    unitLine: `上报单位：${input.orgName}`,
    dateLine: `上报日期：${input.asOfDate}`,
    groups: ['应参加点评的领导、党组织党员数量', '本次上报新增完成点评的情况', '截至本次上报累计完成点评工作情况'],
    subHeaders: ['领导', '党组织', '党员'],
    rows: [
      ...children.map((c): ProgressSheetRow => ({ label: c.name, kind: 'UNIT', figures: nine(c) })),
      { label: `${input.orgName}本级`, kind: 'OWN', figures: own },
      { label: '合计', kind: 'TOTAL', figures: totalFigures },
    ],
  };
}

/**
 * 党员人数 on the org forms [000 附件1][003 附件2]: the party members in post registered in the org or in
 * any org below it, so a 党委/党总支 whose members sit in its branches counts them all.
 */
export function subtreeMemberCounts(
  targets: readonly string[],
  orgs: ReadonlyArray<{ id: string; parentId: string | null }>,
  persons: ReadonlyArray<{ orgId: string; isMember: boolean; left?: boolean }>,
): Map<string, number> {
  const direct = new Map<string, number>();
  for (const p of persons) if (p.isMember && !p.left) direct.set(p.orgId, (direct.get(p.orgId) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const target of targets) counts.set(target, subtreeOrgIds([target], orgs).reduce((n, id) => n + (direct.get(id) ?? 0), 0));
  return counts;
}

/** The orgs of each target's subtree, the target included: whose members 党员人数 counts. */
export function subtreeOrgIds(targets: readonly string[], orgs: ReadonlyArray<{ id: string; parentId: string | null }>): string[] {
  const children = new Map<string, string[]>();
  for (const o of orgs) if (o.parentId !== null) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  const out = new Set<string>();
  const stack = [...targets];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}
