/**
 * 点评计划: the office (an admin, or the secretary at or above a subtree) reads who must review whom
 * in the subtree, filtered by rule, reviewer, target kind and state, a page at a time. Two queries
 * per page (the org's counter for the plan's cycles, then the page) at any tenant size.
 */
import { RequirementListInput, RequirementListOutput } from '../../../../miniprogram/core/contracts/api/progress';
import { ruleView } from '../../../../miniprogram/core/domain/reach';
import { VACANCY_LABELS } from '../../../../miniprogram/core/domain/required';
import { requirementsPage } from '../repositories/progress';
import { plannedCounter } from '../shared/plan';
import type { RequirementDoc } from '../repositories/progress-docs';
import { defineAction, orgScope, scopedOrg } from '../shared/scope';

const PAGE = 50;

/** A stored requirement as the office reads it. */
function rowOf(r: RequirementDoc) {
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
      return RequirementListOutput.parse({
        plan: { id: self.planId, cycleKeys: self.cycleKeys },
        requirements: page.map(rowOf),
        nextCursor: page.length === limit ? page[page.length - 1]._id : null,
      });
    },
  }),
};
