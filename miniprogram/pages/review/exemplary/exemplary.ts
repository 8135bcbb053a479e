// 典型: the exemplary reviews within my scope (those published to me, and those of the orgs I lead), each
// opening in full. Opens with one call: `review.exemplary`.
import { call } from '../../../services/api';
import { textSize } from '../../../services/font';
import { instantLabel } from '../../../services/format';

Component({
  data: {
    ...textSize(),
    failed: '',
    loaded: false,
    reviews: [] as Array<{ id: string; target: string; reviewer: string; at: string; note: string; achievements: string }>,
  },
  methods: {
    async onLoad() {
      this.setData(textSize());
      const reply = await call('review.exemplary', {});
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      this.setData({
        loaded: true,
        reviews: reply.data.reviews.map((r) => ({ id: r.id, target: r.target.name, reviewer: r.reviewer.name, at: instantLabel(r.reviewedAt), note: r.exemplaryNote ?? '', achievements: r.achievements })),
      });
    },
    onShow() {
      this.setData(textSize());
    },
    open(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      wx.navigateTo({ url: `/pages/review/detail/detail?id=${encodeURIComponent(id)}` });
    },
  },
});
