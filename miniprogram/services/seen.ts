/**
 * What this phone has opened (issue 22): 待办 tells a member of a review published about them until they
 * open it. Kept on the phone like the opinion keys (services/device-key), so it asks nothing of the server;
 * a member who opens the review on another phone sees it once more here.
 */
const OPENED_KEY = 'opened-reviews';
/** Enough for years of reviews; the oldest are forgotten first. */
const KEEP = 200;

/** The ids of the reviews opened on this phone. */
export function openedReviews(): Set<string> {
  const all = wx.getStorageSync(OPENED_KEY) as string[] | '';
  return new Set(Array.isArray(all) ? all : []);
}

/** Records that a review was opened on this phone, so 待办 stops announcing it. */
export function markReviewOpened(id: string): void {
  const all = wx.getStorageSync(OPENED_KEY) as string[] | '';
  const list = Array.isArray(all) ? all.filter((x) => x !== id) : [];
  wx.setStorageSync(OPENED_KEY, [...list, id].slice(-KEEP));
}
