// 汇报情况: who has reported to the reviewer and who has not yet, with what they wrote. Two nudges: 提醒未汇报的同志
// (the reviewer, organiser or office: `session.nudge`, after a confirmation; the remind timer sends each of
// them a reminder, or shows it on their 待办) and the session card sent into the group again. Opens with one
// call: `report.status`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { nudgeReplyText } from '../../../core/domain/reminders';
import { isDraft, REPORT_MACHINE } from '../../../core/domain/workflow';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { shareWithTicket } from '../../../services/group';
import { targetId } from '../../../core/contracts/review';
import { confirm } from '../../../services/confirm';


Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    counts: { targets: 0, submitted: 0, drafts: 0 },
    deadline: '',
    reported: [] as Array<{ key: string; name: string; at: string; late: boolean; entered: string; fulfilment: string; work: string; plans: string }>,
    notReported: [] as Array<{ key: string; name: string; draft: boolean }>,
    canNudge: false,
    nudging: false,
    /** What the last nudge said (also shown as a toast). */
    nudged: '',
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      shareWithTicket();
      this.setData({ id: query.id ?? '' });
      await this.load(false);
    },
    /** Shown again: reports submitted meanwhile move to 已汇报. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('report.status', { sessionId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const v = reply.data;
      this.setData({
        loaded: true,
        failed: '',
        counts: v.counts,
        canNudge: v.canNudge,
        deadline: v.reportDeadline ? cstDateLabel(v.reportDeadline) : '',
        reported: v.reported.map((r) => ({
          key: `${r.target.kind}-${targetId(r.target)}`,
          name: r.target.name,
          at: instantLabel(r.report?.submittedAt),
          late: Boolean(r.report?.late),
          entered: r.report?.entered ?? '',
          fulfilment: r.report?.fulfilment ?? '',
          work: r.report?.work ?? '',
          plans: r.report?.plans ?? '',
        })),
        notReported: v.notReported.map((r) => ({ key: `${r.target.kind}-${targetId(r.target)}`, name: r.target.name, draft: isDraft(REPORT_MACHINE, r.status) })),
      });
    },
    /** 提醒未汇报的同志: asks first, then records the nudge and says when the reminders go out. */
    async nudge() {
      const count = this.data.notReported.length;
      if (await confirm('提醒未汇报的同志', `将通过小程序消息提醒${count}位未汇报的同志（没有订阅消息的，在其待办中提醒），每人每天最多提醒一次。确认提醒？`, '确认提醒')) await this.doNudge();
    },
    async doNudge() {
      this.setData({ nudging: true });
      const reply = await call('session.nudge', { sessionId: this.data.id }, { intent: formsOf(this).of('nudge'), loading: '提交中' });
      this.setData({ nudging: false });
      if (!reply.ok) return;
      formsOf(this).done('nudge');
      const text = nudgeReplyText(reply.data);
      this.setData({ nudged: text });
      wx.showToast({ title: text, icon: 'none', duration: 3000 });
    },
    /** The nudge: the session card again, into the group, naming who has not reported. */
    onShareAppMessage() {
      const names = this.data.notReported.map((r) => r.name).join('、');
      return { title: `请${names}同志抓紧向点评人汇报`, path: `/pages/session/detail/detail?id=${encodeURIComponent(this.data.id)}` };
    },
  },
});
