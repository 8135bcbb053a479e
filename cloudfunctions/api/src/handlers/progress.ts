/**
 * Planning and progress (issue 5 action 8, docs/design-progress.md): `campaign.plan` materialises
 * the domain's required reviews, coverage units and per-org counters; `progress.get` reads the
 * 附件1 table of an org and its children from the counters in constant round trips; `progress.gaps`
 * pages through what is left; `progress.submit` (本次上报) fixes a snapshot; `progress.history`.
 */
import * as z from 'zod/mini';
import type { Counts } from '../../../../miniprogram/core/contracts/campaign';
import { CampaignPlanInput, ProgressGapsInput, ProgressHistoryInput, ProgressRefInput } from '../../../../miniprogram/core/contracts/api/progress';
import { addCounts, coverageRatio, coverageUnits, ownRows, rollUp, zeroCounts } from '../../../../miniprogram/core/domain/coverage';
import { currentCycles } from '../../../../miniprogram/core/domain/cycles';
import { ReviewRuleSchema, type ReviewRule } from '../../../../miniprogram/core/contracts/review';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { matchKey, requiredReviews, VACANCY_LABELS } from '../../../../miniprogram/core/domain/required';
import { indexTree, type OrgTree } from '../../../../miniprogram/core/domain/tree';
import { defineAction } from '../frame/action';
import type { Db } from '../frame/db';
import { AppError } from '../frame/errors';
import { AUDIT, isDuplicateKey, mutation } from '../frame/uow';
import type { CampaignDoc, OrgDoc } from '../repositories/docs';
import { findMany } from '../repositories/read';
import { getCampaign, getTenant, listOrgs, listPersons } from '../repositories/store';
import {
  P,
  counterId,
  planIdOf,
  requirementId,
  unitId,
  type CounterDoc,
  type CounterPart,
  type LastReport,
  type ReportRowDoc,
} from '../repositories/progress-docs';
import { bulkAdd, counterWithChildren, doneRequirements, getCounter, incompleteUnits, listCounters, reportsOf } from '../repositories/progress';
import { campaignOf } from './campaigns';
import { newId, orgScope, scopedOrg, tenantScope } from './scope';

/**
 * Actions that change what is required (the tree, posts, liaisons, the outside reviewer, R7): a
 * plan older than the latest of them is stale. Read from the audit log, so no roster handler has
 * to remember to bump anything.
 */
export const ROSTER_ACTIONS = [
  'roster.import',
  'org.create',
  'org.update',
  'org.move',
  'org.retire',
  'org.assignSecretary',
  'org.setCommittee',
  'person.create',
  'person.update',
  'person.move',
  'person.retire',
  'liaison.assign',
  'liaison.remove',
  'tenant.update',
];

export type StaleReason = 'ROSTER_CHANGED' | 'CAMPAIGN_CHANGED' | 'NEW_CYCLE';
export const STALE_LABELS: Record<StaleReason, string> = {
  ROSTER_CHANGED: '组织或人员有变动，请管理员重新生成点评计划',
  CAMPAIGN_CHANGED: '活动设置有变动，请管理员重新生成点评计划',
  NEW_CYCLE: '已进入新的点评周期，请管理员重新生成点评计划',
};

const GAPS_PAGE = 100;
const HISTORY_PAGE = 20;

const sub0 = (a: Counts, b: Counts): Counts => ({
  leaders: Math.max(0, a.leaders - b.leaders),
  orgs: Math.max(0, a.orgs - b.orgs),
  members: Math.max(0, a.members - b.members),
});

export interface LoadedTree {
  tree: OrgTree;
  orgDocs: Map<string, OrgDoc>;
}

/** Reads the tenant's whole roster (paged) and indexes it with the domain's tree rules. */
export async function loadTree(db: Db, tenantId: string): Promise<LoadedTree> {
  const [tenant, orgs, persons] = await Promise.all([getTenant(db, tenantId), listOrgs(db, tenantId), listPersons(db, tenantId)]);
  if (!tenant) throw new AppError('TENANT.NOT_FOUND');
  const indexed = indexTree({
    tenant: { id: tenant._id, name: tenant.name, topReviewer: tenant.topReviewer ?? null },
    orgs: orgs.map((o) => ({ id: o._id, tenantId: o.tenantId, name: o.name, kind: o.kind, parentId: o.parentId, secretaryId: o.secretaryId, committeeMemberIds: o.committeeMemberIds, retired: o.retired ?? false })),
    persons: persons.map((p) => ({ id: p._id, tenantId: p.tenantId, name: p.name, orgId: p.orgId, unitAndPost: p.unitAndPost, flags: p.flags, isMember: p.isMember, left: p.left ?? false })),
    liaisons: persons.flatMap((p) => p.liaisonOf.map((orgId) => ({ leaderId: p._id, orgId }))),
    assistances: tenant.assistances ?? [],
  });
  if (!indexed.ok) throw new AppError('ORG.TREE_INVALID', undefined, indexed.error.rows.map((r) => ({ path: r.path, message: r.message })));
  return { tree: indexed.value, orgDocs: new Map(orgs.map((o) => [o._id, o])) };
}

export interface PlanResult {
  planId: string;
  cycleKeys: string[];
  requirements: number;
  done: number;
  units: number;
  orgs: number;
  waived: number;
  /** Requirements per rule, with the rule's explanation. */
  rules: Array<{ rule: ReviewRule; ruleLabel: string; requirements: number }>;
  vacancies: Array<{ reason: string; label: string; orgId: string; leaderId?: string }>;
  /** Database requests of the job (reads and bulk writes), for the admin's and the bench's information. */
  trips: number;
}

/**
 * The plan job (O(n), admin-triggered): required reviews for the campaign's current cycles, their
 * coverage units and per-org counters, written in bulk outside the request's transaction (it is
 * idempotent: run it again to repair an interrupted run). Completions already recorded are kept by
 * requirement key; each org's event count (人次) and last report survive re-planning.
 */
/** The plan job; `loaded` is the tenant's tree when the caller has already read and checked it. */
export async function planCampaign(db: Db, campaignDoc: CampaignDoc, now: number, loaded?: LoadedTree): Promise<PlanResult> {
  const _ = db.command;
  const campaign = campaignOf(campaignDoc);
  const cycles = currentCycles(campaign, now);
  if (!cycles.ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能生成点评计划');
  const cycleKeys = cycles.value.map((c) => c.key);
  const planId = planIdOf(campaign.id, cycleKeys);
  const tenantId = campaign.tenantId;
  let trips = 0;

  const { tree, orgDocs } = loaded ?? (await loadTree(db, tenantId));
  trips += 1 + Math.ceil((orgDocs.size + 1) / 1000) + Math.ceil((tree.persons.size + 1) / 1000);
  const set = requiredReviews(tree, campaign, cycles.value);
  const [done, existing] = await Promise.all([doneRequirements(db, campaign.id, cycleKeys), listCounters(db, campaign.id)]);
  trips += Math.ceil((done.length + 1) / 1000) + Math.ceil((existing.length + 1) / 1000);
  const doneByKey = new Map(done.map((d) => [d.key, d]));
  const completions = new Map(done.filter((d) => d.doneAt !== null).map((d) => [d.key, d.doneAt as number]));
  const oldCounters = new Map(existing.map((c) => [c.orgId, c]));

  const rowPath = (orgId: string): string[] => {
    const o = orgDocs.get(orgId);
    return o ? [...o.path, orgId] : [orgId];
  };
  const externalNames = new Map(tree.assistances.map((a) => [a.targetOrgId, a.targetName]));
  const orgName = (id: string) => tree.orgs.get(id)?.name ?? externalNames.get(id) ?? id;
  const personName = (id: string) => tree.persons.get(id)?.name ?? id;

  // Requirements: pending ones of these cycles are rewritten; done ones are never touched.
  const reviewersOf = new Map<string, Array<{ id: string | null; name: string }>>();
  // The rules behind each unit (its target's requirements, or a leader's), so a gap can be explained.
  const rulesOf = new Map<string, Set<ReviewRule>>();
  const addRule = (unit: string, rule: ReviewRule) => rulesOf.set(unit, (rulesOf.get(unit) ?? new Set()).add(rule));
  const fresh: Array<Record<string, unknown>> = [];
  for (const item of set.items) {
    const target = `${item.targetKind === 'ORG' ? 'ORG' : 'MEMBER'}|${item.targetId}`;
    addRule(target, item.rule);
    if (item.reviewerId !== null) addRule(`LEADER|${item.reviewerId}`, item.rule);
    const list = reviewersOf.get(target) ?? [];
    const reviewer = item.reviewerId !== null ? { id: item.reviewerId, name: personName(item.reviewerId) } : item.externalReviewer ? { id: null, name: item.externalReviewer.name } : null;
    if (reviewer && !list.some((r) => r.id === reviewer.id && r.name === reviewer.name)) list.push(reviewer);
    reviewersOf.set(target, list);
    if (doneByKey.has(item.key)) continue;
    fresh.push(
      JSON.parse(
        JSON.stringify({
          ...item,
          _id: requirementId(campaign.id, item.key),
          // Names as planned, so the office's list reads without a lookup per row.
          targetName: item.targetKind === 'ORG' ? orgName(item.targetId) : personName(item.targetId),
          reviewerName: item.reviewerId !== null ? personName(item.reviewerId) : (item.externalReviewer?.name ?? null),
          version: 1,
          tenantId,
          campaignId: campaign.id,
          planId,
          matchKey: item.reviewerId !== null || item.externalReviewer ? matchKey(item.cycleKey, item.reviewerId, item.targetKind, item.targetId) : null,
          orgPath: rowPath(item.orgId),
          reviewerRowPath: item.reviewerRowOrgId ? rowPath(item.reviewerRowOrgId) : [],
          done: false,
          doneAt: null,
          reviewId: null,
        }),
      ),
    );
  }
  await db.collection(P.requirements).where({ campaignId: campaign.id, cycleKey: _.in(cycleKeys), done: false }).remove();
  await db.collection(P.requirements).where({ campaignId: campaign.id, done: false, planId: _.neq(planId) }).update({ data: { superseded: true } });
  trips += 2 + (await bulkAdd(db, P.requirements, fresh));

  // Units of this plan, from the domain's coverage rules.
  const units = coverageUnits(set.items, completions, now);
  const unitDocs = units.map((u) => ({
    _id: unitId(planId, u.kind, u.id),
    version: 1,
    tenantId,
    campaignId: campaign.id,
    planId,
    kind: u.kind,
    id: u.id,
    name: u.kind === 'ORG' ? orgName(u.id) : personName(u.id),
    rowOrgId: u.rowOrgId,
    rowOrgName: orgName(u.rowOrgId),
    rowPath: rowPath(u.rowOrgId),
    total: u.keys.length,
    done: u.keys.length - u.pendingKeys.length,
    complete: u.doneAt !== null,
    doneAt: u.doneAt,
    vacancies: u.vacancies,
    noReviewer: u.noReviewer,
    reviewers: u.kind === 'LEADER' ? [] : (reviewersOf.get(`${u.kind}|${u.id}`) ?? []).slice(0, 5),
    rules: [...(rulesOf.get(`${u.kind}|${u.id}`) ?? [])].sort(),
  }));
  await db.collection(P.units).where({ planId }).remove();
  trips += 1 + (await bulkAdd(db, P.units, unitDocs));

  // Counters: own from the units, events and the last report carried over, rolled up the tree.
  const own = ownRows(units, null);
  const ownPart = (orgId: string): CounterPart => {
    const row = own.get(orgId);
    const old = oldCounters.get(orgId);
    const completed = row ? { ...row.completed } : zeroCounts();
    // A new org starts with what is already complete counted once; an existing one keeps its tally.
    return { required: row ? { ...row.required } : zeroCounts(), completed, events: old ? { ...old.own.events } : { ...completed } };
  };
  const owns = new Map<string, CounterPart>();
  const rolled = rollUp<CounterPart>(
    tree,
    tree.rootId,
    (id) => {
      const o = ownPart(id);
      owns.set(id, o);
      return { required: { ...o.required }, completed: { ...o.completed }, events: { ...o.events } };
    },
    (into, from) => {
      addCounts(into.required, from.required);
      addCounts(into.completed, from.completed);
      addCounts(into.events, from.events);
    },
  );
  const counterDocs: CounterDoc[] = [];
  for (const [orgId, r] of rolled) {
    const org = tree.orgs.get(orgId)!;
    const old = oldCounters.get(orgId);
    counterDocs.push({
      _id: counterId(campaign.id, orgId),
      version: old ? old.version + 1 : 1,
      tenantId,
      campaignId: campaign.id,
      orgId,
      parentId: org.parentId,
      path: orgDocs.get(orgId)?.path ?? [],
      name: org.name,
      kind: org.kind,
      childCount: tree.children.get(orgId)?.length ?? 0,
      planId,
      cycleKeys,
      plannedAt: now,
      campaignVersion: campaignDoc.version,
      own: owns.get(orgId)!,
      rolled: r,
      lastReport: old?.lastReport ?? null,
    });
  }
  // One set per org keeps each counter whole at every moment (a crash never loses an org's tally).
  for (let i = 0; i < counterDocs.length; i += 50) {
    await Promise.all(counterDocs.slice(i, i + 50).map(({ _id, ...doc }) => db.collection(P.counters).doc(_id).set({ data: doc })));
  }
  trips += counterDocs.length;
  for (const old of existing) {
    if (rolled.has(old.orgId)) continue;
    await db.collection(P.counters).doc(old._id).remove();
    trips++;
  }

  return {
    planId,
    cycleKeys,
    requirements: set.items.length,
    done: set.items.filter((i) => doneByKey.has(i.key)).length,
    units: unitDocs.length,
    orgs: counterDocs.length,
    waived: set.waived.length,
    rules: ReviewRuleSchema.options.map((rule) => ({ ...ruleView(rule), requirements: set.items.filter((i) => i.rule === rule).length })).filter((r) => r.requirements > 0),
    vacancies: set.vacancies.slice(0, 100).map((v) => ({ ...v, label: VACANCY_LABELS[v.reason] })),
    trips,
  };
}

/** How long a plan job may hold its campaign's lock before another run may break it (a crashed job). */
const LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_WAIT_MS = 30 * 1000;

/**
 * Runs the plan job alone for its campaign: two jobs interleaving their remove-then-add would fail
 * on each other's documents. A second call (a retry with the same requestId, a second admin) waits
 * for the first to finish and then runs again, which is idempotent.
 */
export async function withPlanLock<T>(db: Db, campaign: CampaignDoc, now: number, job: () => Promise<T>): Promise<T> {
  const id = `${campaign._id}|lock`;
  const ref = db.collection(P.plans).doc(id);
  const started = Date.now();
  for (;;) {
    try {
      await db.collection(P.plans).add({ data: { _id: id, tenantId: campaign.tenantId, campaignId: campaign._id, lockedAt: now } });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const held = (await ref.get()) as { data: { lockedAt?: number } | null };
      if (held.data && (held.data.lockedAt ?? 0) < now - LOCK_STALE_MS) await ref.remove();
      else if (Date.now() - started > LOCK_WAIT_MS) throw new AppError('PROGRESS.PLANNING');
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await job();
  } finally {
    await ref.remove();
  }
}

/** One row of the table: should take part, new since the last report, cumulative, completed and ratios. */
function tableRow(c: CounterDoc, depth: number, last: LastReport | null) {
  const prev = last?.rows[c.orgId];
  const newlyCompleted = sub0(c.rolled.events, prev?.events ?? zeroCounts());
  const cumulative = addCounts({ ...(prev?.cumulative ?? zeroCounts()) }, newlyCompleted);
  return {
    orgId: c.orgId,
    name: c.name,
    kind: c.kind,
    parentId: c.parentId,
    depth,
    hasChildren: c.childCount > 0,
    required: c.rolled.required,
    newlyCompleted,
    cumulative,
    completed: c.rolled.completed,
    ratio: coverageRatio(c.rolled),
    own: { required: c.own.required, completed: c.own.completed },
  };
}

/** Why a plan no longer matches the roster, the campaign or the calendar (one audit query). */
async function staleReasons(db: Db, self: CounterDoc, campaign: CampaignDoc, now: number): Promise<StaleReason[]> {
  const reasons: StaleReason[] = [];
  const changed = await findMany(db, AUDIT, z.looseObject({ _id: z.string() }), { tenantId: self.tenantId, action: db.command.in(ROSTER_ACTIONS), at: db.command.gt(self.plannedAt) }, { limit: 1 });
  if (changed.length) reasons.push('ROSTER_CHANGED');
  if (campaign.version !== self.campaignVersion) reasons.push('CAMPAIGN_CHANGED');
  const cycles = currentCycles(campaignOf(campaign), now);
  if (cycles.ok && cycles.value.map((c) => c.key).join('+') !== self.cycleKeys.join('+')) reasons.push('NEW_CYCLE');
  return reasons;
}

/** The org's counter and its children's, or NOT_PLANNED; checks the campaign belongs to the org's tenant. */
async function tableOf(db: Db, campaignId: string, org: OrgDoc) {
  const { self, children } = await counterWithChildren(db, campaignId, org._id);
  if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
  return { self, children };
}

function rowsOf(self: CounterDoc, children: CounterDoc[]) {
  return [tableRow(self, 0, self.lastReport), ...children.map((c) => tableRow(c, 1, self.lastReport))];
}

export const progressActions = {
  'campaign.plan': defineAction({
    input: CampaignPlanInput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller, now }) => {
      const doc = await getCampaign(db, input.campaignId);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      // Everything that can refuse runs before the lock is taken, so a refusal writes nothing.
      if (!currentCycles(campaignOf(doc), now).ok) throw new AppError('CYCLE.NOT_FOUND', '今天不在活动期内，不能生成点评计划');
      const loaded = await loadTree(db, doc.tenantId);
      const result = await withPlanLock(db, doc, now, () => planCampaign(db, doc, now, loaded));
      const plan = {
        tenantId: doc.tenantId,
        campaignId: doc._id,
        cycleKeys: result.cycleKeys,
        plannedAt: now,
        campaignVersion: doc.version,
        counts: { requirements: result.requirements, done: result.done, units: result.units, orgs: result.orgs, waived: result.waived, vacancies: result.vacancies.length },
      };
      return mutation(result, [{ kind: 'put', collection: P.plans, id: result.planId, doc: plan }]);
    },
  }),

  'progress.get': defineAction({
    input: ProgressRefInput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, now }) => {
      const org = scopedOrg(scope);
      const [campaign, { self, children }] = await Promise.all([getCampaign(db, input.campaignId), tableOf(db, input.campaignId, org)]);
      if (!campaign || campaign.tenantId !== org.tenantId) throw new AppError('CAMPAIGN.NOT_FOUND');
      const reasons = await staleReasons(db, self, campaign, now);
      return {
        campaign: { id: campaign._id, name: campaign.name },
        org: { id: org._id, name: org.name, kind: org.kind },
        asOf: now,
        plan: { id: self.planId, cycleKeys: self.cycleKeys, plannedAt: self.plannedAt },
        stale: reasons.length > 0,
        staleReasons: reasons.map((code) => ({ code, message: STALE_LABELS[code] })),
        lastReport: self.lastReport ? { id: self.lastReport.id, asOf: self.lastReport.asOf } : null,
        rows: rowsOf(self, children),
      };
    },
  }),

  'progress.gaps': defineAction({
    input: ProgressGapsInput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = scopedOrg(scope);
      const self = await getCounter(db, input.campaignId, org._id);
      if (!self || self.tenantId !== org.tenantId) throw new AppError('PROGRESS.NOT_PLANNED');
      const kinds = input.kind === 'NOT_REVIEWING' ? ['LEADER'] : input.kind === 'NOT_REVIEWED' ? ['MEMBER', 'ORG'] : ['LEADER', 'MEMBER', 'ORG'];
      const limit = input.limit ?? GAPS_PAGE;
      const page = await incompleteUnits(db, self.planId, org._id, input.cursor ?? null, kinds, limit);
      const notReviewed = page
        .filter((u) => u.kind !== 'LEADER')
        .map((u) => ({
          kind: u.kind as 'MEMBER' | 'ORG',
          id: u.id,
          name: u.name,
          orgId: u.rowOrgId,
          orgName: u.rowOrgName,
          reason: u.noReviewer ? ('NO_REVIEWER' as const) : ('NOT_DONE' as const),
          vacancies: u.vacancies.map((code) => ({ code, label: VACANCY_LABELS[code] })),
          reviewers: u.reviewers,
          rules: (u.rules ?? []).map((r) => ruleView(r)),
        }));
      const notReviewing = page
        .filter((u) => u.kind === 'LEADER')
        .map((u) => ({ personId: u.id, name: u.name, orgId: u.rowOrgId, orgName: u.rowOrgName, done: u.done, total: u.total, rules: (u.rules ?? []).map((r) => ruleView(r)) }));
      return {
        plan: { id: self.planId, cycleKeys: self.cycleKeys },
        notReviewed,
        notReviewing,
        nextCursor: page.length === limit ? page[page.length - 1]._id : null,
      };
    },
  }),

  'progress.submit': defineAction({
    input: ProgressRefInput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller, requestKey, now }) => {
      const org = scopedOrg(scope);
      const { self, children } = await tableOf(db, input.campaignId, org);
      const rows = rowsOf(self, children);
      const id = newId('prep', now, requestKey);
      const reportRows: ReportRowDoc[] = rows.map((r) => ({
        orgId: r.orgId,
        name: r.name,
        kind: r.kind,
        depth: r.depth,
        required: r.required,
        completed: r.completed,
        newlyCompleted: r.newlyCompleted,
        cumulative: r.cumulative,
      }));
      const byId = new Map([self, ...children].map((c) => [c.orgId, c]));
      const last: LastReport = {
        id,
        asOf: now,
        rows: Object.fromEntries(rows.map((r) => [r.orgId, { events: byId.get(r.orgId)!.rolled.events, cumulative: r.cumulative }])),
      };
      const report = {
        tenantId: org.tenantId,
        campaignId: input.campaignId,
        orgId: org._id,
        orgName: org.name,
        asOf: now,
        planId: self.planId,
        cycleKeys: self.cycleKeys,
        submittedBy: caller.personId,
        previousId: self.lastReport?.id ?? null,
        previousAsOf: self.lastReport?.asOf ?? null,
        rows: reportRows,
      };
      return mutation({ id, ...report }, [
        { kind: 'create', collection: P.reports, id, doc: report },
        // Versioned: two reports submitted at once cannot both claim the same "since last report".
        { kind: 'update', collection: P.counters, id: self._id, expectedVersion: self.version, patch: { lastReport: db.command.set(last) } },
      ]);
    },
  }),

  'progress.history': defineAction({
    input: ProgressHistoryInput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = scopedOrg(scope);
      const reports = (await reportsOf(db, input.campaignId, org._id, input.before ?? null, HISTORY_PAGE)).filter((r) => r.tenantId === org.tenantId);
      return {
        reports: reports.map((r) => ({ id: r._id, asOf: r.asOf, orgName: r.orgName, cycleKeys: r.cycleKeys, submittedBy: r.submittedBy, previousAsOf: r.previousAsOf, rows: r.rows })),
        nextBefore: reports.length === HISTORY_PAGE ? reports[reports.length - 1].asOf : null,
      };
    },
  }),
};
