/** Incremental re-plan (placeholder until written): null means "use the full plan". */
import type { Db } from '../frame/db';
import type { CampaignDoc } from '../repositories/docs';
import type { CounterDoc } from '../repositories/progress-docs';

/** Re-plans only what a few local roster changes touched; null when the change needs the full plan. */
export async function replanIncremental(_db: Db, _campaign: CampaignDoc, _root: CounterDoc, _now: number): Promise<{ requirements: number; trips: number } | null> {
  return null;
}
