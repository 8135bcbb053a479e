/** The `export` cloud function: forms, the archive, the progress sheet and roster files; docx/exceljs stay out of `api`. */
import cloud from 'wx-server-sdk';
import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { EXPORT_PERMISSIONS } from '../../../miniprogram/core/domain/export-permissions';
import { FRAME_STORE, handle, type Db } from '../../api/src/kernel';
import { now } from '../../common/clock';
import { exportActions } from './actions';

z.config(zhCN());
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, throwOnNotFound: false } as Parameters<typeof cloud.init>[0]);
const db: Db = cloud.database();

/** Cloud function entry: `{ action, payload, requestId }` → `{ ok, data }` | `{ ok, error }`, as `api`. */
export async function main(event: unknown) {
  return handle(event, { cloud, db, now: now() }, exportActions, EXPORT_PERMISSIONS, FRAME_STORE);
}
