/**
 * 点评计划: the office (an admin, or the secretary at or above a subtree) reads who must review whom
 * in the subtree, filtered by rule, reviewer, target kind and state, a page at a time. Three queries
 * per page (the org's counter for the plan's cycles, the page, the reviews already held on its open rows)
 * at any tenant size.
 */
import { RequirementListInput, RequirementListOutput } from '../../../../miniprogram/core/contracts/api/progress';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { VACANCY_LABELS } from '../../../../miniprogram/core/domain/required';
import { requirementsPage } from '../repositories/progress';
import { plannedCounter } from '../plan/plan';
import { heldKeys, isHeld } from '../../../../miniprogram/core/domain/session-targets';
import { listReviewsOfTargets } from '../repositories/work';
import type { RequirementDoc } from '../repositories/progress-docs';
import { defineAction, orgScope, scopedOrg } from '../shared/scope';

const PAGE = 50;

/** A stored requirement as the office reads it. */
function rowOf(r: RequirementDoc, held: ReadonlySet<string>) {
  const state = r.done ? 'DONE' : r.matchKey === null ? 'GAP' : 'OPEN';
  const reviewerName = r.reviewerName ?? r.externalReviewer?.name ?? r.reviewerId;
  return {
    key: r.key,
    cycleKey: r.cycleKey,
    ...ruleView(r.rule),
    targetKind: r.targetKind,
    targetId: r.targetId,
    targetName: r.targetName ?? r.targetId,
    orgId: r.orgId,
    fromOrgId: r.fromOrgId ?? r.reviewerOrgId ?? r.orgId,
    reviewer: r.matchKey === null || reviewerName == null ? null : { id: r.reviewerId, name: reviewerName },
    state,
    inSession: state === 'OPEN' && isHeld({ campaignId: r.campaignId, reviewerId: r.reviewerId, cycleKey: r.cycleKey, targetKind: r.targetKind, targetId: r.targetId }, held),
    vacancy: r.vacancy ? { code: r.vacancy, label: VACANCY_LABELS[r.vacancy] } : null,
    doneAt: r.doneAt,
    reviewId: r.reviewId,
  } as const;
}

export const requirementActions = {
  'requirement.list': defineAction({
    input: RequirementListInput,
    output: RequirementListOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = scopedOrg(scope);
      const self = await plannedCounter(db, input.campaignId, org);
      const limit = input.limit ?? PAGE;
      const page = await requirementsPage(db, input.campaignId, self.cycleKeys, org._id, input, input.cursor ?? null, limit);
      // Open ones already taken into a session (a draft of their reviewer's): 发起点评 leaves them out, as session.start does.
      const open = page.filter((r) => !r.done && r.matchKey !== null);
      const held = heldKeys(await listReviewsOfTargets(db, org.tenantId, input.campaignId, [...new Set(open.map((r) => r.targetId))]));
      return RequirementListOutput.parse({
        plan: { id: self.planId, cycleKeys: self.cycleKeys },
        requirements: page.map((r) => rowOf(r, held)),
        nextCursor: page.length === limit ? page[page.length - 1]._id : null,
      });
    },
  }),
};
