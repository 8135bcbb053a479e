/**
 * Incremental re-plan (docs/design-progress.md, "Incremental"): a few local roster changes since the
 * plan (a person created, moved, updated or retired, a secretary or committee changed, a liaison point
 * assigned or removed) re-plan only what they touch, in a bounded number of requests whatever the
 * tenant's size. Run by the `remind` timer from the audit log since `plannedAt`, under the job's lease.
 *
 * Scope. The audit rows name the persons and orgs written. The slices recomputed in full (F) are those
 * orgs and every org where a touched person holds a post now (person docs) or held one at the plan
 * (stored requirements they review). Requirements in scope: those given from F, those on a touched
 * target, and those sharing a match key with either (so a duplicate waived by the domain is re-decided).
 * They are computed by the domain (`requiredReviewsOf`) over a partial tree holding F, the orgs whose
 * duties may name a touched target (`dutyOrigins`), and the other posts of F's reviewers; the stored
 * ones are replaced by the difference. Units of every target and leader they concern are recomputed
 * from all of their requirements; counters move by increments up the two row paths.
 */
import type { Counts } from '../../../../miniprogram/core/contracts/campaign';
import { addCounts, coverageUnits, zeroCounts } from '../../../../miniprogram/core/domain/coverage';
import { currentCycles } from '../../../../miniprogram/core/domain/cycles';
import { assistedNames, dutyOrigins } from '../../../../miniprogram/core/domain/reach';
import { matchKey, requiredReviewsOf, type RequiredReview } from '../../../../miniprogram/core/domain/required';
import type { OrgTree } from '../../../../miniprogram/core/domain/tree';
import type { Db } from '../frame/db';
import { metered, type Meter } from '../frame/trips';
import { COL } from '../repositories/collections';
import { campaignOf, type CampaignDoc, type OrgDoc, type PersonDoc, type TenantDoc } from '../repositories/docs';
import { addMany, auditRowsSince, orgsWhere, personsWhere, removeByIds, requirementsWhere, saveJob, stampCounters, submittedReviewsOn, takeJobLease, unitsWhereIds, updateIds } from '../repositories/plan-job';
import { counterId, planIdOf, unitId, type CounterDoc, type RequirementDoc } from '../repositories/progress-docs';
import { orgOf as orgOfDoc, personOf as personOfDoc } from '../repositories/reach';
import { getTenant } from '../repositories/store';
import { flagOps, matchReviews, unplannedFlags, usedReviewIds } from './plan';
import { ROSTER_ACTIONS } from './plan-stale';
import { deltaIncrements, diffDocs, eventsFound, groupIncrements, requirementDocs, targetUnitOf, unitContribution, unitDocs, type Naming } from './plan-state';
import { requirementOf } from '../shared/progress-counters';

/** Changes the incremental re-plan takes; any other audited roster action (an import, an org created, moved or retired, the tenant) re-plans in full. */
export const INCREMENTAL_ACTIONS = ['person.create', 'person.update', 'person.move', 'person.retire', 'org.assignSecretary', 'org.setCommittee', 'liaison.assign', 'liaison.remove'];
/** Beyond these, the change is not "a few" and the sliced full plan is cheaper to reason about. */
const MAX_ROWS = 20;
const MAX_PERSONS = 30;
const MAX_ORGS = 10;
/** Loading rounds of the partial tree before giving up for the full plan (each is two requests). */
const MAX_ROUNDS = 5;

/** What an incremental re-plan did. */
export interface IncrementalResult {
  /** Requirements in scope after the re-plan. */
  requirements: number;
  trips: number;
}

/** Re-plans only what the roster changes audited since the plan touched; null when they need the full plan. */
export async function replanIncremental(raw: Db, campaignDoc: CampaignDoc, root: CounterDoc, now: number): Promise<IncrementalResult | null> {
  const meter: Meter = { used: 0, budget: Infinity };
  const db = metered(raw, meter);
  const campaign = campaignOf(campaignDoc);
  const cycles = currentCycles(campaign, now);
  if (!cycles.ok) return null;
  const cycleKeys = cycles.value.map((c) => c.key);
  if (cycleKeys.join('+') !== root.cycleKeys.join('+') || campaignDoc.version !== root.campaignVersion) return null;
  const tenantId = campaign.tenantId;
  const rows = await auditRowsSince(db, tenantId, ROSTER_ACTIONS, root.plannedAt, MAX_ROWS + 1);
  if (!rows.length || rows.length > MAX_ROWS || rows.some((r) => !INCREMENTAL_ACTIONS.includes(r.action))) return null;
  const touchedPersons = [...new Set(rows.flatMap((r) => r.entries.filter((e) => e.targetCollection === COL.persons).map((e) => e.targetId)))];
  const touchedOrgs = [...new Set(rows.flatMap((r) => r.entries.filter((e) => e.targetCollection === COL.orgs).map((e) => e.targetId)))];
  if (touchedPersons.length > MAX_PERSONS || touchedOrgs.length > MAX_ORGS) return null;
  // The plan now covers every change up to the last one read (a later one re-plans again).
  const plannedAt = Math.max(...rows.map((r) => r.at));

  const job = await takeJobLease(
    db,
    { tenantId, campaignId: campaign.id, jobId: `${campaign.id}@${now}`, startedAt: root.plannedAt, cycleKeys, campaignVersion: campaignDoc.version, phase: 'DONE', phaseDone: 0, phaseTotal: 0, percent: 100, passes: 0, slices: 0, trips: 0, events: {} },
    now,
    60_000,
  );
  if (!job) return null;
  if (job.phase !== 'DONE') {
    await saveJob(db, job);
    return null;
  }
  try {
    const result = await reapply(db, campaignDoc, cycles.value, touchedPersons, touchedOrgs, now);
    if (!result) return null;
    await stampCounters(db, campaign.id, { plannedAt });
    return { requirements: result.requirements, trips: meter.used + 1 };
  } finally {
    await saveJob(db, job);
  }
}

type Cycles = Extract<ReturnType<typeof currentCycles>, { ok: true }>['value'];

/** The partial tree read so far. */
interface Partial {
  orgs: Map<string, OrgDoc>;
  persons: Map<string, PersonDoc>;
  /** Orgs whose children, secretaries' posts and liaison leaders are read. */
  sliced: Set<string>;
  /** Orgs whose members (registered, 党小组, inflow) are all read. */
  full: Set<string>;
  /** Persons whose committees are read. */
  committeesRead: Set<string>;
  committeeOf: Map<string, Set<string>>;
}

async function reapply(db: Db, campaignDoc: CampaignDoc, cycles: Cycles, touchedPersons: string[], touchedOrgs: string[], now: number): Promise<{ requirements: number } | null> {
  const campaign = campaignOf(campaignDoc);
  const campaignId = campaign.id;
  const tenantId = campaign.tenantId;
  const cycleKeys = cycles.map((c) => c.key);
  const planId = planIdOf(campaignId, cycleKeys);

  // Round 1: the touched persons and orgs, the orgs whose committees list them, what they reviewed or were reviewed by at the plan, the tenant.
  const [persons0, orgs0, touched, tenant] = await Promise.all([
    personsWhere(db, tenantId, [{ _id: touchedPersons }]),
    orgsWhere(db, tenantId, [{ _id: touchedOrgs }, { committeeMemberIds: touchedPersons }]),
    requirementsWhere(db, campaignId, cycleKeys, [{ reviewerId: touchedPersons }, { targetId: [...touchedPersons, ...touchedOrgs] }, { fromOrgId: touchedOrgs }]),
    getTenant(db, tenantId),
  ]);
  if (!tenant) return null;
  const p: Partial = { orgs: new Map(orgs0.map((o) => [o._id, o])), persons: new Map(persons0.map((x) => [x._id, x])), sliced: new Set(), full: new Set(), committeesRead: new Set(touchedPersons), committeeOf: new Map() };
  for (const o of orgs0) for (const id of o.committeeMemberIds) p.committeeOf.set(id, (p.committeeOf.get(id) ?? new Set()).add(o._id));
  const touchedP = new Set(touchedPersons);
  const postsOfPerson = (x: PersonDoc | undefined) => (x ? [...x.secretaryOf, ...x.liaisonOf] : []);
  const F = new Set<string>([...touchedOrgs, ...persons0.flatMap(postsOfPerson), ...touched.filter((r) => r.reviewerId !== null && touchedP.has(r.reviewerId)).map((r) => r.fromOrgId ?? r.reviewerOrgId ?? r.orgId)]);
  const T0 = new Set<string>([...touchedPersons.map((id) => `MEMBER|${id}`), ...touchedOrgs.map((id) => `ORG|${id}`)]);

  // Later rounds: until every slice needed is read (each round one orgs query, then one persons query).
  const slicesNeeded = (): Set<string> => {
    const c = new Set(F);
    const orgShapeOf = (id: string) => {
      const o = p.orgs.get(id);
      return o ? { kind: o.kind, parentId: o.parentId } : undefined;
    };
    for (const id of touchedPersons) {
      const x = p.persons.get(id);
      if (x) for (const o of dutyOrigins({ kind: 'PERSON', posts: { person: x, secretaryOf: x.secretaryOf, committeeOf: [...(p.committeeOf.get(id) ?? [])] } }, orgShapeOf)) c.add(o);
    }
    for (const id of touchedOrgs) for (const o of dutyOrigins({ kind: 'ORG', orgId: id }, orgShapeOf)) c.add(o);
    // Other posts of F's reviewers: where a duplicate of their in-scope reviews could be given from.
    for (const f of F) {
      const o = p.orgs.get(f);
      for (const holder of [o?.secretaryId ?? null, ...[...p.persons.values()].filter((x) => x.liaisonOf.includes(f)).map((x) => x._id)]) for (const post of postsOfPerson(holder ? p.persons.get(holder) : undefined)) c.add(post);
    }
    return c;
  };
  let complete = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const C = slicesNeeded();
    const wantOrgs = new Set<string>();
    const kidsOf = [...C].filter((id) => !p.sliced.has(id));
    for (const id of C) wantOrgs.add(id);
    for (const x of p.persons.values()) {
      // Row orgs (paths), inflow orgs, and the orgs a person leads (their row as a leader, R3's origin).
      for (const id of [x.orgId, x.flags?.mobile?.inflowOrgId, ...x.secretaryOf]) if (id) wantOrgs.add(id);
    }
    for (const o of p.orgs.values()) if (o.parentId && (touchedOrgs.includes(o._id) || o.kind === 'GROUP' || [...p.persons.values()].some((x) => x.secretaryOf.includes(o._id)))) wantOrgs.add(o.parentId);
    const missingOrgs = [...wantOrgs].filter((id) => !p.orgs.has(id));
    const memberOrgIdsOf = (id: string) => [id, ...[...p.orgs.values()].filter((o) => o.parentId === id && o.kind === 'GROUP').map((o) => o._id)];
    if (missingOrgs.length || kidsOf.length) {
      for (const o of await orgsWhere(db, tenantId, [{ _id: missingOrgs }, { parentId: kidsOf }])) p.orgs.set(o._id, o);
      for (const id of kidsOf) p.sliced.add(id);
    }
    // Persons: posts of every slice, all members of the full slices, committees of the touched.
    const wantPersons = new Set<string>();
    for (const id of C) {
      const o = p.orgs.get(id);
      if (!o) continue;
      if (o.secretaryId) wantPersons.add(o.secretaryId);
      for (const k of p.orgs.values()) if (k.parentId === id && k.secretaryId) wantPersons.add(k.secretaryId);
      if (F.has(id)) for (const m of o.committeeMemberIds) wantPersons.add(m);
    }
    const missingPersons = [...wantPersons].filter((id) => !p.persons.has(id));
    const fullNow = [...F].filter((id) => !p.full.has(id) && p.orgs.has(id));
    const memberOrgs = [...new Set(fullNow.flatMap(memberOrgIdsOf))];
    const liaisonOf = [...C].filter((id) => !p.sliced.has(`L|${id}`));
    if (missingPersons.length || memberOrgs.length || liaisonOf.length) {
      const found = await personsWhere(db, tenantId, [{ _id: missingPersons }, { orgId: memberOrgs }, { 'flags.mobile.inflowOrgId': memberOrgs }, { liaisonOf }]);
      for (const x of found) if (!p.persons.has(x._id)) p.persons.set(x._id, x);
      for (const id of fullNow) p.full.add(id);
      for (const id of liaisonOf) p.sliced.add(`L|${id}`);
    }
    if (!missingOrgs.length && !kidsOf.length && !missingPersons.length && !memberOrgs.length && !liaisonOf.length) {
      complete = true;
      break;
    }
  }
  if (!complete) return null;

  // The partial tree and the domain's requirements of its slices.
  const C = slicesNeeded();
  const tree = partialOrgTree(p, tenant);
  const set = requiredReviewsOf(tree, campaign, cycles, C);
  const matchKeyOfItem = (i: Pick<RequiredReview, 'cycleKey' | 'reviewerId' | 'targetKind' | 'targetId' | 'externalReviewer'>) => (i.reviewerId !== null || i.externalReviewer ? matchKey(i.cycleKey, i.reviewerId, i.targetKind, i.targetId) : null);
  const inScopeA = (i: RequiredReview) => F.has(i.fromOrgId) || T0.has(targetUnitOf(i)) || (i.reviewerId !== null && touchedP.has(i.reviewerId));
  const MK = new Set([...set.items.filter(inScopeA), ...touched.map(requirementOf).filter(inScopeA)].map(matchKeyOfItem).filter((k): k is string => k !== null));
  const inIncrementalScope = (i: RequiredReview) => inScopeA(i) || MK.has(matchKeyOfItem(i) ?? '');
  const desired = set.items.filter(inIncrementalScope);
  const targetUnitsOf = (list: RequiredReview[]) => new Set(list.map(targetUnitOf));
  const leaderIdsOf = (list: RequiredReview[]) => new Set(list.filter((i) => i.reviewerId !== null).map((i) => i.reviewerId as string));

  // Everything stored on the units concerned, read until closed (a stored requirement in scope may name one more target or leader).
  const storedById = new Map<string, RequirementDoc>(touched.map((r) => [r._id, r]));
  const earliest = Math.min(...cycles.map((c) => c.start));
  let unitTargets = targetUnitsOf([...desired, ...touched.map(requirementOf).filter(inIncrementalScope)]);
  let unitLeaders = leaderIdsOf([...desired, ...touched.map(requirementOf).filter(inIncrementalScope)]);
  let readTargets = new Set<string>();
  let readLeaders = new Set<string>();
  let units: Awaited<ReturnType<typeof unitsWhereIds>> = [];
  let reviews: Awaited<ReturnType<typeof submittedReviewsOn>> = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const newTargets = [...unitTargets].filter((k) => !readTargets.has(k));
    const newLeaders = [...unitLeaders].filter((k) => !readLeaders.has(k));
    if (!newTargets.length && !newLeaders.length && round > 0) break;
    const targetIdsOf = (keys: string[]) => keys.map((k) => k.slice(k.indexOf('|') + 1));
    const [reqs, us, rs] = await Promise.all([
      requirementsWhere(db, campaignId, cycleKeys, [{ fromOrgId: round === 0 ? [...F] : [] }, { matchKey: round === 0 ? [...MK] : [] }, { targetId: targetIdsOf(newTargets) }, { reviewerId: newLeaders }]),
      unitsWhereIds(db, [...newTargets.map((k) => `${planId}|${k}`), ...newLeaders.map((id) => unitId(planId, 'LEADER', id))]),
      submittedReviewsOn(db, campaignId, targetIdsOf(newTargets), earliest),
    ]);
    for (const r of reqs) storedById.set(r._id, r);
    units = [...units, ...us];
    reviews = [...reviews, ...rs];
    readTargets = new Set([...readTargets, ...newTargets]);
    readLeaders = new Set([...readLeaders, ...newLeaders]);
    const storedInScope = [...storedById.values()].map(requirementOf).filter(inIncrementalScope);
    unitTargets = new Set([...unitTargets, ...targetUnitsOf(storedInScope)]);
    unitLeaders = new Set([...unitLeaders, ...leaderIdsOf(storedInScope)]);
  }
  if ([...unitTargets].some((k) => !readTargets.has(k)) || [...unitLeaders].some((k) => !readLeaders.has(k))) return null;

  const stored = [...storedById.values()];
  const storedScope = stored.filter((r) => inIncrementalScope(requirementOf(r)));
  const doneKeys = new Set(stored.filter((r) => r.done).map((r) => r.key));
  const recorded = new Map(stored.filter((r) => r.done && r.doneAt !== null).map((r) => [r.key, r.doneAt as number]));
  // Reviews the stored plan could not match (their requirement is new here) are matched now: never lost.
  const matched = matchReviews(desired, campaign, reviews, doneKeys, usedReviewIds(stored));
  const naming = partialNaming(p, tree, stored);
  const ids = { tenantId, campaignId, planId };

  // Requirements: pending ones in scope replaced by the difference (done ones are never touched).
  const reqDiff = diffDocs(
    storedScope.filter((r) => !r.done),
    requirementDocs(desired, ids, naming, doneKeys, matched),
  );

  // Units: each concerned unit from all its requirements (the ones outside the scope as stored, plus the scope as it should be).
  const desiredKeys = new Set(desired.map((i) => i.key));
  // A done requirement the plan no longer requires (marked `unplanned`) is history, in no unit.
  const all = [...stored.filter((r) => !inIncrementalScope(requirementOf(r)) && !desiredKeys.has(r.key) && !r.superseded && !r.unplanned).map(requirementOf), ...desired];
  const concerned = all.filter((i) => unitTargets.has(targetUnitOf(i)) || (i.reviewerId !== null && unitLeaders.has(i.reviewerId)));
  const completions = new Map([...recorded, ...[...matched].map(([k, m]) => [k, m.doneAt] as const)]);
  const newUnits = coverageUnits(concerned, completions, now).filter((u) => (u.kind === 'LEADER' ? unitLeaders.has(u.id) : unitTargets.has(`${u.kind}|${u.id}`)));
  const wantUnits = unitDocs(newUnits, concerned, ids, naming);
  const unitDiff = diffDocs(units, wantUnits);

  // Counters: own figures move by what the concerned units add now minus what they added; events by what re-matching completed.
  const own = new Map<string, { required: Counts; completed: Counts; events: Counts }>();
  const addOwn = (orgId: string, fig: 'required' | 'completed' | 'events', c: Counts, sign: 1 | -1) => {
    const row = own.get(orgId) ?? { required: zeroCounts(), completed: zeroCounts(), events: zeroCounts() };
    addCounts(row[fig], { leaders: sign * c.leaders, orgs: sign * c.orgs, members: sign * c.members });
    own.set(orgId, row);
  };
  const paths = new Map<string, string[]>();
  for (const u of units) {
    paths.set(u.rowOrgId, u.rowPath.slice(0, -1));
    const c = unitContribution(u);
    addOwn(u.rowOrgId, 'required', c.required, -1);
    addOwn(u.rowOrgId, 'completed', c.completed, -1);
  }
  for (const u of wantUnits) {
    const rowOrgId = u.rowOrgId as string;
    paths.set(rowOrgId, (u.rowPath as string[]).slice(0, -1));
    const c = unitContribution(u as unknown as { kind: 'LEADER' | 'ORG' | 'MEMBER'; complete: boolean });
    addOwn(rowOrgId, 'required', c.required, 1);
    addOwn(rowOrgId, 'completed', c.completed, 1);
  }
  for (const [orgId, c] of eventsFound(concerned, recorded, completions, now)) {
    addOwn(orgId, 'events', c, 1);
    if (!paths.has(orgId)) paths.set(orgId, naming.rowPath(orgId).slice(0, -1));
  }
  const incs = deltaIncrements(own, (orgId) => paths.get(orgId) ?? []);
  const _ = db.command;

  const flags = unplannedFlags(storedScope, desiredKeys);
  for (const op of flagOps(db, flags)) await op.run();
  await removeByIds(db, COL.requirements, reqDiff.remove);
  await addMany(db, COL.requirements, reqDiff.add);
  await removeByIds(db, COL.units, unitDiff.remove);
  await addMany(db, COL.units, unitDiff.add);
  for (const g of groupIncrements(new Map([...incs].map(([orgId, f]) => [counterId(campaignId, orgId), f])))) {
    await updateIds(db, COL.counters, g.ids, Object.fromEntries(Object.entries(g.fields).map(([k, v]) => [k, _.inc(v as number)])));
  }
  return { requirements: desired.length };
}

/** An OrgTree over the orgs and persons read: the shape the domain's rules take, limited to what the slices need. */
function partialOrgTree(p: Partial, tenant: TenantDoc): OrgTree {
  const active = [...p.orgs.values()].filter((o) => !o.retired);
  // Parents before children, siblings in a fixed order: the order the domain waives duplicates and breaks ties in.
  active.sort((a, b) => a.path.length - b.path.length || [...a.path, a._id].join('/').localeCompare([...b.path, b._id].join('/')));
  const orgs = new Map(active.map((o) => [o._id, orgOfDoc(o)]));
  const children = new Map<string, string[]>();
  for (const o of active) if (o.parentId && orgs.has(o.parentId)) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o._id]);
  const persons = new Map([...p.persons.values()].map((x) => [x._id, personOfDoc(x)]));
  const registered = new Map<string, string[]>();
  for (const x of p.persons.values()) registered.set(x.orgId, [...(registered.get(x.orgId) ?? []), x._id]);
  const root = active.find((o) => o.parentId === null);
  return {
    tenant: { id: tenant._id, name: tenant.name, topReviewer: tenant.topReviewer ?? null },
    rootId: root?._id ?? '',
    orgs,
    children,
    preorder: active.map((o) => o._id),
    depth: new Map(active.map((o) => [o._id, o.path.length])),
    persons,
    registered,
    liaisons: [...p.persons.values()].flatMap((x) => x.liaisonOf.map((orgId) => ({ leaderId: x._id, orgId }))),
    assistances: tenant.assistances ?? [],
  };
}

/** Names from what was read, else as the stored requirements planned them. */
function partialNaming(p: Partial, tree: OrgTree, stored: readonly RequirementDoc[]): Naming {
  const names = new Map<string, string>();
  for (const r of stored) {
    if (r.targetName) names.set(r.targetId, r.targetName);
    if (r.reviewerId && r.reviewerName) names.set(r.reviewerId, r.reviewerName);
  }
  const external = assistedNames(tree.assistances);
  const storedPaths = new Map<string, string[]>();
  for (const r of stored) {
    if (r.orgPath.length) storedPaths.set(r.orgId, r.orgPath);
    if (r.reviewerRowOrgId && r.reviewerRowPath.length) storedPaths.set(r.reviewerRowOrgId, r.reviewerRowPath);
  }
  return {
    orgName: (id) => p.orgs.get(id)?.name ?? external.get(id) ?? names.get(id) ?? id,
    personName: (id) => p.persons.get(id)?.name ?? external.get(id) ?? names.get(id) ?? id,
    rowPath: (orgId) => {
      const o = p.orgs.get(orgId);
      return o ? [...o.path, orgId] : (storedPaths.get(orgId) ?? [orgId]);
    },
  };
}
