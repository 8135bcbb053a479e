// 点评进度 in the seed-003 table: for each unit, who should take part (领导, 党组织, 党员), what is new since
// the last report, and the cumulative figures. A unit with units below opens a level down; 本次上报 asks
// first, then moves the new completions into cumulative. On a phone the table scrolls sideways with the
// unit column frozen; on PC WeChat it takes the width. Opens with one call: `progress.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, type ActionOutput } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { instantLabel } from '../../../services/format';
import { unitOf } from '../../../services/identity';
import { confirm } from '../../../services/confirm';

type Progress = ActionOutput<'progress.get'>;
type Counts = Progress['rows'][number]['required'];
const KEYS: Array<keyof Counts> = ['leaders', 'orgs', 'members'];

interface Row {
  orgId: string;
  name: string;
  total: boolean;
  drill: boolean;
  cells: number[];
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    campaignId: '',
    failed: '',
    loaded: false,
    title: '',
    campaignName: '',
    asOf: '',
    lastReport: '',
    stale: '',
    rows: [] as Row[],
    canDrill: false,
    busy: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // Upper secretaries look at the unit they lead; anyone else at their own org.
      const { orgId, campaignId } = await unitOf(query);
      this.setData({ orgId, campaignId });
      await this.load();
    },
    /** Shown again (back from a level down, 谁该点评谁, or the reviews themselves): the figures as they are now. */
    refresh() {
      return this.load(true);
    },
    async load(quiet = false) {
      const reply = await call('progress.get', { orgId: this.data.orgId, campaignId: this.data.campaignId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!quiet || !this.data.loaded) this.setData({ failed: reply.error.message });
        return;
      }
      const p = reply.data;
      this.setData({
        loaded: true,
        failed: '',
        title: p.org.name,
        campaignName: p.campaign.name,
        asOf: instantLabel(p.asOf),
        lastReport: p.lastReport ? instantLabel(p.lastReport.asOf) : '',
        stale: p.staleReasons.map((r) => r.message).join('；'),
        canDrill: p.rows.some((r) => r.depth > 0 && r.hasChildren),
        rows: p.rows.map((r) => ({
          orgId: r.orgId,
          name: r.depth === 0 ? `${r.name}（合计）` : r.name,
          total: r.depth === 0,
          drill: r.depth > 0 && r.hasChildren,
          cells: [...KEYS.map((k) => r.required[k]), ...KEYS.map((k) => r.newlyCompleted[k]), ...KEYS.map((k) => r.cumulative[k])],
        })),
      });
    },
    drill(e: WechatMiniprogram.TouchEvent) {
      const { org, drill } = e.currentTarget.dataset as { org: string; drill: boolean };
      if (drill) wx.navigateTo({ url: `/pages/progress/index/index?orgId=${encodeURIComponent(org)}&campaignId=${encodeURIComponent(this.data.campaignId)}` });
    },
    async submit() {
      if (await confirm('本次上报', '上报后，表中“本次新增”的数字计入“累计”，下次上报从现在起算。确认上报？', '确认上报')) await this.doSubmit();
    },
    async doSubmit() {
      this.setData({ busy: 'submit' });
      const reply = await call('progress.submit', { orgId: this.data.orgId, campaignId: this.data.campaignId }, { intent: formsOf(this).of('submit'), loading: '上报中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('submit');
      wx.showToast({ title: '已上报', icon: 'success' });
      await this.load();
    },
    /** 谁该点评谁, or only the gaps (state=GAP), for this unit. */
    toRequirements(e: WechatMiniprogram.TouchEvent) {
      const state = (e.currentTarget.dataset as { state?: string }).state ?? '';
      wx.navigateTo({ url: `/pages/requirement/list/list?orgId=${encodeURIComponent(this.data.orgId)}&campaignId=${encodeURIComponent(this.data.campaignId)}${state ? `&state=${state}` : ''}` });
    },
    toHistory() {
      wx.navigateTo({ url: `/pages/progress/history/history?orgId=${encodeURIComponent(this.data.orgId)}&campaignId=${encodeURIComponent(this.data.campaignId)}` });
    },
    async exportSheet() {
      this.setData({ busy: 'export' });
      await exportAndOpen('progress.sheet', { orgId: this.data.orgId, campaignId: this.data.campaignId });
      this.setData({ busy: '' });
    },
  },
});
