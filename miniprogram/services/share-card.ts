/**
 * The session card as a WeChat updatable message (docs/updatable-card.md): before the share, the page declares
 * the card updatable with the activity the api made (`wx.updateShareMenu({ withShareTicket, isUpdatableMessage,
 * activityId, templateInfo })`). Base libraries before 2.4.0 know no updatable messages: they share the plain card.
 */
import { supportsUpdatableCard } from '../core/domain/session-card';
import { shareWithTicket } from './group';

/** What the api hands out for a card: the activity and the template info. */
export interface UpdatableCardArgs {
  activityId: string;
  templateInfo: { templateId: string; parameterList: Array<{ name: string; value: string }> };
}

/** True when this WeChat's base library can share updatable cards. */
export function canShareUpdatable(): boolean {
  const info = wx.getAppBaseInfo ? wx.getAppBaseInfo() : null;
  return supportsUpdatableCard(info ? info.SDKVersion : null);
}

/** Declares the page's next share an updatable card; resolves false when WeChat refused it. */
export function shareAsUpdatable(card: UpdatableCardArgs): Promise<boolean> {
  return new Promise((resolve) => {
    wx.updateShareMenu({
      withShareTicket: true,
      isUpdatableMessage: true,
      activityId: card.activityId,
      templateInfo: card.templateInfo,
      success: () => resolve(true),
      fail: () => resolve(false),
    });
  });
}

/** Back to the plain card with a share ticket (a separate call: WeChat's iOS drops the ticket when both are passed). */
export function shareAsStatic(): void {
  wx.updateShareMenu({ isUpdatableMessage: false });
  shareWithTicket();
}
