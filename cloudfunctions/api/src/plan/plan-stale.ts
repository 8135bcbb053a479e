/**
 * When a campaign's plan no longer matches what is required (its "dirty" mark): a change to the
 * roster, the campaign or the calendar since it was planned. The audit log is the mark — every
 * requirement-affecting action is audited in its own unit of work — so no roster handler has to
 * remember to flag anything; progress.get reports it and the `remind` timer re-plans on it.
 */
import { currentCycles } from '../../../../miniprogram/core/domain/cycles';
import type { ActionName } from '../../../../miniprogram/core/domain/permissions';
import type { Db } from '../frame/db';
import { auditedSince } from '../repositories/commit';
import { campaignOf, type CampaignDoc } from '../repositories/docs';
import type { CounterDoc } from '../repositories/progress-docs';

/**
 * Actions that change what is required (the tree, posts, liaisons, the outside reviewer, R7): a
 * plan older than the latest of them is stale.
 */
export const ROSTER_ACTIONS: ActionName[] = [
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
  ROSTER_CHANGED: '组织或人员有变动，点评计划正在更新',
  CAMPAIGN_CHANGED: '活动设置有变动，点评计划正在更新',
  NEW_CYCLE: '已进入新的点评周期，点评计划正在更新',
};

/** What progress.get says of a plan job that stopped moving (api PLAN_STALL_MS): the office should have it looked at. */
export const PLAN_STALLED_LABEL = '点评计划更新已停滞超过30分钟，数字可能不是最新的，请联系技术支持检查定时任务';

/** Why a plan (read from one of its counters) no longer matches the roster, the campaign or the calendar (one audit query). */
export async function staleReasons(db: Db, planned: Pick<CounterDoc, 'tenantId' | 'plannedAt' | 'campaignVersion' | 'cycleKeys'>, campaign: CampaignDoc, now: number): Promise<StaleReason[]> {
  const reasons: StaleReason[] = [];
  if (await auditedSince(db, planned.tenantId, ROSTER_ACTIONS, planned.plannedAt)) reasons.push('ROSTER_CHANGED');
  if (campaign.version !== planned.campaignVersion) reasons.push('CAMPAIGN_CHANGED');
  const cycles = currentCycles(campaignOf(campaign), now);
  if (cycles.ok && cycles.value.map((c) => c.key).join('+') !== planned.cycleKeys.join('+')) reasons.push('NEW_CYCLE');
  return reasons;
}
