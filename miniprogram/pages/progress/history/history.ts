// 上报记录: the reports submitted for this unit, newest first, each with its new and cumulative totals and
// a sheet to export. Opens with one call: `progress.history`.
import { call } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { textSize } from '../../../services/font';
import { instantLabel } from '../../../services/format';

Component({
  data: {
    ...textSize(),
    orgId: '',
    campaignId: '',
    failed: '',
    loaded: false,
    reports: [] as Array<{ id: string; at: string; since: string; fresh: string; cumulative: string }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ ...textSize(), orgId: query.orgId ?? '', campaignId: query.campaignId ?? '' });
      const reply = await call('progress.history', { orgId: this.data.orgId, campaignId: this.data.campaignId });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const text = (c: { leaders: number; orgs: number; members: number }) => `领导${c.leaders}、党组织${c.orgs}、党员${c.members}`;
      this.setData({
        loaded: true,
        reports: reply.data.reports.map((r) => {
          const total = r.rows.find((row) => row.depth === 0) ?? r.rows[0];
          return { id: r.id, at: instantLabel(r.asOf), since: r.previousAsOf ? `自${instantLabel(r.previousAsOf)}以来` : '首次上报', fresh: total ? text(total.newlyCompleted) : '', cumulative: total ? text(total.cumulative) : '' };
        }),
      });
    },
    onShow() {
      this.setData(textSize());
    },
    exportReport(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      return exportAndOpen('progress.sheet', { orgId: this.data.orgId, campaignId: this.data.campaignId, reportId: id });
    },
  },
});
