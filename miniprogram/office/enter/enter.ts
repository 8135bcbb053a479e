// 代录入点评 (活动办公室): for the org chosen on the office console, the reviewers who still owe reviews from
// it this period, each with whom they owe; a tap opens 发起点评 with the org and that reviewer chosen, so the
// office enters, for a leader who is not on the app, the review given at the meeting (录入人: the office).
// Opens with one call: `requirement.list` (the org's open requirements, each with its reviewer).
import { pageBehavior } from '../../behaviors/page';
import { call, loadFailure } from '../../services/api';

interface Owing {
  reviewerId: string;
  name: string;
  /** Whom they owe, each once (a person owed under two duties is one name). */
  targets: string;
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    orgName: '',
    campaignId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    owing: [] as Owing[],
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ orgId: query.orgId ?? '', orgName: query.orgName ?? '', campaignId: query.campaignId ?? '' });
      await this.load(false);
    },
    /** Shown again (back from a session started): those it took are no longer owed. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const d = this.data;
      const reply = await call('requirement.list', { campaignId: d.campaignId, orgId: d.orgId, state: 'OPEN', limit: 100 }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        if (!quiet) this.setData({ ...loadFailure(reply.error), loaded: true });
        return;
      }
      // Owed from this org (not from an org above that counts its targets here), not already in a session.
      const open = reply.data.requirements.filter((r) => r.fromOrgId === d.orgId && r.reviewer && !r.inSession);
      const byReviewer = new Map<string, Owing & { names: string[] }>();
      for (const r of open) {
        const id = r.reviewer?.id ?? '';
        const got = byReviewer.get(id) ?? { reviewerId: id, name: r.reviewer?.name ?? '', targets: '', names: [] };
        if (!got.names.includes(r.targetName)) got.names.push(r.targetName);
        byReviewer.set(id, got);
      }
      const owing = [...byReviewer.values()].map(({ names, ...o }) => ({ ...o, targets: names.join('、') }));
      this.setData({ loaded: true, failed: '', owing });
    },
    /** 发起点评 for this org with the reviewer chosen; the office enters their reviews (代…录入). */
    open(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const d = this.data;
      wx.navigateTo({
        url: `/pages/session/start/start?office=1&orgId=${encodeURIComponent(d.orgId)}&orgName=${encodeURIComponent(d.orgName)}&campaignId=${encodeURIComponent(d.campaignId)}&reviewerId=${encodeURIComponent(id)}`,
      });
    },
  },
});
