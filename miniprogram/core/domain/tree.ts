/**
 * The org tree (DOMAIN §1): validation of an imported roster, row by row, and the indexed tree the
 * requirement and coverage rules read. Everything is linear in the number of rows.
 */
import {
  AssistanceSchema,
  LiaisonSchema,
  OrgSchema,
  PersonSchema,
  TenantSchema,
  type Assistance,
  type Liaison,
  type Org,
  type Person,
  type Tenant,
  type TreeInput,
} from '../contracts/org';
import { domainError, fieldMessage, type DomainError, type ErrorCode, type Result } from '../errors';
import { liaisonRefusal, postsByPerson } from './posts';

export type TreeTable = 'tenant' | 'orgs' | 'persons' | 'liaisons' | 'assistances';

/** One problem, naming the table, the row (0-based index) and the row's id so an admin can fix it. */
export interface TreeIssue {
  code: ErrorCode;
  table: TreeTable;
  row: number;
  id: string | null;
  path: Array<string | number>;
  message: string;
}

/** The failure of validateTree: `issues` for the generic envelope, `rows` with codes for the import screen. */
export interface TreeValidationError extends DomainError {
  rows: TreeIssue[];
}

/** A roster as it arrives from an import or the database: rows are checked one by one. */
export interface RawTreeInput {
  tenant: unknown;
  orgs: readonly unknown[];
  persons: readonly unknown[];
  liaisons?: readonly unknown[];
  assistances?: readonly unknown[];
}

/** A validated tree with the indexes every rule needs. Retired orgs are left out of `orgs`. */
export interface OrgTree {
  tenant: Tenant;
  rootId: string;
  /** Active orgs by id. */
  orgs: ReadonlyMap<string, Org>;
  /** Active children of each active org, in input order. */
  children: ReadonlyMap<string, readonly string[]>;
  /** Active orgs, parents before children (depth-first). */
  preorder: readonly string[];
  /** Depth below the root (root = 0). */
  depth: ReadonlyMap<string, number>;
  /** Every person, including those who left and non-members, so references resolve. */
  persons: ReadonlyMap<string, Person>;
  /** Person ids registered in each org (every person, in input order). */
  registered: ReadonlyMap<string, readonly string[]>;
  liaisons: readonly Liaison[];
  assistances: readonly Assistance[];
}

const TABLE_LABELS: Record<TreeTable, string> = {
  tenant: '单位',
  orgs: '党组织',
  persons: '人员',
  liaisons: '联系点',
  assistances: '协助点评',
};

/** Kinds that may not have children of a given kind: a 党支部 only holds 党小组, a 党小组 holds nothing. */
export function parentKindAllows(parent: Org['kind'], child: Org['kind']): boolean {
  if (parent === 'GROUP') return false;
  if (parent === 'BRANCH') return child === 'GROUP';
  return child !== 'GROUP';
}

/** The kinds an org under a parent of this kind may have (a top org, with no parent, any but 党小组). */
export function kindsUnder(parent: Org['kind'] | null): Array<Org['kind']> {
  const all: Array<Org['kind']> = ['COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP', 'LEADING_GROUP', 'WORK_COMMITTEE', 'ORGAN_COMMITTEE'];
  return parent === null ? all.filter((k) => k !== 'GROUP') : all.filter((k) => parentKindAllows(parent, k));
}

/**
 * The kinds an org may take where it sits: allowed under its parent (none: a top org) and allowing each
 * of its live children. The org edit screen offers exactly these and `org.update` refuses any other.
 */
export function kindsAt(parent: Org['kind'] | null, childKinds: ReadonlyArray<Org['kind']>): Array<Org['kind']> {
  return kindsUnder(parent).filter((k) => childKinds.every((c) => parentKindAllows(k, c)));
}

/** An org as the tree listing shows it: enough to know where it may move. */
export interface PlacedOrg {
  id: string;
  kind: Org['kind'];
  parentId: string | null;
  path: readonly string[];
  retired?: boolean;
}

/** Where an org may move: live orgs that allow its kind, other than itself, its own parent and anything below it. */
export function moveTargets<O extends PlacedOrg>(orgs: readonly O[], org: PlacedOrg): O[] {
  return orgs.filter((o) => !o.retired && o.id !== org.id && o.id !== org.parentId && !o.path.includes(org.id) && parentKindAllows(o.kind, org.kind));
}

function rowId(row: unknown): string | null {
  if (row && typeof row === 'object' && 'id' in row) {
    const id = (row as { id: unknown }).id;
    if (typeof id === 'string' && id.length > 0) return id;
  }
  return null;
}

class IssueList {
  readonly rows: TreeIssue[] = [];
  add(code: ErrorCode, table: TreeTable, row: number, id: string | null, field: Array<string | number>, detail: string): void {
    const where = table === 'tenant' ? TABLE_LABELS.tenant : `${TABLE_LABELS[table]}第${row + 1}行${id ? `（编号 ${id}）` : ''}`;
    this.rows.push({ code, table, row, id, path: [table, row, ...field], message: `${where}：${detail}` });
  }
}

/** Parses each row with its schema so one bad row is named instead of failing the whole import. */
function parseRows<T>(
  table: TreeTable,
  rows: readonly unknown[],
  schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } } },
  issues: IssueList,
): Array<{ row: number; value: T }> {
  const out: Array<{ row: number; value: T }> = [];
  rows.forEach((raw, row) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push({ row, value: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues) {
      const field = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      issues.add('INPUT.INVALID', table, row, rowId(raw), field, fieldMessage(issue));
    }
  });
  return out;
}

/** Checks a raw roster row by row (schemas, then structure) and returns the indexed tree or every problem found. */
export function validateTree(input: RawTreeInput): Result<OrgTree, TreeValidationError> {
  const issues = new IssueList();
  const tenantParsed = TenantSchema.safeParse(input.tenant);
  if (!tenantParsed.success) {
    issues.add('INPUT.INVALID', 'tenant', 0, rowId(input.tenant), [], '单位信息格式不对');
    return { ok: false, error: treeError(issues.rows) };
  }
  const orgs = parseRows('orgs', input.orgs, OrgSchema, issues);
  const persons = parseRows('persons', input.persons, PersonSchema, issues);
  const liaisons = parseRows('liaisons', input.liaisons ?? [], LiaisonSchema, issues);
  const assistances = parseRows('assistances', input.assistances ?? [], AssistanceSchema, issues);
  return checkStructure(tenantParsed.data, orgs, persons, liaisons, assistances, issues);
}

/** Indexes an already-typed tree (e.g. loaded from the database), with the same structural checks as validateTree. */
export function indexTree(input: TreeInput): Result<OrgTree, TreeValidationError> {
  const rows = <T>(xs: readonly T[]) => xs.map((value, row) => ({ row, value }));
  return checkStructure(
    input.tenant,
    rows(input.orgs),
    rows(input.persons),
    rows(input.liaisons),
    rows(input.assistances),
    new IssueList(),
  );
}

function treeError(rows: TreeIssue[]): TreeValidationError {
  const order: Record<TreeTable, number> = { tenant: 0, orgs: 1, persons: 2, liaisons: 3, assistances: 4 };
  const sorted = [...rows].sort((a, b) => order[a.table] - order[b.table] || a.row - b.row);
  return {
    ...domainError(
      'ORG.TREE_INVALID',
      `组织架构有${sorted.length}处错误，请按提示逐行修改后重新导入`,
      sorted.map((r) => ({ path: r.path, message: r.message })),
    ),
    rows: sorted,
  };
}

type Rows<T> = ReadonlyArray<{ row: number; value: T }>;

function checkStructure(
  tenant: Tenant,
  orgRows: Rows<Org>,
  personRows: Rows<Person>,
  liaisonRows: Rows<Liaison>,
  assistanceRows: Rows<Assistance>,
  issues: IssueList,
): Result<OrgTree, TreeValidationError> {
  // Orgs: ids, tenant, parents.
  const allOrgs = new Map<string, { row: number; org: Org }>();
  for (const { row, value: org } of orgRows) {
    if (allOrgs.has(org.id)) {
      issues.add('ORG.DUPLICATE_ID', 'orgs', row, org.id, ['id'], `编号与第${allOrgs.get(org.id)!.row + 1}行重复`);
      continue;
    }
    allOrgs.set(org.id, { row, org });
    if (org.tenantId !== tenant.id) issues.add('ORG.WRONG_TENANT', 'orgs', row, org.id, ['tenantId'], `单位编号 ${org.tenantId} 不是本单位`);
  }
  const roots: Array<{ row: number; org: Org }> = [];
  for (const entry of allOrgs.values()) {
    const { row, org } = entry;
    if (org.parentId === null) {
      if (!org.retired) roots.push(entry);
      if (org.kind === 'GROUP') issues.add('ORG.INVALID_PARENT_KIND', 'orgs', row, org.id, ['parentId'], '党小组必须隶属于党支部');
      continue;
    }
    const parent = allOrgs.get(org.parentId);
    if (!parent) {
      issues.add('ORG.PARENT_MISSING', 'orgs', row, org.id, ['parentId'], `上级党组织 ${org.parentId} 不存在`);
      continue;
    }
    if (!parentKindAllows(parent.org.kind, org.kind)) {
      issues.add('ORG.INVALID_PARENT_KIND', 'orgs', row, org.id, ['parentId'], `“${parent.org.name}”下不能设立${org.kind === 'GROUP' ? '党小组' : '该类党组织'}`);
    }
    if (!org.retired && parent.org.retired) {
      issues.add('ORG.RETIRED', 'orgs', row, org.id, ['parentId'], `上级党组织“${parent.org.name}”已撤销`);
    }
  }
  if (allOrgs.size > 0 && roots.length === 0) {
    issues.add('ORG.NO_ROOT', 'tenant', 0, tenant.id, [], '组织架构缺少顶层党组织（上级为空的党组织）');
  }
  if (roots.length > 1) {
    for (const { row, org } of roots.slice(1)) {
      issues.add('ORG.MULTIPLE_ROOTS', 'orgs', row, org.id, ['parentId'], `与第${roots[0].row + 1}行（${roots[0].org.id}）同为顶层党组织，只能有一个`);
    }
  }
  if (allOrgs.size === 0) issues.add('ORG.NO_ROOT', 'tenant', 0, tenant.id, [], '组织架构中没有党组织');
  findCycles(allOrgs, issues);

  // Persons: one registration each, in an existing org of this tenant.
  const persons = new Map<string, Person>();
  const personRow = new Map<string, number>();
  const registered = new Map<string, string[]>();
  for (const { row, value: p } of personRows) {
    const seen = persons.get(p.id);
    if (seen) {
      const first = personRow.get(p.id)! + 1;
      if (seen.orgId !== p.orgId) {
        issues.add('PERSON.MULTIPLE_ORGS', 'persons', row, p.id, ['orgId'], `已在第${first}行登记于 ${seen.orgId}，每人只能在一个党组织登记`);
      } else {
        issues.add('PERSON.DUPLICATE_ID', 'persons', row, p.id, ['id'], `编号与第${first}行重复`);
      }
      continue;
    }
    persons.set(p.id, p);
    personRow.set(p.id, row);
    if (p.tenantId !== tenant.id) issues.add('PERSON.WRONG_TENANT', 'persons', row, p.id, ['tenantId'], `单位编号 ${p.tenantId} 不是本单位`);
    const org = allOrgs.get(p.orgId);
    if (!org) {
      issues.add('PERSON.NO_ORG', 'persons', row, p.id, ['orgId'], `所在党组织 ${p.orgId} 不存在`);
    } else {
      if (org.org.retired && !p.left) issues.add('ORG.RETIRED', 'persons', row, p.id, ['orgId'], `所在党组织“${org.org.name}”已撤销，请先转接组织关系`);
      const list = registered.get(p.orgId);
      if (list) list.push(p.id);
      else registered.set(p.orgId, [p.id]);
    }
    const inflow = p.flags?.mobile?.inflowOrgId;
    if (inflow !== undefined && !p.left) {
      const target = allOrgs.get(inflow);
      if (!target) issues.add('ORG.NOT_FOUND', 'persons', row, p.id, ['flags', 'mobile', 'inflowOrgId'], `流入地党组织 ${inflow} 不存在`);
      else if (target.org.retired) issues.add('ORG.RETIRED', 'persons', row, p.id, ['flags', 'mobile', 'inflowOrgId'], `流入地党组织“${target.org.name}”已撤销`);
      else if (inflow === p.orgId) issues.add('INPUT.INVALID', 'persons', row, p.id, ['flags', 'mobile', 'inflowOrgId'], '流入地党组织不能是本人所在的党组织');
    }
  }

  // References from orgs, liaisons and assistances to people must resolve to party members.
  const checkPerson = (table: TreeTable, row: number, id: string, field: Array<string | number>, personId: string, role: string, missing: ErrorCode) => {
    const p = persons.get(personId);
    if (!p) issues.add(missing, table, row, id, field, `${role} ${personId} 不在人员名册中`);
    else if (!p.isMember) issues.add('PERSON.NOT_MEMBER', table, row, id, field, `${role}“${p.name}”不是党员`);
  };
  for (const { row, org } of allOrgs.values()) {
    if (org.retired) continue;
    if (org.secretaryId !== null) checkPerson('orgs', row, org.id, ['secretaryId'], org.secretaryId, '书记', 'PERSON.SECRETARY_NOT_IN_TREE');
    org.committeeMemberIds.forEach((cid, i) => checkPerson('orgs', row, org.id, ['committeeMemberIds', i], cid, '班子成员', 'PERSON.NOT_FOUND'));
  }
  const postOrgIds = postsByPerson(allOrgs.values());
  for (const { row, value: l } of liaisonRows) {
    const id = `${l.leaderId}→${l.orgId}`;
    checkPerson('liaisons', row, id, ['leaderId'], l.leaderId, '联系领导', 'PERSON.NOT_FOUND');
    const point = allOrgs.get(l.orgId);
    const leader = persons.get(l.leaderId);
    if (!point) issues.add('ORG.NOT_FOUND', 'liaisons', row, id, ['orgId'], `联系点党组织 ${l.orgId} 不存在`);
    else if (leader) {
      const refusal = liaisonRefusal(leader, point.org, postOrgIds.get(leader.id) ?? []);
      if (refusal) issues.add(refusal.code, 'liaisons', row, id, ['orgId'], refusal.message);
    }
  }
  for (const { row, value: a } of assistanceRows) {
    const assisting = allOrgs.get(a.assistingOrgId);
    if (!assisting) issues.add('ORG.NOT_FOUND', 'assistances', row, a.id, ['assistingOrgId'], `协助点评的党组织 ${a.assistingOrgId} 不存在`);
    else if (assisting.org.retired) issues.add('ORG.RETIRED', 'assistances', row, a.id, ['assistingOrgId'], `协助点评的党组织“${assisting.org.name}”已撤销`);
    if (allOrgs.has(a.targetOrgId)) issues.add('ORG.EXTERNAL_ID_CLASH', 'assistances', row, a.id, ['targetOrgId'], `被协助党组织编号 ${a.targetOrgId} 与本单位党组织重复`);
  }

  if (issues.rows.length > 0) return { ok: false, error: treeError(issues.rows) };

  // Index the active part of the tree.
  const orgs = new Map<string, Org>();
  const children = new Map<string, string[]>();
  for (const { org } of allOrgs.values()) {
    if (org.retired) continue;
    orgs.set(org.id, org);
    children.set(org.id, []);
  }
  for (const org of orgs.values()) {
    if (org.parentId !== null) children.get(org.parentId)!.push(org.id);
  }
  const rootId = roots[0].org.id;
  const preorder: string[] = [];
  const depth = new Map<string, number>([[rootId, 0]]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    preorder.push(id);
    const kids = children.get(id)!;
    const d = depth.get(id)! + 1;
    for (let i = kids.length - 1; i >= 0; i--) {
      depth.set(kids[i], d);
      stack.push(kids[i]);
    }
  }
  return {
    ok: true,
    value: {
      tenant,
      rootId,
      orgs,
      children,
      preorder,
      depth,
      persons,
      registered,
      liaisons: liaisonRows.map((r) => r.value),
      assistances: assistanceRows.map((r) => r.value),
    },
  };
}

/** Follows parent pointers once per org (each org has one parent), naming every org on a cycle. */
function findCycles(allOrgs: ReadonlyMap<string, { row: number; org: Org }>, issues: IssueList): void {
  const state = new Map<string, 1 | 2>(); // 1 = on the current walk, 2 = known to reach a root or a break
  for (const start of allOrgs.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let id: string | null = start;
    while (id !== null && allOrgs.has(id) && !state.has(id)) {
      state.set(id, 1);
      path.push(id);
      id = allOrgs.get(id)!.org.parentId;
    }
    if (id !== null && state.get(id) === 1) {
      const cycle = path.slice(path.indexOf(id));
      const names = cycle.map((c) => allOrgs.get(c)!.org.name).join(' → ');
      for (const c of cycle) {
        const { row, org } = allOrgs.get(c)!;
        issues.add('ORG.CYCLE', 'orgs', row, org.id, ['parentId'], `隶属关系出现循环：${names} → ${allOrgs.get(cycle[0])!.org.name}`);
      }
    }
    for (const p of path) state.set(p, 2);
  }
}

/** A party member still in post. */
export function inPost(p: Person | undefined): p is Person {
  return p !== undefined && p.isMember && !p.left;
}

/** The org's secretary if the post is held by a member still in post; null is a vacancy. */
export function secretaryIn(where: { persons: ReadonlyMap<string, Person> }, org: Org): Person | null {
  const p = org.secretaryId === null ? undefined : where.persons.get(org.secretaryId);
  return inPost(p) ? p : null;
}

/** A person counted as a member: a party member still in post, registered in an active org. */
export function isActiveMember(tree: OrgTree, p: Person): boolean {
  return inPost(p) && tree.orgs.has(p.orgId);
}

/** The org whose report row counts a member: the inflow org for a mobile member (R6), else the registered org. */
export function rowOrgOf(p: Person): string {
  return p.flags?.mobile?.inflowOrgId ?? p.orgId;
}

/**
 * The org whose report row counts each leader: the shallowest org they are secretary of, or for a
 * liaison-only leader the org they are registered in. Computed for every person at once.
 */
export function leaderHomeOrgs(tree: OrgTree): Map<string, string> {
  const home = new Map<string, string>();
  for (const id of tree.preorder) {
    const org = tree.orgs.get(id)!;
    if (org.kind === 'GROUP') continue;
    const sec = secretaryIn(tree, org);
    if (!sec) continue;
    const current = home.get(sec.id);
    if (current === undefined || tree.depth.get(id)! < tree.depth.get(current)!) home.set(sec.id, id);
  }
  return home;
}
