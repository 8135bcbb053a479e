// 典型: the exemplary reviews within my scope (those published to me, and those of the orgs I lead), each
// opening in full. Opens with one call: `review.exemplary`.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { instantLabel } from '../../../services/format';

Component({
  behaviors: [pageBehavior],
  data: {
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    reviews: [] as Array<{ id: string; target: string; reviewer: string; at: string; note: string; achievements: string }>,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    onLoad() {
      return this.load(false);
    },
    /** Shown again (back from a review): reviews named 典型 meanwhile appear. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('review.exemplary', {}, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      this.setData({
        loaded: true,
        failed: '',
        reviews: reply.data.reviews.map((r) => ({ id: r.id, target: r.target.name, reviewer: r.reviewer.name, at: instantLabel(r.reviewedAt), note: r.exemplaryNote ?? '', achievements: r.achievements })),
      });
    },
    open(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      wx.navigateTo({ url: `/pages/review/detail/detail?id=${encodeURIComponent(id)}` });
    },
  },
});
