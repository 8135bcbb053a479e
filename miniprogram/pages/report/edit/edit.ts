// 汇报: the member (or a secretary for the branch) writes the report for a review session; drafts are kept
// on the server. Opens with one call: `session.get` (which brings my drafts).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, loadFailure } from '../../../services/api';
import { cstDateLabel } from '../../../services/format';
import { REVIEW_MODE_LABELS, type TargetKind } from '../../../core/contracts/review';

type Field = 'fulfilment' | 'work' | 'plans';

Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    canRetry: false,
    sessionId: '',
    target: { kind: 'MEMBER' as TargetKind, id: '' },
    reviewerName: '',
    targetName: '',
    modeLabel: '',
    dateLabel: '',
    deadlineLabel: '',
    place: '',
    status: '' as '' | 'DRAFT' | 'SUBMITTED',
    held: false,
    version: 0,
    fulfilment: '',
    work: '',
    plans: '',
    errors: {} as Record<string, string>,
    busy: '',
    /** Typed since the report was last read or saved: a re-show must not replace it. */
    dirty: false,
  },
  methods: {
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ sessionId: query.sessionId ?? '', target: { kind: (query.kind ?? 'MEMBER') as TargetKind, id: query.id ?? '' } });
      await this.load(false);
    },
    /**
     * Shown again (back from the chat the member copied from, the app reopened): while the member has typed
     * something unsaved, nothing is read, so no word is lost and the save stays checked against the version
     * they started from. Otherwise the report is read again (submitted from another phone, or by the secretary).
     */
    refresh() {
      return this.data.dirty ? undefined : this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('session.get', { sessionId: this.data.sessionId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const { session, me } = reply.data;
      const wanted = this.data.target;
      const target = me.targets.find((t) => (t.personId ?? t.orgId) === wanted.id && t.kind === wanted.kind) ?? me.targets[0];
      if (!target) {
        this.setData({ loaded: false, failed: '您不是这次点评的对象，不需要汇报' });
        return;
      }
      const targetId = target.personId ?? target.orgId;
      const report = me.reports.find((r) => r.target.kind === target.kind && (r.target.personId ?? r.target.orgId) === targetId);
      this.setData({
        loaded: true,
        failed: '',
        dirty: false,
        target: { kind: target.kind, id: targetId },
        reviewerName: session.reviewerName,
        targetName: target.name,
        modeLabel: REVIEW_MODE_LABELS[session.mode],
        dateLabel: cstDateLabel(session.date),
        deadlineLabel: cstDateLabel(session.reportDeadline),
        place: session.place,
        status: report?.status ?? '',
        version: report?.version ?? 0,
        fulfilment: report?.fulfilment ?? '',
        work: report?.work ?? '',
        plans: report?.plans ?? '',
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: Field }).field;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', dirty: true });
    },
    saveDraft() {
      return this.save(false);
    },
    submit() {
      const { fulfilment, work, plans } = this.data;
      // A report with nothing in it is not worth sending: say so before calling.
      if (![fulfilment, work, plans].some((t) => t.trim())) {
        this.setData({ errors: { fulfilment: '请至少填写一项内容再提交' } });
        return Promise.resolve();
      }
      return this.save(true);
    },
    async save(submit: boolean) {
      const form = submit ? 'submit' : 'draft';
      const { sessionId, target, fulfilment, work, plans, version } = this.data;
      this.setData({ busy: form });
      const reply = await call(
        'report.save',
        { sessionId, target, fulfilment, work, plans, submit, ...(version ? { version } : {}) },
        { intent: formsOf(this).of(form), loading: '提交中' },
      );
      this.setData({ busy: '' });
      if (!reply.ok) {
        this.setData({ errors: fieldErrors(reply.error) });
        return;
      }
      formsOf(this).done(form);
      this.setData({ status: reply.data.status, version: reply.data.version, held: reply.data.held, dirty: false });
      wx.showToast({ title: submit ? '汇报已提交' : '草稿已保存', icon: 'success' });
    },
  },
});
