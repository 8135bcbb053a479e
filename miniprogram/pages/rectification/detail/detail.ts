// 整改: the target drafts measures, carries them out and replies in writing; the reviewer confirms or sends
// it back with words that are shown here. Opens with one call: `rectification.get`.
import { call, fieldErrors, type ActionOutput } from '../../../services/api';
import { textSize } from '../../../services/font';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { askReminders } from '../../../services/reminders';
import { intents } from '../../../services/submit';
import { RECTIFICATION_DISPLAY_LABELS } from '../../../core/domain/workflow';

type View = ActionOutput<'rectification.get'>['rectification'];

const EVENT_LABELS: Record<string, string> = {
  PLAN: '制定整改措施',
  REPLY: '书面回复点评人',
  CONFIRM: '点评人确认整改',
  SEND_BACK: '点评人退回修改',
  IMPOSE_DEADLINE: '责令限期整改',
};

const forms = intents();

Component({
  data: {
    ...textSize(),
    id: '',
    r: null as View | null,
    failed: '',
    statusLabel: '',
    statusTheme: 'warning',
    overdue: false,
    deadline: '',
    confirmedAt: '',
    sentBack: '',
    canPlan: false,
    canReply: false,
    remindAsked: false,
    plan: '',
    reply: '',
    errors: {} as Record<string, string>,
    busy: '',
    history: [] as Array<{ label: string; at: string; reason: string }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ ...textSize(), id: query.id ?? '' });
      const reply = await call('rectification.get', { rectificationId: query.id ?? '' });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      this.show(reply.data.rectification, true);
    },
    show(r: View, fillDrafts: boolean) {
      const last = r.history[r.history.length - 1];
      const sentBack = r.status === 'PLANNED' && last?.event === 'SEND_BACK' ? (last.reason ?? '') : '';
      const overdue = r.displayStatus === 'OVERDUE';
      this.setData({
        r,
        statusLabel: sentBack ? '退回修改' : RECTIFICATION_DISPLAY_LABELS[r.displayStatus],
        statusTheme: r.status === 'CONFIRMED' ? 'success' : overdue || sentBack ? 'danger' : 'warning',
        overdue,
        deadline: cstDateLabel(r.deadline),
        confirmedAt: instantLabel(r.confirmedAt),
        sentBack,
        canPlan: r.status === 'REQUIRED' || r.status === 'PLANNED',
        canReply: r.status === 'PLANNED',
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
    async act(form: 'plan' | 'reply', payload: { event: 'PLAN'; rectificationId: string; version: number; plan: string } | { event: 'REPLY'; rectificationId: string; version: number; reply: string }) {
      this.setData({ busy: form });
      const result = await call('rectification.act', payload, { intent: forms.of(form), loading: '提交中' });
      this.setData({ busy: '' });
      if (!result.ok) {
        // The draft stays in the text box whatever went wrong; only field errors are added.
        this.setData({ errors: fieldErrors(result.error) });
        return;
      }
      forms.done(form);
      wx.showToast({ title: form === 'plan' ? '整改措施已保存' : '书面回复已提交', icon: 'success' });
      // Keep what the member typed; the rest of the screen follows the server's new state.
      const fresh = await call('rectification.get', { rectificationId: this.data.id });
      if (fresh.ok) this.show(fresh.data.rectification, false);
    },
  },
});
