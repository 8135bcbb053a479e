/**
 * Reach (DOMAIN §2): from one org, which targets may be reviewed, by whom, under which rule. This is
 * the one statement of who reviews whom: planning (`requiredReviews`) asks it for every org of the
 * tree, and every write path (starting a session, saving and submitting a review) asks it for the
 * one org concerned, with the slice of the tree it loaded. So every requirement the plan produces can
 * be started, submitted and counted by its reviewer, and nothing else can be.
 *
 * A duty is owed from an org whoever holds the post: its secretary's (R1–R4, R6, R7), each liaison
 * leader's (R5), and at the root the tenant's named outside reviewer's (R2, R3). Who holds it decides
 * requirements (a vacancy is a gap) and reach (the caller, or the reviewer an entry is made for).
 */
import type { CoverageOptions } from '../contracts/campaign';
import type { Assistance, ExternalReviewer, Org, Person } from '../contracts/org';
import type { ReviewHint, ReviewMode, ReviewRule, TargetKind } from '../contracts/review';
import { inPost, rowOrgOf, secretaryIn, type OrgTree } from './tree';


/**
 * Each rule said as the reviewer's duty, in plain words (the codes stay in the API for machines only):
 * shown with every requirement, gap, session target and review.
 */
export const RULE_LABELS: Record<ReviewRule, string> = {
  R1: '作为支部书记点评党员',
  R2: '作为上级书记点评下级党组织',
  R3: '作为上级书记点评下级党组织书记',
  R4: '作为书记点评班子成员',
  R5: '作为联系领导点评联系的党组织和书记',
  R6: '作为流入地书记点评流动党员',
  R7: '作为协助的上级党组织点评被协助的党组织',
};

/** The label of an additional (not required) review: the outflow secretary's home visit. */
export const HOME_VISIT_LABEL = '回乡走访时补充点评流动党员（不计入应点评数）';

/** A rule and its explanation, as replies carry it. */
export function ruleView(rule: ReviewRule, additional = false): { rule: ReviewRule; ruleLabel: string } {
  return { rule, ruleLabel: additional ? HOME_VISIT_LABEL : RULE_LABELS[rule] };
}

/** The post from which someone starts reviews at an org, and how it is said on 待办. */
export type ReviewPost = { orgId: string; as: 'SECRETARY' | 'LIAISON' };
export const REVIEW_POST_LABELS: Record<ReviewPost['as'], string> = { SECRETARY: '作为书记', LIAISON: '作为联系领导' };

/**
 * The orgs a caller may start a session for (发起点评 on 待办), by the post that gives them duties there:
 * each org they are secretary of (R1–R4, R6, R7 are owed from it) and each liaison point (R5). One org
 * held both ways is listed once, as secretary.
 */
export function reviewPostsOf(caller: { secretaryOf: readonly string[]; liaisonOf: readonly string[] }): ReviewPost[] {
  const out: ReviewPost[] = caller.secretaryOf.map((orgId) => ({ orgId, as: 'SECRETARY' }));
  for (const orgId of caller.liaisonOf) if (!caller.secretaryOf.includes(orgId)) out.push({ orgId, as: 'LIAISON' });
  return out;
}

/**
 * Whether the caller may enter reviews given by someone else (a leader who spoke at the meeting, the outside
 * reviewer) at an org: the office, or that org's own secretary — never a liaison leader or an upper secretary.
 */
export function mayEnterForOthers(caller: { admin: boolean; secretaryOf: readonly string[] }, orgId: string): boolean {
  return caller.admin || caller.secretaryOf.includes(orgId);
}

/** Who owes a duty from an org: its secretary, one of its liaison leaders, or (at the root) the outside reviewer. */
export type DutyHolder = { kind: 'SECRETARY' } | { kind: 'LIAISON'; leaderId: string } | { kind: 'TOP' };

/** A review owed (or, with `additional`, allowed) from one org. */
export interface Duty {
  rule: ReviewRule;
  holder: DutyHolder;
  targetKind: TargetKind;
  /** The person for people, the org for orgs, the assisted org's given id for R7. */
  targetId: string;
  /** The org a target reference names: the org itself, a person's registered org, the assisted org's id. */
  targetOrgId: string;
  targetName: string;
  /** The org whose report row counts the target (RequiredReview.orgId). */
  orgId: string;
  hint?: ReviewHint;
  /** Allowed but never required (the outflow org's home visit of a mobile member); only in these modes. */
  additional?: { modes: readonly ReviewMode[] };
}

/**
 * The part of the tree that decides what is owed from one org. A cloud function loads exactly this
 * (constant queries, paged by the org's size); planning cuts it from the whole tree with `slicesOf`.
 */
export interface ReachSlice {
  topReviewer: ExternalReviewer | null;
  /** The org reviewed from (active). */
  org: Org;
  /** Its active direct children, 党小组 included. */
  children: readonly Org[];
  /**
   * Everyone its duties may name: members registered in it or its 党小组, mobile members flowing into
   * them, its secretary, committee, liaison leaders and its children's secretaries.
   */
  persons: ReadonlyMap<string, Person>;
  /** Leaders with this org as their liaison point (联系点), whether still in post or not. */
  liaisonLeaderIds: readonly string[];
  /** R7 points where this org assists. */
  assistances: readonly Assistance[];
  /** The campaign's coverage options (R5 班子成员 [004], R7 负责人 [003]); absent: the defaults. */
  coverage?: CoverageOptions;
}

/** The id an assisted org's 负责人 is known by (they are not on the roster): the org's given id, marked. */
export function assistedLeaderId(targetOrgId: string): string {
  return `${targetOrgId}#负责人`;
}

/** Names of the R7 targets outside the roster, by id: each assisted org and its 负责人. */
export function assistedNames(assistances: readonly Assistance[]): Map<string, string> {
  return new Map(assistances.flatMap((a) => [[a.targetOrgId, a.targetName], [assistedLeaderId(a.targetOrgId), a.leaderName ?? `${a.targetName}负责人`]] as Array<[string, string]>));
}

/** The modes of a home visit (现场/个别, DOMAIN §2). */
export const HOME_VISIT_MODES: readonly ReviewMode[] = ['ON_SITE', 'INDIVIDUAL'];

const hintOf = (p: Person): Duty['hint'] => (p.flags?.intern ? 'REMOTE' : p.flags?.elderly ? 'FLEXIBLE' : undefined);

/** Every review owed from the slice's org, whoever holds the posts, plus the home visits it may add. */
export function dutiesFrom(slice: ReachSlice): Duty[] {
  const { org } = slice;
  const out: Duty[] = [];
  const secretary: DutyHolder = { kind: 'SECRETARY' };
  const person = (rule: ReviewRule, holder: DutyHolder, targetKind: TargetKind, p: Person, orgId: string, extra: Partial<Duty> = {}): Duty => {
    const d: Duty = { rule, holder, targetKind, targetId: p.id, targetOrgId: p.orgId, targetName: p.name, orgId, ...extra };
    if (targetKind === 'MEMBER') {
      const hint = hintOf(p);
      if (hint) d.hint = hint;
    }
    return d;
  };
  const orgDuty = (rule: ReviewRule, holder: DutyHolder, o: Org): Duty => ({ rule, holder, targetKind: 'ORG', targetId: o.id, targetOrgId: o.id, targetName: o.name, orgId: o.id });

  if (org.kind !== 'GROUP') {
    // R1 / R6: members of the org and of its 党小组 are reviewed by its secretary.
    const memberOrgs = new Set([org.id, ...slice.children.filter((c) => c.kind === 'GROUP').map((c) => c.id)]);
    const homeVisits: Duty[] = [];
    for (const p of slice.persons.values()) {
      if (!inPost(p)) continue;
      const inflow = p.flags?.mobile?.inflowOrgId;
      const mobile = inflow !== undefined && inflow !== p.orgId;
      if (memberOrgs.has(p.orgId) && !mobile) out.push(person('R1', secretary, 'MEMBER', p, p.orgId));
      else if (mobile && memberOrgs.has(inflow)) out.push(person('R6', secretary, 'MEMBER', p, inflow));
      else if (mobile && memberOrgs.has(p.orgId)) homeVisits.push(person('R6', secretary, 'MEMBER', p, inflow, { additional: { modes: HOME_VISIT_MODES } }));
    }
    // R2 / R3: directly subordinate orgs and their secretaries. A 党小组 is not a 基层党组织: only when the
    // campaign reviews 党小组 as organisations [002] is it an R2 target, and its 组长 stays an R1 member.
    for (const child of slice.children) {
      if (child.kind === 'GROUP') {
        if (slice.coverage?.groups) out.push(orgDuty('R2', secretary, child));
        continue;
      }
      out.push(orgDuty('R2', secretary, child));
      const sec = secretaryIn(slice, child);
      if (sec) out.push(person('R3', secretary, 'ORG_LEADER', sec, rowOrgOf(sec)));
    }
    // R4: the committee of the same org.
    for (const id of new Set(org.committeeMemberIds)) {
      const c = slice.persons.get(id);
      if (inPost(c)) out.push(person('R4', secretary, 'COMMITTEE_MEMBER', c, rowOrgOf(c)));
    }
    // R7: named orgs outside the tree, counted in this org's row.
    for (const a of slice.assistances) {
      if (a.assistingOrgId !== org.id) continue;
      out.push({ rule: 'R7', holder: secretary, targetKind: 'ORG', targetId: a.targetOrgId, targetOrgId: a.targetOrgId, targetName: a.targetName, orgId: org.id });
      // [003] 「…党组及其负责人」: the 负责人 too, counted like the org in the assisting org's row.
      if (slice.coverage?.assistedLeader) out.push({ rule: 'R7', holder: secretary, targetKind: 'ORG_LEADER', targetId: assistedLeaderId(a.targetOrgId), targetOrgId: a.targetOrgId, targetName: assistedNames([a]).get(assistedLeaderId(a.targetOrgId)) as string, orgId: org.id });
    }
    out.push(...homeVisits);
  }
  // R5: each liaison leader reviews the org and its secretary.
  const sec = secretaryIn(slice, org);
  for (const leaderId of new Set(slice.liaisonLeaderIds)) {
    const holder: DutyHolder = { kind: 'LIAISON', leaderId };
    out.push(orgDuty('R5', holder, org));
    if (sec) out.push(person('R5', holder, 'ORG_LEADER', sec, rowOrgOf(sec)));
    // [004] 「对联系点的党组织及班子成员进行点评」: the committee too (the secretary is reviewed as such above).
    if (!slice.coverage?.liaisonCommittee) continue;
    for (const id of new Set(org.committeeMemberIds)) {
      const c = slice.persons.get(id);
      if (inPost(c) && c.id !== sec?.id) out.push(person('R5', holder, 'COMMITTEE_MEMBER', c, rowOrgOf(c)));
    }
  }
  // The root and its secretary: the tenant's named outside reviewer (R2, R3).
  if (org.parentId === null) {
    const top: DutyHolder = { kind: 'TOP' };
    out.push(orgDuty('R2', top, org));
    if (sec) out.push(person('R3', top, 'ORG_LEADER', sec, rowOrgOf(sec)));
  }
  return out;
}

/** Who gives a review: a person of the tenant, or the tenant's named outside reviewer. */
export type ReviewerRef = { kind: 'PERSON'; personId: string } | { kind: 'TOP' };

/** The person who holds a duty in this slice, 'TOP' for the outside reviewer, or null when nobody does (a gap). */
export function holderOf(slice: ReachSlice, holder: DutyHolder): ReviewerRef | null {
  if (holder.kind === 'TOP') return slice.topReviewer ? { kind: 'TOP' } : null;
  if (holder.kind === 'LIAISON') return inPost(slice.persons.get(holder.leaderId)) ? { kind: 'PERSON', personId: holder.leaderId } : null;
  const sec = secretaryIn(slice, slice.org);
  return sec ? { kind: 'PERSON', personId: sec.id } : null;
}

const sameReviewer = (a: ReviewerRef, b: ReviewerRef) => (a.kind === 'TOP' ? b.kind === 'TOP' : b.kind === 'PERSON' && a.personId === b.personId);

/** True when the duty would have its holder review themself (never allowed, never required). */
export function isSelf(reviewer: ReviewerRef, duty: Pick<Duty, 'targetKind' | 'targetId'>): boolean {
  return reviewer.kind === 'PERSON' && duty.targetKind !== 'ORG' && duty.targetId === reviewer.personId;
}

/** Everything `reviewer` may review from the slice's org, each target once, with its rule. */
export function reachFrom(slice: ReachSlice, reviewer: ReviewerRef): Duty[] {
  const seen = new Set<string>();
  const out: Duty[] = [];
  for (const d of dutiesFrom(slice)) {
    const holder = holderOf(slice, d.holder);
    if (!holder || !sameReviewer(holder, reviewer) || isSelf(reviewer, d)) continue;
    const k = `${d.targetKind}|${d.targetId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/** The duty under which `reviewer` may review this target from the slice's org, or null when it is out of reach. */
export function reachOf(slice: ReachSlice, reviewer: ReviewerRef, target: { kind: TargetKind; id: string }): Duty | null {
  return reachFrom(slice, reviewer).find((d) => d.targetKind === target.kind && d.targetId === target.id) ?? null;
}

/**
 * The slice of every active org (or only of `only`, for an incremental re-plan over a partial tree),
 * cut from the tree in one linear pass, in the tree's pre-order.
 */
export function slicesOf(tree: OrgTree, only?: ReadonlySet<string>, coverage?: CoverageOptions): Map<string, ReachSlice> {
  const inflowTo = new Map<string, Person[]>();
  for (const p of tree.persons.values()) {
    const inflow = p.flags?.mobile?.inflowOrgId;
    if (inflow !== undefined && inflow !== p.orgId) inflowTo.set(inflow, [...(inflowTo.get(inflow) ?? []), p]);
  }
  const leadersOf = new Map<string, string[]>();
  for (const l of tree.liaisons) leadersOf.set(l.orgId, [...(leadersOf.get(l.orgId) ?? []), l.leaderId]);
  const slices = new Map<string, ReachSlice>();
  for (const id of tree.preorder) {
    if (only && !only.has(id)) continue;
    const org = tree.orgs.get(id)!;
    const children = (tree.children.get(id) ?? []).map((c) => tree.orgs.get(c)!);
    const memberOrgs = org.kind === 'GROUP' ? [] : [id, ...children.filter((c) => c.kind === 'GROUP').map((c) => c.id)];
    const persons = new Map<string, Person>();
    const add = (pid: string | null) => {
      const p = pid === null ? undefined : tree.persons.get(pid);
      if (p && !persons.has(p.id)) persons.set(p.id, p);
    };
    for (const o of memberOrgs) for (const pid of tree.registered.get(o) ?? []) add(pid);
    for (const o of memberOrgs) for (const p of inflowTo.get(o) ?? []) add(p.id);
    add(org.secretaryId);
    org.committeeMemberIds.forEach(add);
    children.forEach((c) => add(c.secretaryId));
    const liaisonLeaderIds = leadersOf.get(id) ?? [];
    liaisonLeaderIds.forEach(add);
    slices.set(id, {
      topReviewer: tree.tenant.topReviewer ?? null,
      org,
      children,
      persons,
      liaisonLeaderIds,
      assistances: tree.assistances.filter((a) => a.assistingOrgId === id),
      ...(coverage ? { coverage } : {}),
    });
  }
  return slices;
}

/** Where a person stands in the tree, as far as duties naming them go. */
export interface PersonPosts {
  person: Pick<Person, 'orgId' | 'flags'>;
  /** Orgs they are secretary of. */
  secretaryOf: readonly string[];
  /** Orgs whose committee lists them. */
  committeeOf: readonly string[];
}

/**
 * The orgs whose duties (`dutiesFrom`) may name a target: every requirement on it is owned by one of
 * them, so re-planning a target means recomputing exactly these slices. `orgOf` resolves an org's
 * kind and parent (a 党小组's members are reviewed from its 党支部); unknown orgs are skipped.
 */
export function dutyOrigins(target: { kind: 'ORG'; orgId: string } | { kind: 'PERSON'; posts: PersonPosts }, orgOf: (id: string) => Pick<Org, 'kind' | 'parentId'> | undefined): string[] {
  const out = new Set<string>();
  const memberOrg = (id: string | undefined) => {
    const o = id === undefined ? undefined : orgOf(id);
    if (!o || id === undefined) return;
    if (o.kind !== 'GROUP') out.add(id);
    else if (o.parentId !== null) out.add(o.parentId);
  };
  if (target.kind === 'ORG') {
    // R5 and the outside reviewer from the org itself, R2 from its parent.
    out.add(target.orgId);
    const parent = orgOf(target.orgId)?.parentId;
    if (parent) out.add(parent);
    return [...out];
  }
  const { person, secretaryOf, committeeOf } = target.posts;
  // R1 (registered), R6 (inflow): the member org; R3 from the parent of each org they lead, R5 and the root's R3 from that org; R4 from each committee.
  memberOrg(person.orgId);
  memberOrg(person.flags?.mobile?.inflowOrgId);
  for (const id of secretaryOf) {
    out.add(id);
    const parent = orgOf(id)?.parentId;
    if (parent) out.add(parent);
  }
  for (const id of committeeOf) out.add(id);
  return [...out];
}
