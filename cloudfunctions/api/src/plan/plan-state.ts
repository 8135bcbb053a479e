/**
 * What a plan should store, and how it differs from what is stored: requirement, unit and counter
 * documents built from the domain's required reviews and coverage units, and the smallest writes that
 * turn the stored documents into them. Shared by the sliced full plan (every document of the plan) and
 * the incremental re-plan (the documents of the targets and leaders a change touches).
 */
import type { Counts } from '../../../../miniprogram/core/contracts/campaign';
import type { ReviewRule } from '../../../../miniprogram/core/contracts/review';
import { addCounts, coverageUnits, UNIT_FIELD, zeroCounts, type CoverageUnit } from '../../../../miniprogram/core/domain/coverage';
import { matchKey, type RequiredReview } from '../../../../miniprogram/core/domain/required';
import { requirementId, unitId, type CounterDoc, type CounterPart, type RequirementDoc, type UnitDoc } from '../repositories/progress-docs';

/** Names and row paths as planned, so lists read without a lookup per row. */
export interface Naming {
  orgName(id: string): string;
  personName(id: string): string;
  /** The org and its ancestors, root first. */
  rowPath(orgId: string): string[];
}

export interface PlanIds {
  tenantId: string;
  campaignId: string;
  planId: string;
}

/** A document as it should be stored, version left to the writer. */
export type Desired = Record<string, unknown> & { _id: string };

const unitKey = (kind: UnitDoc['kind'], id: string) => `${kind}|${id}`;
/** The target unit a requirement counts in. */
export const targetUnitOf = (i: Pick<RequiredReview, 'targetKind' | 'targetId'>) => unitKey(i.targetKind === 'ORG' ? 'ORG' : 'MEMBER', i.targetId);

/** The pending requirement documents of `items` (done ones are never rewritten); `matched` ones are written done. */
export function requirementDocs(items: readonly RequiredReview[], ids: PlanIds, naming: Naming, done: ReadonlySet<string>, matched: ReadonlyMap<string, { doneAt: number; reviewId: string }>): Desired[] {
  const out: Desired[] = [];
  for (const item of items) {
    if (done.has(item.key)) continue;
    const hit = matched.get(item.key);
    out.push(
      JSON.parse(
        JSON.stringify({
          ...item,
          _id: requirementId(ids.campaignId, item.key),
          targetName: item.targetKind === 'ORG' ? naming.orgName(item.targetId) : naming.personName(item.targetId),
          reviewerName: item.reviewerId !== null ? naming.personName(item.reviewerId) : (item.externalReviewer?.name ?? null),
          tenantId: ids.tenantId,
          campaignId: ids.campaignId,
          planId: ids.planId,
          matchKey: item.reviewerId !== null || item.externalReviewer ? matchKey(item.cycleKey, item.reviewerId, item.targetKind, item.targetId) : null,
          orgPath: naming.rowPath(item.orgId),
          reviewerRowPath: item.reviewerRowOrgId ? naming.rowPath(item.reviewerRowOrgId) : [],
          done: hit !== undefined,
          doneAt: hit?.doneAt ?? null,
          reviewId: hit?.reviewId ?? null,
        }),
      ),
    );
  }
  return out;
}

/** Unit documents of `units`; `items` are all the requirements behind them (for reviewers and rules). */
export function unitDocs(units: readonly CoverageUnit[], items: readonly RequiredReview[], ids: PlanIds, naming: Naming): Desired[] {
  const reviewersOf = new Map<string, Array<{ id: string | null; name: string }>>();
  const rulesOf = new Map<string, Set<ReviewRule>>();
  const addRule = (unit: string, rule: ReviewRule) => rulesOf.set(unit, (rulesOf.get(unit) ?? new Set()).add(rule));
  for (const item of items) {
    const target = targetUnitOf(item);
    addRule(target, item.rule);
    if (item.reviewerId !== null) addRule(unitKey('LEADER', item.reviewerId), item.rule);
    const list = reviewersOf.get(target) ?? [];
    const reviewer = item.reviewerId !== null ? { id: item.reviewerId, name: naming.personName(item.reviewerId) } : item.externalReviewer ? { id: null, name: item.externalReviewer.name } : null;
    if (reviewer && !list.some((r) => r.id === reviewer.id && r.name === reviewer.name)) list.push(reviewer);
    reviewersOf.set(target, list);
  }
  return units.map((u) => ({
    _id: unitId(ids.planId, u.kind, u.id),
    tenantId: ids.tenantId,
    campaignId: ids.campaignId,
    planId: ids.planId,
    kind: u.kind,
    id: u.id,
    name: u.kind === 'ORG' ? naming.orgName(u.id) : naming.personName(u.id),
    rowOrgId: u.rowOrgId,
    rowOrgName: naming.orgName(u.rowOrgId),
    rowPath: naming.rowPath(u.rowOrgId),
    total: u.keys.length,
    done: u.keys.length - u.pendingKeys.length,
    complete: u.doneAt !== null,
    doneAt: u.doneAt,
    vacancies: u.vacancies,
    noReviewer: u.noReviewer,
    reviewers: u.kind === 'LEADER' ? [] : (reviewersOf.get(unitKey(u.kind, u.id)) ?? []).slice(0, 5),
    rules: [...(rulesOf.get(unitKey(u.kind, u.id)) ?? [])].sort(),
  }));
}

/** A stable text of a document's content (key order and `version` ignored), to tell changed documents. */
export function canon(doc: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => k !== 'version' && (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(norm(doc));
}

/** Writes turning stored documents into desired ones: changed and gone ones removed, changed and new ones added (each at its next version). */
export interface DocDiff {
  remove: string[];
  add: Array<Record<string, unknown>>;
}

/** The smallest remove-and-add diff from `stored` to `desired` (both limited to the same scope by the caller). */
export function diffDocs(stored: ReadonlyArray<{ _id: string; version: number }>, desired: readonly Desired[]): DocDiff {
  const before = new Map(stored.map((d) => [d._id, d]));
  const want = new Set(desired.map((d) => d._id));
  const remove: string[] = stored.filter((d) => !want.has(d._id)).map((d) => d._id);
  const add: Array<Record<string, unknown>> = [];
  for (const d of desired) {
    const old = before.get(d._id);
    if (old && canon(old) === canon(d)) continue;
    if (old) remove.push(d._id);
    add.push({ ...d, version: old ? old.version + 1 : 1 });
  }
  return { remove, add };
}

/** Per row org, the units complete with `withKeys` but not with `base`: completion events (人次) a re-plan found. */
export function eventsFound(items: readonly RequiredReview[], base: ReadonlyMap<string, number>, withKeys: ReadonlyMap<string, number>, now: number): Map<string, Counts> {
  const out = new Map<string, Counts>();
  if (withKeys.size === base.size) return out;
  const before = new Set(coverageUnits(items, base, now).filter((u) => u.doneAt !== null).map((u) => unitKey(u.kind, u.id)));
  for (const u of coverageUnits(items, withKeys, now)) {
    if (u.doneAt === null || before.has(unitKey(u.kind, u.id))) continue;
    const c = out.get(u.rowOrgId) ?? zeroCounts();
    c[UNIT_FIELD[u.kind]] += 1;
    out.set(u.rowOrgId, c);
  }
  return out;
}

/** What a unit adds to its row org's own counter. */
export function unitContribution(u: { kind: UnitDoc['kind']; complete: boolean }): { required: Counts; completed: Counts } {
  const required = zeroCounts();
  const completed = zeroCounts();
  required[UNIT_FIELD[u.kind]] = 1;
  if (u.complete) completed[UNIT_FIELD[u.kind]] = 1;
  return { required, completed };
}

const PARTS = ['own', 'rolled'] as const;
const FIGURES = ['required', 'completed', 'events'] as const;
const FIELDS = ['leaders', 'orgs', 'members'] as const;

/** The increments (`own.required.members: 2`, …) that take counter figures from `from` to `to`; empty when equal. */
export function figureIncrements(from: Pick<CounterDoc, 'own' | 'rolled'>, to: { own: CounterPart; rolled: CounterPart }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of PARTS) {
    for (const fig of FIGURES) {
      for (const f of FIELDS) {
        const d = to[part][fig][f] - from[part][fig][f];
        if (d !== 0) out[`${part}.${fig}.${f}`] = d;
      }
    }
  }
  return out;
}

/** Adds per-org deltas of own figures up every org's path: the increments each counter needs. */
export function deltaIncrements(own: ReadonlyMap<string, Partial<Record<(typeof FIGURES)[number], Counts>>>, pathOf: (orgId: string) => readonly string[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const add = (orgId: string, key: string, n: number) => {
    if (n === 0) return;
    const fields = out.get(orgId) ?? {};
    fields[key] = (fields[key] ?? 0) + n;
    if (fields[key] === 0) delete fields[key];
    out.set(orgId, fields);
  };
  for (const [orgId, figs] of own) {
    for (const fig of FIGURES) {
      const c = figs[fig];
      if (!c) continue;
      for (const f of FIELDS) {
        add(orgId, `own.${fig}.${f}`, c[f]);
        for (const at of [...pathOf(orgId), orgId]) add(at, `rolled.${fig}.${f}`, c[f]);
      }
    }
  }
  for (const [id, fields] of out) if (Object.keys(fields).length === 0) out.delete(id);
  return out;
}

/** Groups counters by identical increments, so one request updates every counter sharing them. */
export function groupIncrements(incs: ReadonlyMap<string, Record<string, unknown>>): Array<{ ids: string[]; fields: Record<string, unknown> }> {
  const groups = new Map<string, { ids: string[]; fields: Record<string, unknown> }>();
  for (const [id, fields] of incs) {
    const k = canon(fields);
    const g = groups.get(k) ?? { ids: [], fields };
    g.ids.push(id);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** Sums counts. */
export function sumCounts(list: Iterable<Counts>): Counts {
  const out = zeroCounts();
  for (const c of list) addCounts(out, c);
  return out;
}

export type { RequirementDoc };
