/**
 * Large text for elderly members: pages follow WeChat's own font size (关怀模式 included) and the app's
 * 大字模式 switch raises it further. Every page's root uses `fontPx`, and our styles are in em/rem, so
 * the whole page scales; `page-meta` passes the same size to WeChat's native rendering.
 */
/** Storage key of the 大字模式 switch. */
export const BIG_TEXT_KEY = 'bigText';
/** WeChat's standard size; 关怀模式 reports about 23.8 px. */
const NORMAL_PX = 17;
/** 大字模式 never goes below this. */
const BIG_PX = 22;

/** Text-size data every page binds: the px size and the page-meta value. */
export interface TextSize {
  fontPx: number;
  pageFontSize: string;
  bigText: boolean;
}

/** The text size to render now, from WeChat's setting and the 大字模式 switch. */
export function textSize(): TextSize {
  let system = NORMAL_PX;
  try {
    const info = wx.getAppBaseInfo ? wx.getAppBaseInfo() : null;
    if (info && typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) system = info.fontSizeSetting;
  } catch {
    // Old base libraries have no getAppBaseInfo: keep the standard size.
  }
  const bigText = wx.getStorageSync(BIG_TEXT_KEY) === true;
  const fontPx = Math.round(bigText ? Math.max(system, BIG_PX) : system);
  return { fontPx, pageFontSize: bigText ? `${fontPx}px` : 'system', bigText };
}

/** Turns 大字模式 on or off; pages pick it up on their next show. */
export function setBigText(on: boolean): TextSize {
  wx.setStorageSync(BIG_TEXT_KEY, on);
  return textSize();
}
