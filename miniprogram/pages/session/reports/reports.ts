// 汇报情况: who has reported to the reviewer and who has not yet, with what they wrote. The nudge is the
// session card sent into the group again (reminders reach those who subscribed). Opens with one call:
// `report.status`.
import { call } from '../../../services/api';
import { textSize } from '../../../services/font';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { shareWithTicket } from '../../../services/group';
import { targetId } from '../../../core/contracts/review';

Component({
  data: {
    ...textSize(),
    id: '',
    failed: '',
    loaded: false,
    counts: { targets: 0, submitted: 0, drafts: 0 },
    deadline: '',
    reported: [] as Array<{ key: string; name: string; at: string; late: boolean; fulfilment: string; work: string; plans: string }>,
    notReported: [] as Array<{ key: string; name: string; draft: boolean }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      shareWithTicket();
      this.setData({ ...textSize(), id: query.id ?? '' });
      const reply = await call('report.status', { sessionId: this.data.id });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const v = reply.data;
      this.setData({
        loaded: true,
        counts: v.counts,
        deadline: v.reportDeadline ? cstDateLabel(v.reportDeadline) : '',
        reported: v.reported.map((r) => ({
          key: `${r.target.kind}-${targetId(r.target)}`,
          name: r.target.name,
          at: instantLabel(r.report?.submittedAt),
          late: Boolean(r.report?.late),
          fulfilment: r.report?.fulfilment ?? '',
          work: r.report?.work ?? '',
          plans: r.report?.plans ?? '',
        })),
        notReported: v.notReported.map((r) => ({ key: `${r.target.kind}-${targetId(r.target)}`, name: r.target.name, draft: r.status === 'DRAFT' })),
      });
    },
    onShow() {
      this.setData(textSize());
    },
    /** The nudge: the session card again, into the group, naming who has not reported. */
    onShareAppMessage() {
      const names = this.data.notReported.map((r) => r.name).join('、');
      return { title: `请${names}同志抓紧向点评人汇报`, path: `/pages/session/detail/detail?id=${encodeURIComponent(this.data.id)}` };
    },
  },
});
