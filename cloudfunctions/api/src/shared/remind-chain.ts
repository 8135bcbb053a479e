/**
 * What drives `remind` where timer triggers do not exist (云函数 V2: 「定时触发器 暂不支持」,
 * docs.cloudbase.net/cloud-function/v2): a chain of delayed invocations. Each link is a delayed function task
 * (`cloudbase.addDelayedFunctionTask`, 6 s – 30 days, developers.weixin.qq.com …/cloudbase/functions/
 * api_adddelayedfunctiontask) that, when the platform runs it, first takes the lease for its own place in the
 * chain, then schedules the next link on the next 10-minute mark (so it fires when the V1 timer
 * `0 *\/10 * * * * *` would), then does the timer's work. The `api` keeps the chain alive: when it sees no
 * chain, or one whose next link is overdue by GRACE_MS, it arms a new one (a conditional write, so one caller
 * wins); a link of a replaced chain, or a duplicate delivery, finds the lease moved on and stops. So exactly
 * one chain lives. Turned on with the function setting REMIND_DRIVER=chain (docs/deploy.md); V1 keeps its timer.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../frame/db';
import { advanceChain, claimChain, getChain } from '../repositories/remind-chain';

/** The period of the V1 timer, and of the chain's marks. */
export const CHAIN_PERIOD_MS = 10 * 60_000;
/** The platform's shortest delay. */
const MIN_DELAY_MS = 6_000;
/** How late a link may be (a slow platform, a long run) before the chain counts as lost and is armed anew. */
export const GRACE_MS = 15 * 60_000;
/** How often one api instance looks at the chain (one read); between looks it trusts what it saw. */
const LOOK_EVERY_MS = 10 * 60_000;

/** A link's event: what the delayed task carries (`remind` refuses it from a call that has a user, an openid). */
export interface ChainLink {
  remindChain: { chainId: string; seq: number };
}

/** Schedules a delayed invocation of `remind` with `event` after `delayS` seconds (cloudbase.addDelayedFunctionTask). */
export type ScheduleLink = (event: ChainLink, delayS: number) => Promise<void>;

/** The part of wx-server-sdk a schedule needs. */
interface CloudForSchedule {
  getWXContext(): { ENV?: string };
  openapi: { cloudbase: { addDelayedFunctionTask(req: { env?: string; functionName: string; data: string; delayTime: number }): Promise<unknown> } };
}

/** Schedules links as the platform runs them: a delayed function task of `remind` in this environment. */
export function delayedTaskSchedule(cloud: CloudForSchedule): ScheduleLink {
  return async (event, delayS) => {
    await cloud.openapi.cloudbase.addDelayedFunctionTask({ env: cloud.getWXContext().ENV, functionName: 'remind', data: JSON.stringify(event), delayTime: delayS });
  };
}

/** Seconds from `now` to the first 10-minute mark at least the platform's shortest delay away. */
export function delayToNextMark(now: number): number {
  const mark = Math.ceil((now + MIN_DELAY_MS) / CHAIN_PERIOD_MS) * CHAIN_PERIOD_MS;
  return Math.ceil((mark - now) / 1000);
}

/** The chain link an event carries, if it is one. */
export function chainLinkOf(event: unknown): ChainLink['remindChain'] | null {
  const link = (event as Partial<ChainLink> | null)?.remindChain;
  return link && typeof link.chainId === 'string' && Number.isInteger(link.seq) ? link : null;
}

let lookedAt: number | null = null;

/** The api's part: at most every LOOK_EVERY_MS per instance, arms a chain when none is alive. Returns what it did. */
export async function keepChainAlive(db: Db, schedule: ScheduleLink, now: number): Promise<'TRUSTED' | 'ALIVE' | 'ARMED' | 'LOST_RACE'> {
  if (lookedAt !== null && now - lookedAt < LOOK_EVERY_MS && now >= lookedAt) return 'TRUSTED';
  lookedAt = now;
  const chain = await getChain(db);
  if (chain && chain.nextAt + GRACE_MS > now) return 'ALIVE';
  const delayS = delayToNextMark(now);
  const fresh = { chainId: randomUUID(), nextAt: now + delayS * 1000, armedAt: now };
  if (!(await claimChain(db, chain, fresh))) return 'LOST_RACE';
  await schedule({ remindChain: { chainId: fresh.chainId, seq: 0 } }, delayS);
  return 'ARMED';
}

/** Forgets when this instance last looked (a new instance; tests). */
export function forgetChainLook(): void {
  lookedAt = null;
}

/** The link's part: takes its place in the chain and schedules the next link; STALE when it is not the live chain's next link. */
export async function runLink(db: Db, schedule: ScheduleLink, link: ChainLink['remindChain'], now: number): Promise<'RUN' | 'STALE'> {
  const delayS = delayToNextMark(now);
  if (!(await advanceChain(db, link, now + delayS * 1000, now))) return 'STALE';
  // Scheduled before the work, so a run that fails or times out does not end the chain.
  await schedule({ remindChain: { chainId: link.chainId, seq: link.seq + 1 } }, delayS);
  return 'RUN';
}
