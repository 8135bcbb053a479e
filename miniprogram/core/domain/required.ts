/**
 * Who reviews whom (DOMAIN §2): the full list of reviews coverage demands in a cycle, rule by rule.
 * Vacancies become requirements without a reviewer (never silent omissions); self-reviews and a
 * second requirement for the same reviewer, target and cycle are waived and listed, with a reason.
 *
 * Decisions where the documents are silent:
 * - R1 applies to the members registered directly in any org; a 党小组's members are reviewed by
 *   the secretary of its 党支部. A 党小组 is not itself an org target (it is not a 基层党组织).
 * - The root org and its secretary are the R2/R3 targets of the tenant's named outside reviewer
 *   (reviewerId null, `externalReviewer` set), or requirements with vacancy NO_TOP_REVIEWER.
 * - Self: a secretary is not R1-reviewed by themself (their R3 covers them as a member), not
 *   R4-reviewed when listed in their own committee, not R3-reviewed when they hold the upper post
 *   too (their own R3 one level up covers them), not R5/R6-reviewed by themself.
 * - Duplicates: if the same reviewer already reviews the same target as the same kind in the same
 *   cycle under an earlier rule (e.g. an upper secretary whose liaison point is a subordinate org:
 *   R5 after R2/R3), the later one is waived — one review satisfies both.
 * - A mobile member whose inflow org is not in the tree falls back to R1 in the registered org.
 */
import type { Campaign, CoverageOptions } from '../contracts/campaign';
import type { ExternalReviewer } from '../contracts/org';
import type { ReviewHint, ReviewRule, TargetKind } from '../contracts/review';
import { openCyclesAt, ruleFrequency, rulesOfFrequency, type Cycle } from './cycles';
import { dutiesFrom, holderOf, isSelf, slicesOf } from './reach';
import { leaderHomeOrgs, secretaryIn, type OrgTree } from './tree';

export type VacancyReason = 'NO_SECRETARY' | 'LIAISON_LEADER_LEFT' | 'NO_TOP_REVIEWER';

export const VACANCY_LABELS: Record<VacancyReason, string> = {
  NO_SECRETARY: '书记空缺',
  LIAISON_LEADER_LEFT: '联系领导已离任',
  NO_TOP_REVIEWER: '未指定上级点评领导',
};

/** One review that coverage demands. */
export interface RequiredReview {
  /** `${cycleKey}|${rule}|${reviewer}|${targetKind}|${targetId}`; reviewer is the person id, EXT, VACANT:<org>, LEFT:<leader> or NONE. */
  key: string;
  cycleKey: string;
  rule: ReviewRule;
  targetKind: TargetKind;
  /** The person for people, the org for orgs, the assisted org's given id for R7. */
  targetId: string;
  /** The org whose report row counts the target: the org itself; a person's registered org, or inflow org if mobile; the assisting org for R7. */
  orgId: string;
  /** Null when nobody in the tenant can do it: see `externalReviewer` and `vacancy`. */
  reviewerId: string | null;
  /** The org the review is given from (a session's org): the reviewing org, the liaison point, or the root for the outside reviewer. */
  fromOrgId: string;
  /** The org whose secretary reviews (R1–R4, R6, R7); null for liaison leaders (R5) and the outside reviewer. */
  reviewerOrgId: string | null;
  /** The org whose report row counts the reviewer as a leader; null when reviewerId is null. */
  reviewerRowOrgId: string | null;
  /** The named outside leader reviewing the tenant's top org and secretary. */
  externalReviewer?: ExternalReviewer;
  /** Why there is no reviewer. */
  vacancy?: VacancyReason;
  /** For the vacancy LIAISON_LEADER_LEFT: who left. */
  formerReviewerId?: string;
  /** Intern: reviewed remotely; elderly or frail: flexible mode [001]. */
  hint?: ReviewHint;
}

export interface WaivedReview {
  cycleKey: string;
  rule: ReviewRule;
  targetKind: TargetKind;
  targetId: string;
  reviewerId: string;
  reason: 'SELF' | 'DUPLICATE';
  /** For DUPLICATE: the requirement the one review satisfies. */
  coveredBy?: string;
}

/** A post that is empty, named once per org or liaison, for the admin's to-do. */
export interface Vacancy {
  reason: VacancyReason;
  orgId: string;
  leaderId?: string;
}

export interface RequiredReviewSet {
  cycleKeys: string[];
  items: RequiredReview[];
  waived: WaivedReview[];
  vacancies: Vacancy[];
}

/** A requirement before it is stamped with a cycle. */
type Proto = Omit<RequiredReview, 'key' | 'cycleKey'>;
type ProtoWaived = Omit<WaivedReview, 'cycleKey' | 'coveredBy'>;

interface Protos {
  byRule: Record<ReviewRule, Proto[]>;
  selfWaived: Record<ReviewRule, ProtoWaived[]>;
  vacancies: Vacancy[];
}

const RULES: readonly ReviewRule[] = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];

function emptyByRule<T>(): Record<ReviewRule, T[]> {
  return { R1: [], R2: [], R3: [], R4: [], R5: [], R6: [], R7: [] };
}

/**
 * Builds every requirement of the tree once, independent of cycles: the duties of each org's slice
 * (reach.ts, the same function the write paths ask) given to whoever holds the post, a gap where
 * nobody does. Linear in orgs + persons + liaisons.
 */
function buildProtos(tree: OrgTree, only?: ReadonlySet<string>, coverage?: CoverageOptions): Protos {
  const byRule = emptyByRule<Proto>();
  const selfWaived = emptyByRule<ProtoWaived>();
  const vacancies: Vacancy[] = [];
  const home = leaderHomeOrgs(tree);
  const rowOfReviewer = (id: string) => home.get(id) ?? tree.persons.get(id)!.orgId;
  const leftLiaisons = new Set<string>();
  // Liaison gaps are listed after the vacant posts, as an admin fills them in that order.
  const leftVacancies: Vacancy[] = [];

  if (!tree.tenant.topReviewer && (!only || only.has(tree.rootId))) vacancies.push({ reason: 'NO_TOP_REVIEWER', orgId: tree.rootId });
  for (const [orgId, slice] of slicesOf(tree, only, coverage)) {
    const org = slice.org;
    if (org.kind !== 'GROUP' && !secretaryIn(slice, org)) vacancies.push({ reason: 'NO_SECRETARY', orgId });
    for (const leaderId of new Set(slice.liaisonLeaderIds)) {
      if (!holderOf(slice, { kind: 'LIAISON', leaderId }) && !leftLiaisons.has(`${leaderId}|${orgId}`)) {
        leftLiaisons.add(`${leaderId}|${orgId}`);
        leftVacancies.push({ reason: 'LIAISON_LEADER_LEFT', orgId, leaderId });
      }
    }
    for (const duty of dutiesFrom(slice)) {
      if (duty.additional) continue;
      const { rule, targetKind, targetId } = duty;
      const reviewer = holderOf(slice, duty.holder);
      if (reviewer && isSelf(reviewer, duty)) {
        selfWaived[rule].push({ rule, targetKind, targetId, reviewerId: (reviewer as { personId: string }).personId, reason: 'SELF' });
        continue;
      }
      const bySecretary = duty.holder.kind === 'SECRETARY';
      const item: Proto = {
        rule,
        targetKind,
        targetId,
        orgId: duty.orgId,
        fromOrgId: orgId,
        reviewerId: reviewer?.kind === 'PERSON' ? reviewer.personId : null,
        reviewerOrgId: bySecretary ? orgId : null,
        reviewerRowOrgId: reviewer?.kind === 'PERSON' ? rowOfReviewer(reviewer.personId) : null,
      };
      if (duty.holder.kind === 'TOP') {
        if (slice.topReviewer) item.externalReviewer = slice.topReviewer;
        else item.vacancy = 'NO_TOP_REVIEWER';
      } else if (!reviewer) {
        item.vacancy = bySecretary ? 'NO_SECRETARY' : 'LIAISON_LEADER_LEFT';
        if (duty.holder.kind === 'LIAISON') item.formerReviewerId = duty.holder.leaderId;
      }
      if (duty.hint) item.hint = duty.hint;
      byRule[rule].push(item);
    }
  }
  return { byRule, selfWaived, vacancies: [...vacancies, ...leftVacancies] };
}

function reviewerToken(p: Proto): string {
  if (p.reviewerId !== null) return p.reviewerId;
  if (p.externalReviewer) return 'EXT';
  if (p.vacancy === 'LIAISON_LEADER_LEFT') return `LEFT:${p.formerReviewerId}`;
  if (p.vacancy === 'NO_SECRETARY') return `VACANT:${p.reviewerOrgId}`;
  return 'NONE';
}

/** The key a review is matched by, without the rule: one reviewer reviews one target once per cycle. */
export function matchKey(cycleKey: string, reviewerId: string | null, targetKind: TargetKind, targetId: string): string {
  return `${cycleKey}|${reviewerId ?? 'EXT'}|${targetKind}|${targetId}`;
}

/**
 * The full list of required reviews for the given cycles: each cycle yields the rules whose campaign
 * frequency is the cycle's frequency (pass currentCycles(campaign, now) for "now").
 */
export function requiredReviews(tree: OrgTree, campaign: Campaign, cycles: Cycle | readonly Cycle[]): RequiredReviewSet {
  return requiredReviewsOf(tree, campaign, cycles, null);
}

/**
 * The required reviews owned by (given from) the orgs in `orgIds` — the same rules as
 * `requiredReviews`, over a partial tree that holds those orgs' slices (their children, the persons
 * their duties may name, the posts) and the orgs their reviewers lead. Duplicates are waived among
 * these orgs only: pass every org whose duties may name the same targets (`dutyOrigins`).
 * `null` means every org of the tree.
 */
export function requiredReviewsOf(tree: OrgTree, campaign: Campaign, cycles: Cycle | readonly Cycle[], orgIds: ReadonlySet<string> | null): RequiredReviewSet {
  const list: readonly Cycle[] = Array.isArray(cycles) ? cycles : [cycles as Cycle];
  const protos = buildProtos(tree, orgIds ?? undefined, campaign.coverage);
  const items: RequiredReview[] = [];
  const waived: WaivedReview[] = [];
  for (const cycle of list) {
    const taken = new Map<string, string>(); // matchKey → requirement key
    for (const rule of rulesOfFrequency(campaign, cycle.frequency)) {
      for (const s of protos.selfWaived[rule]) waived.push({ ...s, cycleKey: cycle.key });
      for (const p of protos.byRule[rule]) {
        const key = `${cycle.key}|${p.rule}|${reviewerToken(p)}|${p.targetKind}|${p.targetId}`;
        if (p.reviewerId !== null) {
          const mk = matchKey(cycle.key, p.reviewerId, p.targetKind, p.targetId);
          const first = taken.get(mk);
          if (first !== undefined) {
            waived.push({ cycleKey: cycle.key, rule: p.rule, targetKind: p.targetKind, targetId: p.targetId, reviewerId: p.reviewerId, reason: 'DUPLICATE', coveredBy: first });
            continue;
          }
          taken.set(mk, key);
        }
        items.push({ key, cycleKey: cycle.key, ...p });
      }
    }
  }
  return { cycleKeys: list.map((c) => c.key), items, waived, vacancies: protos.vacancies };
}

/** Indexes requirements that have a reviewer by matchKey, to find the one a review satisfies. */
export function requirementIndex(items: readonly RequiredReview[]): Map<string, RequiredReview> {
  const index = new Map<string, RequiredReview>();
  for (const item of items) {
    if (item.reviewerId !== null || item.externalReviewer) {
      index.set(matchKey(item.cycleKey, item.reviewerId, item.targetKind, item.targetId), item);
    }
  }
  return index;
}

/**
 * The requirement a review satisfies: same reviewer (null = the outside reviewer), target and cycle,
 * whatever rule the reviewer chose; the cycle is a round open on the review's date (daily reviews too),
 * the earliest whose requirement is not `taken` yet (DOMAIN §3: a late round counts first, then the new one).
 */
export function matchReview(
  index: ReadonlyMap<string, RequiredReview>,
  campaign: Campaign,
  review: { reviewedAt: number; reviewerId: string | null; targetKind: TargetKind; targetId: string },
  taken: (requirement: RequiredReview) => boolean = () => false,
): RequiredReview | null {
  let first: RequiredReview | null = null;
  for (const rule of RULES) {
    for (const cycle of openCyclesAt(campaign, ruleFrequency(campaign, rule), review.reviewedAt)) {
      const hit = index.get(matchKey(cycle.key, review.reviewerId, review.targetKind, review.targetId));
      if (!hit) continue;
      if (!taken(hit)) return hit;
      first ??= hit;
    }
  }
  return first;
}
