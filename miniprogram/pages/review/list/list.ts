// 我收到的点评: every review I (or the branch I lead) received, newest first, each with its rectification
// when it opened one. Opens with one call: `review.received`.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { instantLabel } from '../../../services/format';
import { REVIEW_MODE_LABELS } from '../../../core/contracts/review';
import { RECTIFICATION_TARGET_WORDS, rectificationOnReview } from '../../../core/domain/workflow';

interface Row {
  id: string;
  title: string;
  sub: string;
  url: string;
  rectify: boolean;
  /** The rectification's word as the machine stands (需整改 … 已整改), and whether it is done. */
  rectWord: string;
  rectDone: boolean;
  exemplary: boolean;
}

Component({
  behaviors: [pageBehavior],
  data: { loaded: false, failed: '', canRetry: false, reviews: [] as Row[] },
  methods: {
    retry() {
      return this.load(true);
    },
    onLoad() {
      return this.load(true);
    },
    /** Shown again: reviews published meanwhile appear. */
    refresh() {
      return this.load(false);
    },
    onPullDownRefresh() {
      return this.load(false).then(() => wx.stopPullDownRefresh());
    },
    async load(showLoading: boolean) {
      const reply = await call('review.received', {}, { loading: showLoading ? '加载中' : false });
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (showLoading || !this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const reviews = reply.data.reviews.map((r) => {
        const rect = r.rectificationId;
        // The list is the target's own: its words are what the target reads (需整改 until 已整改).
        const state = r.rectificationStatus ? rectificationOnReview(r.rectificationStatus, ['TARGET']) : null;
        return {
          id: r.id,
          title: `${r.reviewer.name}对${r.target.name}的${REVIEW_MODE_LABELS[r.mode]}`,
          sub: `${instantLabel(r.reviewedAt)}${r.place ? ` · ${r.place}` : ''}`,
          url: `/pages/review/detail/detail?id=${encodeURIComponent(r.id)}${rect ? `&rect=${encodeURIComponent(rect)}` : ''}`,
          rectify: r.rectification.required,
          rectWord: state?.word ?? RECTIFICATION_TARGET_WORDS.REQUIRED,
          rectDone: state?.done ?? false,
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
