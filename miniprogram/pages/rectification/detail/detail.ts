// 整改: the target drafts measures, carries them out and replies in writing; the reviewer reads the reply
// here and confirms it, sends it back with words, or imposes a deadline (限期整改).
// Opens with one call: `rectification.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, type ActionInput, type ActionOutput, loadFailure } from '../../../services/api';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { askReminders } from '../../../services/reminders';
import { availableEvents, isFinal, RECTIFICATION_DISPLAY_LABELS, RECTIFICATION_MACHINE, type EntityRole } from '../../../core/domain/workflow';

type View = ActionOutput<'rectification.get'>['rectification'];

const EVENT_LABELS: Record<string, string> = {
  PLAN: '制定整改措施',
  REPLY: '书面回复点评人',
  CONFIRM: '点评人确认整改',
  SEND_BACK: '点评人退回修改',
  IMPOSE_DEADLINE: '责令限期整改',
};

const DONE = { plan: '整改措施已保存', reply: '书面回复已提交', confirm: '已确认整改', sendBack: '已退回修改', impose: '已责令限期整改' };

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    r: null as View | null,
    failed: '',
    canRetry: false,
    statusLabel: '',
    statusTheme: 'warning',
    overdue: false,
    deadline: '',
    confirmedAt: '',
    sentBack: '',
    canPlan: false,
    canReply: false,
    canJudge: false,
    canSendBack: false,
    canImpose: false,
    remindAsked: false,
    plan: '',
    reply: '',
    reason: '',
    imposeDate: '',
    roles: [] as EntityRole[],
    errors: {} as Record<string, string>,
    busy: '',
    history: [] as Array<{ label: string; at: string; reason: string }>,
  },
  methods: {
    retry() {
      return this.onLoad({ id: this.data.id });
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      const reply = await call('rectification.get', { rectificationId: this.data.id });
      if (!reply.ok) {
        this.setData(loadFailure(reply.error));
        return;
      }
      this.setData({ failed: '', roles: reply.data.roles });
      this.show(reply.data.rectification, true);
    },
    /**
     * Shown again: the other side may have acted (the reviewer sent it back or confirmed it, the member
     * replied), so the state, the buttons and the history follow the server. What the member typed stays:
     * the plan and reply boxes are filled from the server only while they still hold what it last sent.
     */
    async refresh() {
      const reply = await call('rectification.get', { rectificationId: this.data.id }, { loading: false });
      if (!reply.ok) return;
      const d = this.data;
      const untouched = !d.r || (d.plan === d.r.plan && d.reply === d.r.reply);
      this.setData({ failed: '', roles: reply.data.roles });
      this.show(reply.data.rectification, untouched);
    },
    show(r: View, fillDrafts: boolean) {
      // Every button is a step the machine grants this reader now (the server checks the same table).
      const events = availableEvents(RECTIFICATION_MACHINE, r.status, this.data.roles);
      const last = r.history[r.history.length - 1];
      // The last step taken says it was sent back (SEND_BACK leads to PLANNED, so the state need not be asked).
      const sentBack = last?.event === 'SEND_BACK' ? (last.reason ?? '') : '';
      const overdue = r.displayStatus === 'OVERDUE';
      this.setData({
        r,
        statusLabel: sentBack ? '退回修改' : RECTIFICATION_DISPLAY_LABELS[r.displayStatus],
        statusTheme: isFinal(RECTIFICATION_MACHINE, r.status) ? 'success' : overdue || sentBack ? 'danger' : 'warning',
        overdue,
        deadline: cstDateLabel(r.deadline),
        confirmedAt: instantLabel(r.confirmedAt),
        sentBack,
        canPlan: events.includes('PLAN'),
        canReply: events.includes('REPLY'),
        canJudge: events.includes('CONFIRM'),
        canSendBack: events.includes('SEND_BACK'),
        canImpose: events.includes('IMPOSE_DEADLINE'),
        history: r.history.map((h) => ({ label: EVENT_LABELS[h.event] ?? h.event, at: instantLabel(h.at), reason: h.reason ?? '' })),
        ...(fillDrafts ? { plan: r.plan, reply: r.reply } : {}),
      });
    },
    /** After being given a rectification: from this tap, ask for the deadline reminder. */
    async remindMe() {
      const state = await askReminders('RECTIFICATION_GIVEN');
      if (state) this.setData({ remindAsked: true });
    },
    onPlan(e: WechatMiniprogram.Input) {
      this.setData({ plan: e.detail.value, 'errors.plan': '' });
    },
    onReply(e: WechatMiniprogram.Input) {
      this.setData({ reply: e.detail.value, 'errors.reply': '' });
    },
    savePlan() {
      const r = this.data.r;
      if (!r) return Promise.resolve();
      return this.act('plan', { event: 'PLAN', rectificationId: r.id, version: r.version, plan: this.data.plan });
    },
    sendReply() {
      const r = this.data.r;
      if (!r) return Promise.resolve();
      return this.act('reply', { event: 'REPLY', rectificationId: r.id, version: r.version, reply: this.data.reply });
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    onImposeDate(e: WechatMiniprogram.Input) {
      this.setData({ imposeDate: e.detail.value, 'errors.deadline': '' });
    },
    confirm() {
      const r = this.data.r;
      if (!r) return Promise.resolve();
      return this.act('confirm', { event: 'CONFIRM', rectificationId: r.id, version: r.version });
    },
    sendBack() {
      const r = this.data.r;
      if (!r) return Promise.resolve();
      return this.act('sendBack', { event: 'SEND_BACK', rectificationId: r.id, version: r.version, reason: this.data.reason });
    },
    impose() {
      const r = this.data.r;
      if (!r) return Promise.resolve();
      return this.act('impose', { event: 'IMPOSE_DEADLINE', rectificationId: r.id, version: r.version, deadline: this.data.imposeDate, reason: this.data.reason });
    },
    async act(form: keyof typeof DONE, payload: ActionInput<'rectification.act'>) {
      this.setData({ busy: form });
      const result = await call('rectification.act', payload, { intent: formsOf(this).of(form), loading: '提交中' });
      this.setData({ busy: '' });
      if (!result.ok) {
        // The draft stays in the text box whatever went wrong; only field errors are added.
        this.setData({ errors: fieldErrors(result.error) });
        return;
      }
      formsOf(this).done(form);
      wx.showToast({ title: DONE[form], icon: 'success' });
      // Keep what the member typed; the rest of the screen follows the server's new state.
      const fresh = await call('rectification.get', { rectificationId: this.data.id });
      if (fresh.ok) this.show(fresh.data.rectification, false);
    },
  },
});
