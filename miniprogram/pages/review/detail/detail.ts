// One review in full, exactly as the server returns it for this reader (the publication scope decides
// what is there). Opens with one call: `review.get`.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { markReviewOpened } from '../../../services/seen';
import { exportAndOpen } from '../../../services/files';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { MEETING_TYPE_LABELS, REVIEW_MODE_LABELS } from '../../../core/contracts/review';
import { defaultTemplate } from '../../../core/domain/templates';
import { rectificationOnReview } from '../../../core/domain/workflow';

interface Shown {
  targetName: string;
  reviewer: string;
  mode: string;
  place: string;
  time: string;
  exemplary: boolean;
  aspects: Array<{ key: string; title: string; text: string }>;
  achievements: string;
  problems: string;
  direction: string;
  rectify: boolean;
  requirement: string;
  imposed: boolean;
  deadline: string;
  /** The rectification as the machine stands: its word, and whether this reader has a step to take. */
  rectId: string;
  rectWord: string;
  rectDone: boolean;
  rectAct: boolean;
  rectButton: string;
}

Component({
  behaviors: [pageBehavior],
  data: { id: '', v: null as Shown | null, rect: '', failed: '', canRetry: false, exporting: false },
  methods: {
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '', rect: query.rect ?? '' });
      await this.load(false);
    },
    /** Back from its rectification or a form: the review as published now (典型, its rectification). */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('review.get', { reviewId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.v) this.setData(loadFailure(reply.error));
        return;
      }
      const r = reply.data.review;
      const rect = reply.data.rect;
      markReviewOpened(r.id);
      const state = rect ? rectificationOnReview(rect.status, rect.roles) : null;
      // Aspect titles come from the core's templates (every option on, so any key resolves).
      const titles = new Map(defaultTemplate(r.target.kind, { integrity: true, windowService: true }).aspects.map((a) => [a.key, a.title]));
      const mode = `${REVIEW_MODE_LABELS[r.mode]}${r.meetingType ? `（${MEETING_TYPE_LABELS[r.meetingType]}）` : ''}${r.topic ? `：${r.topic}` : ''}`;
      this.setData({
        failed: '',
        v: {
          targetName: r.target.name,
          reviewer: `${r.reviewer.name}${r.reviewer.unitAndPost ? `（${r.reviewer.unitAndPost}）` : ''}`,
          mode,
          place: r.place,
          time: instantLabel(r.reviewedAt),
          exemplary: r.exemplary,
          aspects: r.aspects.map((a) => ({ key: a.key, title: titles.get(a.key) ?? a.key, text: a.text })),
          achievements: r.achievements,
          problems: r.problems,
          direction: r.direction,
          rectify: r.rectification.required,
          requirement: r.rectification.requirement,
          imposed: r.rectification.imposed,
          deadline: cstDateLabel(r.rectification.deadline),
          rectId: rect?.id ?? '',
          rectWord: state?.word ?? '',
          rectDone: state?.done ?? false,
          rectAct: state?.act ?? false,
          rectButton: state?.button ?? '',
        },
      });
    },
    /** 导出登记表: the review's registration form, made in the cloud and opened to forward or print. */
    async exportForm() {
      this.setData({ exporting: true });
      await exportAndOpen('form.review', { reviewId: this.data.id });
      this.setData({ exporting: false });
    },
    toRect() {
      const id = this.data.v?.rectId || this.data.rect;
      if (id) wx.navigateTo({ url: `/pages/rectification/detail/detail?id=${encodeURIComponent(id)}` });
    },
  },
});
