// 上报记录: the reports submitted for this unit, newest first, each with its new and cumulative totals and
// a sheet to export. Opens with one call: `progress.history`.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { instantLabel } from '../../../services/format';

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    campaignId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    reports: [] as Array<{ id: string; at: string; since: string; fresh: string; cumulative: string; summary: string }>,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ orgId: query.orgId ?? '', campaignId: query.campaignId ?? '' });
      await this.load(false);
    },
    /** Shown again: a report submitted meanwhile (on 点评进度) is listed. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('progress.history', { orgId: this.data.orgId, campaignId: this.data.campaignId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const text = (c: { leaders: number; orgs: number; members: number }) => `领导${c.leaders}、党组织${c.orgs}、党员${c.members}`;
      this.setData({
        loaded: true,
        failed: '',
        reports: reply.data.reports.map((r) => {
          const total = r.rows.find((row) => row.depth === 0) ?? r.rows[0];
          return { id: r.id, at: instantLabel(r.asOf), since: r.previousAsOf ? `自${instantLabel(r.previousAsOf)}以来` : '首次上报', fresh: total ? text(total.newlyCompleted) : '', cumulative: total ? text(total.cumulative) : '', summary: r.writtenSummary ?? '' };
        }),
      });
    },
    exportReport(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      return exportAndOpen('progress.sheet', { orgId: this.data.orgId, campaignId: this.data.campaignId, reportId: id });
    },
  },
});
