/**
 * The WeChat group a screen was opened from. A card tapped in a group chat carries a shareTicket; the
 * platform turns it into a CloudID, which the cloud resolves into the group's opengid before `api` runs
 * (PLATFORM.md: group chats). Outside a group, or on a base library without the API, there is none.
 */

/** What the api reads from a resolved CloudID. */
export interface GroupRef {
  cloudID: string;
  data: { opengid: string };
}

/** The CloudID of the group this launch came from, or null. */
export function enteredGroupCloudId(): Promise<string | null> {
  const options = wx.getEnterOptionsSync ? wx.getEnterOptionsSync() : null;
  if (!options || !options.shareTicket || !wx.getGroupEnterInfo) return Promise.resolve(null);
  return new Promise((resolve) => {
    wx.getGroupEnterInfo({
      success: (res: { cloudID?: string }) => resolve(res.cloudID || null),
      // Expired ticket, wrong scene, user left the group: the screen works as if opened elsewhere.
      fail: () => resolve(null),
    });
  });
}

/** The group field of an api payload: the platform fills in `data.opengid` on the way to the cloud. */
export function groupField(cloudID: string): GroupRef {
  return wx.cloud.CloudID(cloudID) as unknown as GroupRef;
}

/** Turns on sharing with a shareTicket, so a card opened from the group tells which group it was. */
export function shareWithTicket(): void {
  wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] });
}
