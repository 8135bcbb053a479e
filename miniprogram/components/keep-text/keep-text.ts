// A line of text whose dates and numbers never break across two lines (issue 22): at the largest text a
// 60-year-old reads 「截止 2026年11月26日」 at once, not 「截止 2026年11月26」 and then 「日」 below.
// The splitting lives in services/format (keepParts); this only draws the parts.
import { keepParts } from '../../services/format';

Component({
  properties: {
    /** The text to show; its dates, times and amounts are kept whole. */
    text: { type: String, value: '' },
  },
  data: { parts: [] as { text: string; keep: boolean }[] },
  observers: {
    text(text: string) {
      this.setData({ parts: keepParts(text) });
    },
  },
  lifetimes: {
    attached() {
      this.setData({ parts: keepParts(this.data.text) });
    },
  },
});
