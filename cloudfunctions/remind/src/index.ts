/**
 * The `remind` cloud function, fired by its timer (config.json): re-plans campaigns whose plan is
 * dirty, then, from the send hour on, sends each reminder due today once (ledger), within a time budget.
 */
import cloud from 'wx-server-sdk';
import { REMINDER_TEMPLATE_IDS } from '../../../miniprogram/config';
import { cstDateOf, cstHourOf, DAY_MS } from '../../../miniprogram/core/domain/cst';
import { SEND_HOUR } from '../../../miniprogram/core/domain/reminders';
import { AFTER_END_DAYS, chainLinkOf, delayedTaskSchedule, runLink, runningCampaigns, type Db } from '../../api/src/kernel';
import { now } from '../../common/clock';
import { dueReminders } from './due';
import { replanDirty, type Replanned } from './replan';
import { sendDue, type Send, type SendTally } from './send';
import { isOwnTimer } from './trigger';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, throwOnNotFound: false } as Parameters<typeof cloud.init>[0]);
const db: Db = cloud.database();

/** Reminders go out from this CST hour on (the rule lives in the domain: `session.nudge` tells the secretary when). */
export { SEND_HOUR };
/** Work stops after this long, well inside the 60 s timeout; the next firing resumes. */
export const BUDGET_MS = 40_000;

/** What one firing did. */
export interface RemindRun {
  day: string;
  replanned: Replanned[];
  reminders: SendTally | null;
}

/** One firing: re-plan what is dirty, then send what is due (from SEND_HOUR), both within the budget. */
export async function runRemind(database: Db, at: number, send: Send, budgetMs = BUDGET_MS): Promise<RemindRun> {
  // Elapsed time of this invocation, not the calendar: the budget is about the function's timeout.
  const started = performance.now();
  const outOfTime = () => performance.now() - started > budgetMs;
  const day = cstDateOf(at);
  const campaigns = await runningCampaigns(database, day, cstDateOf(at - AFTER_END_DAYS * DAY_MS));
  // Only campaigns still inside their period have a plan to keep current.
  // PLAN_SLICE_TRIPS bounds a full plan's slice (default 1,000 requests; smaller in tests to see several slices).
  const replanned = await replanDirty(database, campaigns.filter((c) => c.end >= day), at, outOfTime, Number(process.env.PLAN_SLICE_TRIPS) || undefined);
  const hour = cstHourOf(at);
  if (hour < SEND_HOUR || outOfTime()) return { day, replanned, reminders: null };
  const due = await dueReminders(database, campaigns, day, undefined, at);
  const reminders = await sendDue(database, due, { day, at, templateIds: REMINDER_TEMPLATE_IDS, send, outOfTime });
  return { day, replanned, reminders };
}

/**
 * Timer entry (`{ Type: 'Timer', TriggerName, Time }`), or a link of the chain that drives it where timers do
 * not exist (`{ remindChain: { chainId, seq } }`, a delayed function task the platform runs: no user). Any
 * other call (a member's, another function's on a member's behalf, a member sending a chain link) is refused
 * with nothing done and nothing said: the run re-plans every tenant and its answer names every tenant's
 * campaigns, and a caller must not learn even that the function exists.
 */
export async function main(event?: unknown): Promise<RemindRun | { chain: 'STALE' } | (RemindRun & { chain: 'RUN' }) | undefined> {
  const context = cloud.getWXContext();
  const state = process.env.MINIPROGRAM_STATE ?? 'formal';
  const send: Send = (r) => cloud.openapi.subscribeMessage.send({ ...r, miniprogramState: state, lang: 'zh_CN' });
  const link = chainLinkOf((event ?? {}) as Record<string, unknown>);
  if (link) {
    // The platform runs a delayed task with no user; a call carrying an openid is a member's, and a member drives nothing.
    if (context.OPENID || context.FROM_OPENID) return undefined;
    if ((await runLink(db, delayedTaskSchedule(cloud as never), link, now())) === 'STALE') return { chain: 'STALE' as const };
    return { ...(await runRemind(db, now(), send)), chain: 'RUN' as const };
  }
  if (!isOwnTimer(event, context)) return undefined;
  return runRemind(db, now(), send);
}
