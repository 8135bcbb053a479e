/**
 * Who may run `remind`: only its own timer. The platform calls a timer-triggered function with the
 * timer event `{ Type: 'Timer', TriggerName, Time, Message }` (cloud.tencent.com/document/product/583/31927)
 * and no user: getWXContext() has an OPENID only when the mini program calls
 * (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html).
 * A member can put any fields in a call's data, but cannot remove the OPENID the platform adds.
 */

/** The trigger's name in config.json. */
export const TRIGGER_NAME = 'remind';

/** What of the invocation context the check reads (getWXContext's answer). */
export interface InvocationContext {
  OPENID?: unknown;
  FROM_OPENID?: unknown;
}

/** True only for the platform's firing of this function's timer: the timer event, and no user anywhere. */
export function isOwnTimer(event: unknown, context: InvocationContext): boolean {
  if (!event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  const user = e.userInfo as { openId?: unknown } | undefined;
  // Any trace of a user (the caller's openid, a cross-account caller, the userInfo a client call carries) refuses.
  if (context.OPENID || context.FROM_OPENID || user?.openId) return false;
  return e.Type === 'Timer' && e.TriggerName === TRIGGER_NAME && typeof e.Time === 'string';
}
