/**
 * Asking for reminders: from a tap only, ≤ 3 templates a call (SUBSCRIBE_MOMENTS), then recording what
 * the member accepted with `subscription.record` (one send credit per accepted template). 20004 means
 * the member's main switch for notifications is off: recorded, so 我的 can offer wx.openSetting.
 */
import { REMINDER_TEMPLATE_IDS } from '../config';
import { SUBSCRIBE_MOMENTS, type ReminderKind, type SubscribeMoment } from '../core/domain/reminders';
import { call, newIntent, type ActionOutput } from './api';

/** What the member has left per kind, as the 消息提醒 row shows it. */
export type ReminderState = ActionOutput<'subscription.get'>;

/** The platform's "main switch off" answer to requestSubscribeMessage. */
const MAIN_SWITCH_OFF = 20004;

function request(tmplIds: string[]): Promise<Record<string, string> | { errCode: number }> {
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => resolve(res as unknown as Record<string, string>),
      fail: (err) => resolve({ errCode: (err as { errCode?: number }).errCode ?? -1 }),
    });
  });
}

/**
 * Asks for the templates of `moment` (call it from a tap handler) and records the answer; null when nothing
 * was recorded. With `until`, the 已开启 toast waits for it and shows only when the tapped action succeeded.
 */
export async function askReminders(moment: SubscribeMoment, until?: Promise<boolean>): Promise<ReminderState | null> {
  const kinds: readonly ReminderKind[] = SUBSCRIBE_MOMENTS[moment];
  const answer = await request(kinds.map((k) => REMINDER_TEMPLATE_IDS[k]));
  const off = 'errCode' in answer && answer.errCode === MAIN_SWITCH_OFF;
  if ('errCode' in answer && !off) return null;
  const said = (k: ReminderKind) => (off ? undefined : (answer as Record<string, string>)[REMINDER_TEMPLATE_IDS[k]]);
  const reply = await call(
    'subscription.record',
    { accepted: kinds.filter((k) => said(k) === 'accept'), rejected: kinds.filter((k) => said(k) === 'reject' || said(k) === 'ban'), mainSwitchOff: off },
    { intent: newIntent(), loading: false },
  );
  if (!reply.ok) return null;
  if (until && !(await until)) return reply.data;
  if (off) wx.showToast({ title: '消息提醒已关闭，可在“我的”中打开', icon: 'none' });
  else if (kinds.some((k) => said(k) === 'accept')) wx.showToast({ title: '已开启，截止前会提醒您', icon: 'none' });
  return reply.data;
}
