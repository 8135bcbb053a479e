/**
 * Coverage (全覆盖) and the progress report [003 附件1] (DOMAIN §2 coverage goal, §7).
 *
 * Units counted, each in exactly one org's row:
 * - MEMBER: a person who is the target of a requirement (MEMBER, ORG_LEADER or COMMITTEE_MEMBER;
 *   rules R1, R3, R4, R5, R6). Covered when ANY review targeting them is done. Row: their registered
 *   org, or the inflow org if mobile (requirement.orgId).
 * - ORG: an org that is the target of a requirement (R2, R5, R7; R7 targets are outside orgs
 *   counted in the assisting org's row). Covered when ANY review targeting it is done.
 * - LEADER: a person who is the reviewer of at least one requirement. Counted as done when ALL their
 *   requirements are done. Row: the shallowest org they are secretary of, else their registered org.
 *
 * A unit's completion time is its first covering review (MEMBER, ORG) or its last required review
 * (LEADER). "Newly completed" = completion time in (previous report, this report]; cumulative =
 * previous cumulative + new, so across cycles it counts completions (人次) and may exceed "required";
 * coverage ratios use `completed`, which never does. Pass as completion time the instant the review
 * was recorded, so a late entry counts in the next report rather than never.
 *
 * For per-org counters: a unit's row is decided by the requirement alone (orgId for targets,
 * reviewerRowOrgId for leaders), so ownRow(X) needs only the requirements with orgId = X or
 * reviewerRowOrgId = X, and rollUp sums children — no scan of the whole tenant.
 */
import type { Counts, ProgressSnapshot } from '../contracts/campaign';
import type { OrgKind } from '../contracts/org';
import type { TargetKind } from '../contracts/review';
import { fail, ok, type Result } from '../errors';
import type { RequiredReview, VacancyReason } from './required';
import type { OrgTree } from './tree';

export type UnitKind = 'LEADER' | 'ORG' | 'MEMBER';

/** The unit a review of this target kind counts for: an org, or a person as a member (a secretary's R3 review counts for member coverage). */
export function targetUnitKind(kind: TargetKind): 'ORG' | 'MEMBER' {
  return kind === 'ORG' ? 'ORG' : 'MEMBER';
}

/** Requirement key → instant it was completed (recorded). */
export type Completions = ReadonlyMap<string, number>;

export interface CoverageUnit {
  kind: UnitKind;
  /** Person id (LEADER, MEMBER) or org id (ORG). */
  id: string;
  rowOrgId: string;
  /** Requirement keys that make up the unit. */
  keys: string[];
  /** Keys not done by `asOf`. */
  pendingKeys: string[];
  doneAt: number | null;
  /** ORG/MEMBER: no requirement has anyone to do it, with the reasons. */
  vacancies: VacancyReason[];
  noReviewer: boolean;
}

export interface RowCounts {
  required: Counts;
  completed: Counts;
  newlyCompleted: Counts;
}

export interface ReportRow extends RowCounts {
  orgId: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  /** Depth below the report's root (root = 0). */
  depth: number;
  cumulative: Counts;
  /** The org's own figures before roll-up. */
  own: RowCounts & { cumulative: Counts };
}

export interface TargetGap {
  kind: 'MEMBER' | 'ORG';
  id: string;
  name: string;
  orgId: string;
  /** NO_REVIEWER: nobody can do any of its reviews; NOT_DONE: someone can but has not. */
  reason: 'NO_REVIEWER' | 'NOT_DONE';
  vacancies: VacancyReason[];
  pendingKeys: string[];
}

export interface LeaderGap {
  personId: string;
  name: string;
  orgId: string;
  done: number;
  total: number;
  pendingKeys: string[];
}

export interface ProgressReport {
  asOf: number;
  previousAsOf: number | null;
  rootOrgId: string;
  /** Pre-order: each org before its children; rows[0] is the whole subtree. */
  rows: ReportRow[];
  gaps: { notReviewed: TargetGap[]; notReviewing: LeaderGap[] };
  /** Store this; pass it as `previous` to the next report. */
  snapshot: ProgressSnapshot;
}

export const zeroCounts = (): Counts => ({ leaders: 0, orgs: 0, members: 0 });
const zeroRow = (): RowCounts => ({ required: zeroCounts(), completed: zeroCounts(), newlyCompleted: zeroCounts() });

/** Adds b into a. */
export function addCounts(a: Counts, b: Counts): Counts {
  a.leaders += b.leaders;
  a.orgs += b.orgs;
  a.members += b.members;
  return a;
}

/** The report column each kind of unit is counted in. */
export const UNIT_FIELD: Record<UnitKind, keyof Counts> = { LEADER: 'leaders', ORG: 'orgs', MEMBER: 'members' };

/** A unit is complete when any review of its target is done (ORG, MEMBER), or all of a leader's are (LEADER). */
export function unitComplete(kind: UnitKind, done: number, total: number): boolean {
  return kind === 'LEADER' ? done >= total : done > 0;
}

/** Counts of a minus b, never below zero. */
export function subCounts(a: Counts, b: Counts): Counts {
  return { leaders: Math.max(0, a.leaders - b.leaders), orgs: Math.max(0, a.orgs - b.orgs), members: Math.max(0, a.members - b.members) };
}

/**
 * One row of the 附件1 table from an org's kept counters: completions counted since the last report
 * (events then and now), cumulative = last report's cumulative + new, and the coverage ratios.
 */
export function counterRow(rolled: { required: Counts; completed: Counts; events: Counts }, last: { events: Counts; cumulative: Counts } | undefined) {
  const newlyCompleted = subCounts(rolled.events, last?.events ?? zeroCounts());
  return {
    required: rolled.required,
    newlyCompleted,
    cumulative: addCounts({ ...(last?.cumulative ?? zeroCounts()) }, newlyCompleted),
    completed: rolled.completed,
    ratio: coverageRatio(rolled),
  };
}

/** Groups requirements into units and decides each unit's completion at `asOf`; linear in requirements. */
export function coverageUnits(items: readonly RequiredReview[], completions: Completions, asOf: number): CoverageUnit[] {
  type Acc = CoverageUnit & { latest: number; earliest: number };
  // One map per kind: a person can be both a MEMBER and a LEADER unit.
  const byKind: Record<UnitKind, Map<string, Acc>> = { LEADER: new Map(), ORG: new Map(), MEMBER: new Map() };
  const unit = (kind: UnitKind, id: string, rowOrgId: string) => {
    const units = byKind[kind];
    let u = units.get(id);
    if (!u) {
      u = { kind, id, rowOrgId, keys: [], pendingKeys: [], doneAt: null, vacancies: [], noReviewer: true, latest: -Infinity, earliest: Infinity };
      units.set(id, u);
    }
    return u;
  };
  for (const item of items) {
    const at = completions.get(item.key);
    const done = at !== undefined && at <= asOf;
    const target = unit(targetUnitKind(item.targetKind), item.targetId, item.orgId);
    target.keys.push(item.key);
    if (done) target.earliest = Math.min(target.earliest, at);
    else target.pendingKeys.push(item.key);
    if (item.vacancy) {
      if (!target.vacancies.includes(item.vacancy)) target.vacancies.push(item.vacancy);
    } else {
      target.noReviewer = false;
    }
    if (item.reviewerId !== null && item.reviewerRowOrgId !== null) {
      const leader = unit('LEADER', item.reviewerId, item.reviewerRowOrgId);
      leader.noReviewer = false;
      leader.keys.push(item.key);
      if (done) leader.latest = Math.max(leader.latest, at);
      else leader.pendingKeys.push(item.key);
    }
  }
  const out: CoverageUnit[] = [];
  for (const u of [...byKind.MEMBER.values(), ...byKind.ORG.values(), ...byKind.LEADER.values()]) {
    const { latest, earliest, ...rest } = u;
    // A leader completes with their last required review, a target with its first.
    const complete = unitComplete(u.kind, u.keys.length - u.pendingKeys.length, u.keys.length);
    rest.doneAt = complete ? (u.kind === 'LEADER' ? latest : earliest) : null;
    out.push(rest);
  }
  return out;
}

/** Each org's own row from its units: required, completed by asOf, and completed in (previousAsOf, asOf]. */
export function ownRows(units: readonly CoverageUnit[], previousAsOf: number | null): Map<string, RowCounts> {
  const rows = new Map<string, RowCounts>();
  for (const u of units) {
    let row = rows.get(u.rowOrgId);
    if (!row) {
      row = zeroRow();
      rows.set(u.rowOrgId, row);
    }
    const f = UNIT_FIELD[u.kind];
    row.required[f] += 1;
    if (u.doneAt !== null) {
      row.completed[f] += 1;
      if (previousAsOf === null || u.doneAt > previousAsOf) row.newlyCompleted[f] += 1;
    }
  }
  return rows;
}

/**
 * One org's own row from its own requirements only (orgId or reviewerRowOrgId = orgId), as a cloud
 * function keeping per-org counters would compute it.
 */
export function ownRow(
  orgId: string,
  items: readonly RequiredReview[],
  completions: Completions,
  asOf: number,
  previousAsOf: number | null,
): RowCounts {
  const mine = items.filter((i) => i.orgId === orgId || i.reviewerRowOrgId === orgId);
  const units = coverageUnits(mine, completions, asOf).filter((u) => u.rowOrgId === orgId);
  return ownRows(units, previousAsOf).get(orgId) ?? zeroRow();
}

/**
 * Rolls own values up the tree below `rootOrgId`: each org's value = its own + the sum of its
 * children's rolled-up values. Linear: one pass children-first over the pre-order.
 */
export function rollUp<T>(
  tree: OrgTree,
  rootOrgId: string,
  own: (orgId: string) => T,
  add: (into: T, from: T) => void,
): Map<string, T> {
  const order = subtreePreorder(tree, rootOrgId);
  const rolled = new Map<string, T>();
  for (const id of order) rolled.set(id, own(id));
  for (let i = order.length - 1; i > 0; i--) {
    const id = order[i];
    const parent = tree.orgs.get(id)!.parentId!;
    add(rolled.get(parent)!, rolled.get(id)!);
  }
  return rolled;
}

/** The subtree of `rootOrgId` in pre-order (the whole tree's pre-order keeps subtrees contiguous). */
export function subtreePreorder(tree: OrgTree, rootOrgId: string): string[] {
  const out: string[] = [];
  const stack = [rootOrgId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    const kids = tree.children.get(id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** Completed / required per column, 1 where nothing is required. */
export function coverageRatio(row: Pick<RowCounts, 'required' | 'completed'>): { leaders: number; orgs: number; members: number } {
  const r = (k: keyof Counts) => (row.required[k] === 0 ? 1 : row.completed[k] / row.required[k]);
  return { leaders: r('leaders'), orgs: r('orgs'), members: r('members') };
}

export interface ProgressReportInput {
  tree: OrgTree;
  campaignId: string;
  items: readonly RequiredReview[];
  completions: Completions;
  asOf: number;
  previous?: ProgressSnapshot | null;
  /** Default: the tenant's root. */
  rootOrgId?: string;
}

/** The progress report for an org subtree: rows rolled up level by level, the gaps, and the snapshot to keep. */
export function progressReport(input: ProgressReportInput): Result<ProgressReport> {
  const { tree, items, completions, asOf } = input;
  const rootOrgId = input.rootOrgId ?? tree.rootId;
  if (!tree.orgs.has(rootOrgId)) return fail('ORG.NOT_FOUND');
  const previous = input.previous ?? null;
  const previousAsOf = previous ? previous.asOf : null;

  const units = coverageUnits(items, completions, asOf);
  const own = ownRows(units, previousAsOf);
  type Full = RowCounts & { cumulative: Counts };
  const ownFull = (id: string): Full => {
    const r = own.get(id) ?? zeroRow();
    const prev = previous?.ownCumulative[id] ?? zeroCounts();
    return { ...r, cumulative: addCounts({ ...prev }, r.newlyCompleted) };
  };
  const clone = (r: Full): Full => ({
    required: { ...r.required },
    completed: { ...r.completed },
    newlyCompleted: { ...r.newlyCompleted },
    cumulative: { ...r.cumulative },
  });
  const ownById = new Map<string, Full>();
  const rolled = rollUp<Full>(
    tree,
    rootOrgId,
    (id) => {
      const o = ownFull(id);
      ownById.set(id, o);
      return clone(o);
    },
    (into, from) => {
      addCounts(into.required, from.required);
      addCounts(into.completed, from.completed);
      addCounts(into.newlyCompleted, from.newlyCompleted);
      addCounts(into.cumulative, from.cumulative);
    },
  );

  const baseDepth = tree.depth.get(rootOrgId)!;
  const rows: ReportRow[] = [];
  const ownCumulative: Record<string, Counts> = {};
  for (const [id, r] of rolled) {
    const org = tree.orgs.get(id)!;
    const o = ownById.get(id)!;
    rows.push({ orgId: id, name: org.name, kind: org.kind, parentId: org.parentId, depth: tree.depth.get(id)! - baseDepth, ...r, own: o });
    ownCumulative[id] = { ...o.cumulative };
  }

  // Gaps, for units whose row is in the subtree.
  const notReviewed: TargetGap[] = [];
  const notReviewing: LeaderGap[] = [];
  const externalNames = new Map(tree.assistances.map((a) => [a.targetOrgId, a.targetName]));
  for (const u of units) {
    if (u.doneAt !== null || !rolled.has(u.rowOrgId)) continue;
    if (u.kind === 'LEADER') {
      notReviewing.push({
        personId: u.id,
        name: tree.persons.get(u.id)?.name ?? u.id,
        orgId: u.rowOrgId,
        done: u.keys.length - u.pendingKeys.length,
        total: u.keys.length,
        pendingKeys: u.pendingKeys,
      });
    } else {
      const name = u.kind === 'ORG' ? (tree.orgs.get(u.id)?.name ?? externalNames.get(u.id) ?? u.id) : (tree.persons.get(u.id)?.name ?? u.id);
      notReviewed.push({
        kind: u.kind,
        id: u.id,
        name,
        orgId: u.rowOrgId,
        reason: u.noReviewer ? 'NO_REVIEWER' : 'NOT_DONE',
        vacancies: u.vacancies,
        pendingKeys: u.pendingKeys,
      });
    }
  }

  return ok({
    asOf,
    previousAsOf,
    rootOrgId,
    rows,
    gaps: { notReviewed, notReviewing },
    snapshot: { tenantId: tree.tenant.id, campaignId: input.campaignId, asOf, ownCumulative },
  });
}
