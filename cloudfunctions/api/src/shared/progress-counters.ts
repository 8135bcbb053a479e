/**
 * Recording completed reviews in the progress machinery (docs/design-progress.md, "Completion").
 * The review-work code calls `completionWritesMany` with the campaign it read when reviews are SUBMITTED and commits the writes in
 * the same unit of work as the review. Reads are constant (campaign, requirements, units); writes are
 * the requirement, at most two units, and one increment per counter on the two row paths (≤ depth).
 *
 * A completion is never undone: reopening or editing a review does not take it back (the review
 * happened). A review that matches no planned requirement (no plan yet, another cycle, a review
 * nobody required) records nothing.
 */
import { COL } from '../repositories/collections';
import type { TargetKind } from '../../../../miniprogram/core/contracts/review';
import { UNIT_FIELD, targetUnitKind, unitComplete } from '../../../../miniprogram/core/domain/coverage';
import { matchKey, matchReview, requirementIndex, type RequiredReview } from '../../../../miniprogram/core/domain/required';
import { openCyclesAt, usedFrequencies } from '../../../../miniprogram/core/domain/cycles';
import type { Db } from '../frame/db';
import type { Write } from '../frame/uow';
import { campaignOf, type CampaignDoc } from '../repositories/docs';
import { getCampaign } from '../repositories/store';
import { counterId, unitId, type RequirementDoc, type UnitDoc } from '../repositories/progress-docs';
import { requirementsByMatch, unitsByIds } from '../repositories/progress';

export interface Completion {
  campaignId: string;
  /** The reviewer's person id; null for the tenant's named outside reviewer. */
  reviewerId: string | null;
  targetKind: TargetKind;
  /** The person for people, the org for orgs. */
  targetId: string;
  /** When the review took place (decides the cycle; daily reviews count in the cycle they fall in). */
  reviewedAt: number;
  reviewId: string;
  /** When it is recorded: the completion time used by "new since last report". */
  now: number;
}


/** The domain's view of a stored requirement. */
export function requirementOf(doc: RequirementDoc): RequiredReview {
  const r: RequiredReview = {
    key: doc.key,
    cycleKey: doc.cycleKey,
    rule: doc.rule,
    targetKind: doc.targetKind,
    targetId: doc.targetId,
    orgId: doc.orgId,
    fromOrgId: doc.fromOrgId ?? doc.reviewerOrgId ?? doc.orgId,
    reviewerId: doc.reviewerId,
    reviewerOrgId: doc.reviewerOrgId,
    reviewerRowOrgId: doc.reviewerRowOrgId,
  };
  if (doc.externalReviewer) r.externalReviewer = doc.externalReviewer;
  if (doc.vacancy) r.vacancy = doc.vacancy;
  if (doc.formerReviewerId) r.formerReviewerId = doc.formerReviewerId;
  if (doc.hint) r.hint = doc.hint;
  return r;
}

/** The writes that record one completed review, reading its campaign: empty when nothing is planned, nothing matches, or it was already done. */
export async function completionWrites(db: Db, completion: Completion): Promise<Write[]> {
  const doc = await getCampaign(db, completion.campaignId);
  return doc ? completionWritesMany(db, doc, [completion]) : [];
}

/**
 * The writes that record several completed reviews of one campaign at once (a 集中点评 meeting
 * entering many targets): same constant reads, one write per touched document.
 */
export async function completionWritesMany(db: Db, doc: CampaignDoc, completions: readonly Completion[]): Promise<Write[]> {
  if (completions.length === 0) return [];
  const campaignId = doc._id;
  if (completions.some((c) => c.campaignId !== campaignId)) throw new Error('completionWritesMany: one campaign per call');
  const campaign = campaignOf(doc);

  // Every cycle a rule could place each review in: the candidates' match keys, read in one query.
  const keys = new Set<string>();
  for (const c of completions) {
    for (const f of usedFrequencies(campaign)) {
      for (const cycle of openCyclesAt(campaign, f, c.reviewedAt)) keys.add(matchKey(cycle.key, c.reviewerId, c.targetKind, c.targetId));
    }
  }
  if (keys.size === 0) return [];
  const candidates = await requirementsByMatch(db, campaignId, [...keys]);
  const byKey = new Map(candidates.map((d) => [d.key, d]));
  const index = requirementIndex(candidates.map(requirementOf));

  // The requirement each review satisfies (the domain's matching), first review wins.
  const matched: Array<{ req: RequirementDoc; c: Completion }> = [];
  const seen = new Set<string>();
  for (const c of completions) {
    const hit = matchReview(index, campaign, c, (r) => byKey.get(r.key)?.done === true || seen.has(r.key));
    const req = hit ? byKey.get(hit.key) : undefined;
    if (!req || req.done || seen.has(req.key)) continue;
    seen.add(req.key);
    matched.push({ req, c });
  }
  if (matched.length === 0) return [];

  const unitIds = new Set<string>();
  for (const { req } of matched) {
    if (req.superseded) continue;
    unitIds.add(unitId(req.planId, targetUnitKind(req.targetKind), req.targetId));
    if (req.reviewerId !== null && req.reviewerRowOrgId !== null) unitIds.add(unitId(req.planId, 'LEADER', req.reviewerId));
  }
  const units = new Map((unitIds.size ? await unitsByIds(db, [...unitIds]) : []).map((u) => [u._id, { doc: u, done: u.done, complete: u.complete, doneAt: u.doneAt }]));

  const writes: Write[] = [];
  const incs = new Map<string, Record<string, number>>();
  const bump = (path: readonly string[], rowOrgId: string, kind: UnitDoc['kind']) => {
    const f = UNIT_FIELD[kind];
    for (const orgId of path) {
      const id = counterId(campaignId, orgId);
      const fields = incs.get(id) ?? {};
      fields[`rolled.completed.${f}`] = (fields[`rolled.completed.${f}`] ?? 0) + 1;
      fields[`rolled.events.${f}`] = (fields[`rolled.events.${f}`] ?? 0) + 1;
      if (orgId === rowOrgId) {
        fields[`own.completed.${f}`] = (fields[`own.completed.${f}`] ?? 0) + 1;
        fields[`own.events.${f}`] = (fields[`own.events.${f}`] ?? 0) + 1;
      }
      incs.set(id, fields);
    }
  };
  const advance = (id: string, now: number) => {
    const u = units.get(id);
    if (!u) return; // the plan is being rebuilt: the requirement alone records it, the next plan counts it
    u.done += 1;
    const nowComplete = unitComplete(u.doc.kind, u.done, u.doc.total);
    if (nowComplete && !u.complete) {
      u.complete = true;
      u.doneAt = now;
      bump(u.doc.rowPath, u.doc.rowOrgId, u.doc.kind);
    }
  };

  for (const { req, c } of matched) {
    writes.push({ kind: 'update', collection: COL.requirements, id: req._id, expectedVersion: req.version, patch: { done: true, doneAt: c.now, reviewId: c.reviewId } });
    if (req.superseded) continue;
    advance(unitId(req.planId, targetUnitKind(req.targetKind), req.targetId), c.now);
    if (req.reviewerId !== null && req.reviewerRowOrgId !== null) advance(unitId(req.planId, 'LEADER', req.reviewerId), c.now);
  }
  for (const [id, u] of units) {
    if (u.done === u.doc.done) continue;
    writes.push({ kind: 'update', collection: COL.units, id, expectedVersion: u.doc.version, patch: { done: u.done, complete: u.complete, doneAt: u.doneAt } });
  }
  for (const [id, fields] of incs) writes.push({ kind: 'inc', collection: COL.counters, id, fields });
  return writes;
}
