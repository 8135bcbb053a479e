// 汇报: the member (or a secretary for the branch) writes the report for a review session; drafts are kept
// on the server. Opens with one call: `session.get` (which brings my drafts). With `enter=1` the session's
// reviewer or organiser types in the report of a member marked 年老体弱 or 外出 (代为录入汇报, report.enter),
// starting from the member's commitments, and says how they heard it.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, loadFailure, type ActionOutput } from '../../../services/api';
import { cstDateLabel } from '../../../services/format';
import { REVIEW_MODE_LABELS, type TargetKind } from '../../../core/contracts/review';
import { REPORT_ENTRY_WAY_LABELS, type ReportEntryWay } from '../../../core/contracts/report';
import { reportPrefill } from '../../../core/domain/report-entry';

const WAYS = (Object.keys(REPORT_ENTRY_WAY_LABELS) as ReportEntryWay[]).map((value) => ({ value, label: REPORT_ENTRY_WAY_LABELS[value] }));

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
    /** 代为录入汇报: the secretary enters it for the member. */
    entering: false,
    mark: '',
    /** Whether the text was started from the member's commitments. */
    prefilled: false,
    ways: WAYS,
    way: '' as '' | ReportEntryWay,
    /** 「何平上门走访后代为录入」 on a report someone entered for the member. */
    enteredNote: '',
  },
  methods: {
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ sessionId: query.sessionId ?? '', target: { kind: (query.kind ?? 'MEMBER') as TargetKind, id: query.id ?? '' }, entering: query.enter === '1' });
      await this.load(false);
    },
    /**
     * Shown again (back from the chat the member copied from, the app reopened): while the member has typed
     * something unsaved, nothing is read, so no word is lost and the save stays checked against the version
     * they started from. Otherwise the report is read again (submitted from another phone, or by the secretary).
     */
    refresh() {
      // After an entry is saved the page shows what was sent; the entry itself is no longer offered.
      if (this.data.entering && this.data.status) return undefined;
      return this.data.dirty ? undefined : this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('session.get', { sessionId: this.data.sessionId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      if (this.data.entering) {
        this.showEntry(reply.data);
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
        enteredNote: report?.enteredBy ? `此汇报由${report.enteredBy.name}${report.way ? REPORT_ENTRY_WAY_LABELS[report.way] : ''}后代为录入` : '',
      });
    },
    /** 代为录入汇报: the member's commitments as the start, offered only while the server's rule allows it. */
    showEntry(v: ActionOutput<'session.get'>) {
      const wanted = this.data.target;
      const entry = (v.entries ?? []).find((e) => e.target.kind === wanted.kind && (e.target.personId ?? e.target.orgId) === wanted.id);
      if (!entry || !entry.canEnter) {
        this.setData({ loaded: false, failed: entry?.reported ? '这位同志的汇报已经提交，不需要再录入' : '只能为本次点评中年老体弱或外出的党员代为录入汇报' });
        return;
      }
      const commitments = (v.context ?? []).find((c) => c.target.kind === wanted.kind && (c.target.personId ?? c.target.orgId) === wanted.id)?.commitments ?? [];
      const prefill = reportPrefill(commitments);
      const s = v.session;
      this.setData({
        loaded: true,
        failed: '',
        dirty: false,
        reviewerName: s.reviewerName,
        targetName: entry.target.name,
        mark: entry.mark,
        modeLabel: REVIEW_MODE_LABELS[s.mode],
        dateLabel: cstDateLabel(s.date),
        deadlineLabel: cstDateLabel(s.reportDeadline),
        place: s.place,
        status: '',
        version: 0,
        fulfilment: this.data.fulfilment || prefill,
        prefilled: prefill !== '',
      });
    },
    onWay(e: WechatMiniprogram.TouchEvent) {
      this.setData({ way: (e.currentTarget.dataset as { way: ReportEntryWay }).way, 'errors.way': '', dirty: true });
    },
    async enter() {
      const { sessionId, target, fulfilment, work, plans, way } = this.data;
      if (!way) {
        this.setData({ errors: { way: '请选择是怎样听取汇报的' } });
        return;
      }
      this.setData({ busy: 'enter' });
      const reply = await call('report.enter', { sessionId, target, way, fulfilment, work, plans }, { intent: formsOf(this).of('enter'), loading: '提交中' });
      this.setData({ busy: '' });
      if (!reply.ok) {
        this.setData({ errors: fieldErrors(reply.error) });
        return;
      }
      formsOf(this).done('enter');
      this.setData({ status: reply.data.status, version: reply.data.version, held: reply.data.held, dirty: false, enteredNote: `已代${this.data.targetName}录入汇报（${REPORT_ENTRY_WAY_LABELS[way]}）` });
      wx.showToast({ title: '汇报已录入', icon: 'success' });
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
