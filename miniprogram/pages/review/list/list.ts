// 我收到的点评: the reviews I (or the branch I lead) received, newest first, as the server lists them on
// the home reply. Opens with one call: `home`.
import { call } from '../../../services/api';
import { textSize } from '../../../services/font';
import { instantLabel } from '../../../services/format';
import { REVIEW_MODE_LABELS } from '../../../core/contracts/review';

interface Row {
  id: string;
  title: string;
  sub: string;
  url: string;
  rectify: boolean;
  exemplary: boolean;
}

Component({
  data: { ...textSize(), loaded: false, failed: '', reviews: [] as Row[] },
  methods: {
    onLoad() {
      return this.load(true);
    },
    onShow() {
      this.setData(textSize());
    },
    onPullDownRefresh() {
      return this.load(false).then(() => wx.stopPullDownRefresh());
    },
    async load(showLoading: boolean) {
      const reply = await call('home', {}, { loading: showLoading ? '加载中' : false });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const rectOf = new Map(reply.data.rectificationsToDo.map((r) => [r.reviewId, r.id]));
      const reviews = reply.data.latestReviews.map((r) => {
        const rect = rectOf.get(r.id);
        return {
          id: r.id,
          title: `${r.reviewer.name}对${r.target.name}的${REVIEW_MODE_LABELS[r.mode]}`,
          sub: `${instantLabel(r.reviewedAt)}${r.place ? ` · ${r.place}` : ''}`,
          url: `/pages/review/detail/detail?id=${encodeURIComponent(r.id)}${rect ? `&rect=${encodeURIComponent(rect)}` : ''}`,
          rectify: r.rectification.required,
          exemplary: r.exemplary,
        };
      });
      this.setData({ loaded: true, failed: '', reviews });
    },
    go(e: WechatMiniprogram.TouchEvent) {
      const url = (e.currentTarget.dataset as { url?: string }).url;
      if (url) wx.navigateTo({ url });
    },
  },
});
