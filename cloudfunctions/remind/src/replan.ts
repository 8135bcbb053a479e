/**
 * Planning that keeps itself current: on each firing, every running campaign gets one step — a running
 * plan job advances by one slice; else a dirty plan (a requirement-affecting change audited since it
 * was planned, a changed campaign, a new cycle) or a never-planned campaign is re-planned: a few local
 * roster changes incrementally, anything else by starting the sliced full plan. No admin has to remember to.
 */
import { currentCycles } from '../../../miniprogram/core/domain/cycles';
import type { Db } from '../../api/src/frame/db';
import { campaignOf, type CampaignDoc } from '../../api/src/repositories/docs';
import { getPlanJob } from '../../api/src/repositories/plan-job';
import { rootCounter } from '../../api/src/repositories/progress';
import { planSlice, SLICE_TRIPS } from '../../api/src/plan/plan';
import { replanIncremental } from '../../api/src/plan/plan-incremental';
import { staleReasons, type StaleReason } from '../../api/src/plan/plan-stale';

/** One campaign the timer worked on, why, and how. */
export interface Replanned {
  campaignId: string;
  reasons: Array<StaleReason | 'NOT_PLANNED' | 'JOB_RUNNING'>;
  /** INCREMENTAL: only the touched targets were re-planned; FULL: a slice of the full plan job. */
  mode: 'INCREMENTAL' | 'FULL';
  /** False while a full plan job still has slices to run (the next firing goes on). */
  finished: boolean;
  percent: number;
  requirements: number;
  trips: number;
}

/** Gives each campaign among `campaigns` one re-planning step, until `outOfTime()`; `sliceTrips` bounds a full plan's slice. */
export async function replanDirty(db: Db, campaigns: readonly CampaignDoc[], now: number, outOfTime: () => boolean, sliceTrips = SLICE_TRIPS): Promise<Replanned[]> {
  const done: Replanned[] = [];
  for (const campaign of campaigns) {
    if (outOfTime()) break;
    if (!currentCycles(campaignOf(campaign), now).ok) continue;
    const [job, root] = await Promise.all([getPlanJob(db, campaign._id), rootCounter(db, campaign._id)]);
    let reasons: Replanned['reasons'];
    if (job && job.phase !== 'DONE') reasons = ['JOB_RUNNING'];
    else {
      reasons = root ? await staleReasons(db, root, campaign, now) : ['NOT_PLANNED'];
      if (!reasons.length) continue;
      if (root && reasons.length === 1 && reasons[0] === 'ROSTER_CHANGED') {
        const inc = await replanIncremental(db, campaign, root, now);
        if (inc) {
          done.push({ campaignId: campaign._id, reasons, mode: 'INCREMENTAL', finished: true, percent: 100, requirements: inc.requirements, trips: inc.trips + 3 });
          continue;
        }
      }
    }
    const slice = await planSlice(db, campaign, now, { budget: sliceTrips });
    if (slice.state === 'BUSY') continue;
    done.push({ campaignId: campaign._id, reasons, mode: 'FULL', finished: slice.state === 'DONE', percent: slice.percent, requirements: slice.result?.requirements ?? 0, trips: slice.trips });
  }
  return done;
}
