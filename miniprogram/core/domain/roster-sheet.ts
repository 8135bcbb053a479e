/**
 * The roster spreadsheet (名册模板): its two sheets and columns, how filled rows become the rows of
 * `roster.import`, and how that action's issues are told back as the sheet, row and column a person
 * sees. The check itself is `roster.import`'s (contracts + validateTree), never restated here.
 */
import { ORG_KIND_LABELS, OrgKindSchema, type OrgKind } from '../contracts/org';

export const ORG_SHEET = '党组织表';
export const PERSON_SHEET = '人员表';
/** Row 1 holds the instructions, row 2 the headers; data starts on row 3. */
export const FIRST_DATA_ROW = 3;
/** Longest text a roster cell may hold (names ≤ 100, 单位及职务 ≤ 100; lists of names a little more). */
export const CELL_MAX = 1000;
/** Most data rows per sheet before a file is refused without reading it. */
export const ROWS_MAX = 20000;

export interface SheetColumn {
  /** The field of the import row the column fills. */
  field: string;
  header: string;
  width: number;
  /** Drop-down choices, when the column takes one of a few values. */
  choices?: string[];
  /** Several names in one cell, separated by 、 */
  list?: boolean;
}

const YES_NO = ['是', '否'];

export const ORG_COLUMNS: SheetColumn[] = [
  { field: 'name', header: '党组织名称', width: 34 },
  { field: 'kind', header: '类型', width: 12, choices: OrgKindSchema.options.map((k) => ORG_KIND_LABELS[k]) },
  { field: 'parent', header: '上级党组织', width: 34 },
];

export const PERSON_COLUMNS: SheetColumn[] = [
  { field: 'name', header: '姓名', width: 12 },
  { field: 'org', header: '所在党组织', width: 30 },
  { field: 'unitAndPost', header: '单位及职务', width: 30 },
  { field: 'isMember', header: '是否党员', width: 10, choices: YES_NO },
  { field: 'secretaryOf', header: '任书记的党组织', width: 30, list: true },
  { field: 'committeeOf', header: '任班子成员的党组织', width: 30, list: true },
  { field: 'liaisonOrgs', header: '联系点', width: 30, list: true },
  { field: 'mobileInflowOrg', header: '流动党员流入地党组织', width: 30 },
  { field: 'intern', header: '实习', width: 8, choices: YES_NO },
  { field: 'elderly', header: '年老体弱', width: 10, choices: YES_NO },
  { field: 'phone', header: '手机号', width: 16 },
];

export const ORG_INSTRUCTIONS =
  '填写说明：每行一个党组织。党组织名称不能重复；类型从下拉列表中选择；上级党组织填写本表中或系统中已有的党组织名称，顶层党组织不填。请不要使用公式，不要修改表头。';
export const PERSON_INSTRUCTIONS =
  '填写说明：每行一人。所在党组织、任书记的党组织等填写党组织名称，多个用“、”分隔；是否党员、实习、年老体弱选“是”或“否”，不填视为党员、否。手机号可不填，只保存后4位，供新同志申请加入时核对。请不要使用公式，不要修改表头。';

/** One filled data row: the sheet row number and its cells as text, in column order. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface RosterRows {
  orgs: unknown[];
  persons: unknown[];
  /** Sheet row number of each import row, so issues can name the row a person sees. */
  orgRowNumbers: number[];
  personRowNumbers: number[];
}

const KIND_BY_LABEL = new Map<string, OrgKind>(OrgKindSchema.options.map((k) => [ORG_KIND_LABELS[k], k]));
const splitList = (s: string) => s.split(/[、，,；;]/).map((x) => x.trim()).filter(Boolean);
/** 是 / 否 as booleans; anything else is passed on as typed, for the contract to refuse by column. */
const yesNo = (s: string): boolean | string | undefined => (s === '' ? undefined : s === '是' ? true : s === '否' ? false : s);

/**
 * Turns filled sheet rows into `roster.import` rows. An org is keyed by its name; a reference names an
 * org of this sheet, else an existing org (by unique name → id), else stays as typed so that
 * `roster.import` reports it as unknown.
 */
export function rosterRowsFromSheets(orgSheet: readonly SheetRow[], personSheet: readonly SheetRow[], existing: ReadonlyArray<{ id: string; name: string }>): RosterRows {
  const sheetNames = new Set(orgSheet.map((r) => r.cells[0]?.trim() ?? '').filter(Boolean));
  const byName = new Map<string, string | null>();
  for (const o of existing) byName.set(o.name, byName.has(o.name) ? null : o.id);
  const ref = (name: string): string => (sheetNames.has(name) ? name : (byName.get(name) ?? name));
  const optionalRef = (name: string) => (name === '' ? undefined : ref(name));

  const orgs = orgSheet.map(({ cells }) => {
    const [name = '', kind = '', parent = ''] = cells.map((c) => c.trim());
    return { key: name, name, kind: KIND_BY_LABEL.get(kind) ?? kind, parent: parent === '' ? null : ref(parent) };
  });
  const persons = personSheet.map(({ cells }) => {
    const [name = '', org = '', unitAndPost = '', isMember = '', secretaryOf = '', committeeOf = '', liaisonOrgs = '', inflow = '', intern = '', elderly = '', phone = ''] = cells.map((c) => c.trim());
    const row: Record<string, unknown> = {
      name,
      org: ref(org),
      unitAndPost,
      isMember: yesNo(isMember),
      secretaryOf: splitList(secretaryOf).map(ref),
      committeeOf: splitList(committeeOf).map(ref),
      liaisonOrgs: splitList(liaisonOrgs).map(ref),
      mobileInflowOrg: optionalRef(inflow),
      intern: yesNo(intern),
      elderly: yesNo(elderly),
      phone: phone === '' ? undefined : phone,
    };
    return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
  });
  return { orgs, persons, orgRowNumbers: orgSheet.map((r) => r.row), personRowNumbers: personSheet.map((r) => r.row) };
}

/** `人员表 第12行「所在党组织」：…`: where a problem is, as the person sees the sheet. */
export function cellMessage(sheet: string, row: number, header: string | null, detail: string): string {
  return `${sheet} 第${row}行${header ? `「${header}」` : ''}：${detail}`;
}

/**
 * A `roster.import` issue (path `[orgs|persons, index, field, …]`, message `人员第n行：detail`) told
 * as the sheet, row number and column header of the file.
 */
export function sheetIssue(issue: { path: Array<string | number>; message: string }, rows: Pick<RosterRows, 'orgRowNumbers' | 'personRowNumbers'>): { path: Array<string | number>; message: string } {
  const [table, index, field] = issue.path;
  if (table !== 'orgs' && table !== 'persons') return issue;
  const sheet = table === 'orgs' ? ORG_SHEET : PERSON_SHEET;
  // A whole-sheet problem (too many rows for one import): name the sheet only.
  if (typeof index !== 'number') return { path: [sheet], message: `${sheet}：${issue.message}` };
  const row = (table === 'orgs' ? rows.orgRowNumbers : rows.personRowNumbers)[index] ?? index + FIRST_DATA_ROW;
  const columns = table === 'orgs' ? ORG_COLUMNS : PERSON_COLUMNS;
  // An org's key is its name on the sheet.
  const column = columns.find((c) => c.field === (field === 'key' ? 'name' : field));
  const raw = issue.message.includes('：') ? issue.message.slice(issue.message.indexOf('：') + 1) : issue.message;
  // The contract names fields in English (`isMember格式不对`); the column header already says which.
  const detail = column ? raw.replace(/^[A-Za-z0-9.]+格式不对/, '格式不对') : raw;
  return { path: [sheet, row, ...(column ? [column.header] : [])], message: cellMessage(sheet, row, column?.header ?? null, detail) };
}
