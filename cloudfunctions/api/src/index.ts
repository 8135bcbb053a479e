/** The `api` cloud function: one entry for every action of the mini program. */
import cloud from 'wx-server-sdk';
import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { PERMISSIONS } from '../../../miniprogram/core/domain/permissions';
import { actions } from './actions';
import type { Db } from './frame/db';
import { handle } from './frame/router';
import { FRAME_STORE } from './repositories/frame-store';
import { now } from '../../common/clock';
import { delayedTaskSchedule, keepChainAlive } from './shared/remind-chain';

// Validation messages reach users: Chinese, like every other message.
z.config(zhCN());
// Once per cold start; a missing document reads as null rather than throwing.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, throwOnNotFound: false } as Parameters<typeof cloud.init>[0]);
const db: Db = cloud.database();

/** Cloud function entry: `{ action, payload, requestId }` → `{ ok, data }` | `{ ok, error }`. */
export async function main(event: unknown) {
  // Where no timer trigger exists (云函数 V2), the api keeps remind's chain of delayed tasks alive (shared/remind-chain.ts).
  if (process.env.REMIND_DRIVER === 'chain') {
    try {
      await keepChainAlive(db, delayedTaskSchedule(cloud as never), now());
    } catch (err) {
      // The member's call must not fail for it; the next look (≤ 10 minutes) tries again.
      console.error('remind chain: could not look at or arm it', err);
    }
  }
  return handle(event, { cloud, db, now: now() }, actions, PERMISSIONS, FRAME_STORE);
}
