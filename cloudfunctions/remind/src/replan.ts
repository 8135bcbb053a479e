/**
 * Planning that keeps itself current: on each firing, every running campaign whose plan is dirty (a
 * requirement-affecting change audited since it was planned, a changed campaign, a new cycle) or that
 * was never planned is re-planned, so no admin has to remember to. The job is the one `campaign.plan` runs.
 */
import { currentCycles } from '../../../miniprogram/core/domain/cycles';
import type { Db } from '../../api/src/frame/db';
import { campaignOf, type CampaignDoc } from '../../api/src/repositories/docs';
import { putPlan, rootCounter } from '../../api/src/repositories/progress';
import { planSettled, withPlanLock } from '../../api/src/shared/plan';
import { staleReasons, type StaleReason } from '../../api/src/shared/plan-stale';

/** One campaign the timer re-planned, and why. */
export interface Replanned {
  campaignId: string;
  reasons: Array<StaleReason | 'NOT_PLANNED'>;
  requirements: number;
  trips: number;
}

/** Re-plans the dirty campaigns among `campaigns`, one after the other, until `outOfTime()`. */
export async function replanDirty(db: Db, campaigns: readonly CampaignDoc[], now: number, outOfTime: () => boolean): Promise<Replanned[]> {
  const done: Replanned[] = [];
  for (const campaign of campaigns) {
    if (outOfTime()) break;
    if (!currentCycles(campaignOf(campaign), now).ok) continue;
    const root = await rootCounter(db, campaign._id);
    const reasons: Replanned['reasons'] = root ? await staleReasons(db, root, campaign, now) : ['NOT_PLANNED'];
    if (!reasons.length) continue;
    const result = await withPlanLock(db, campaign, now, (progress) => planSettled(db, campaign, now, undefined, progress));
    await putPlan(db, result.planId, {
      tenantId: campaign.tenantId,
      campaignId: campaign._id,
      cycleKeys: result.cycleKeys,
      plannedAt: now,
      campaignVersion: campaign.version,
      counts: { requirements: result.requirements, done: result.done, units: result.units, orgs: result.orgs, waived: result.waived, vacancies: result.vacancies.length },
    });
    done.push({ campaignId: campaign._id, reasons, requirements: result.requirements, trips: result.trips });
  }
  return done;
}
