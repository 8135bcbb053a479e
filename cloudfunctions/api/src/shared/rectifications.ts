/** What the rectification handlers and home share: a rectification as the client sees it. */
import { rectificationDisplayStatus, rectificationRoles } from '../../../../miniprogram/core/domain/workflow';
import type { RectificationDoc } from '../repositories/work-docs';
import type { EntityRole } from '../../../../miniprogram/core/domain/workflow';
import type { Caller, Deps } from '../frame/action';
import type { OrgDoc } from '../repositories/docs';
import { getOrg } from '../repositories/store';
import { isUpper } from './work';

/** A rectification with the status to show at `now` (OVERDUE once the deadline's day has ended unreplied). */
export function rectificationView(doc: RectificationDoc, now: number, own: boolean) {
  const hidden = doc.moderation === 'HELD' && !own;
  return {
    id: doc._id,
    reviewId: doc.reviewId,
    sessionId: doc.sessionId,
    target: doc.target,
    requirement: doc.requirement,
    deadline: doc.deadline,
    imposed: doc.imposed,
    plan: hidden ? '' : doc.plan,
    reply: hidden ? '' : doc.reply,
    repliedAt: doc.repliedAt,
    confirmedAt: doc.confirmedAt,
    status: doc.status,
    displayStatus: rectificationDisplayStatus(doc, now),
    held: doc.moderation === 'HELD',
    history: doc.history,
    version: doc.version,
  };
}

/** The caller's roles towards a rectification (`rectificationRoles` of workflow.ts), reading the reviewing org when the scope did not. */
export async function callerRectificationRoles(deps: Deps, caller: Caller, doc: RectificationDoc, scopeOrg: OrgDoc | undefined): Promise<EntityRole[]> {
  const reviewingOrg = scopeOrg?._id === doc.orgId ? scopeOrg : await getOrg(deps.db, doc.orgId);
  return rectificationRoles({ ...caller, upper: isUpper(caller, reviewingOrg ?? undefined) }, doc);
}
