// 点评进度 as a dashboard (issue 21): a summary read in two seconds (领导 / 党组织 / 党员 done of required,
// 缺口, days to the next report deadline), one row per unit with 本级 as its own row so the rows add up to
// the 合计, the gaps by reason with who must act, the review-quality counts, and coverage over time. The
// primary action reminds those behind; 本次上报 is a separate step that first shows the seed-003 table to
// be reported (the table is also what 导出进度表 writes). Opens with one call: `progress.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { dashboardOf, daysToNextDeadline, qualityLines, type Bar, type DashboardRow, type GapReason } from '../../../core/domain/dashboard';
import { addCstDays, cstDateOf } from '../../../core/domain/cst';
import { cycleLabel } from '../../../core/domain/forms';
import { call, loadFailure, type ActionOutput } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { unitOf } from '../../../services/identity';

type Progress = ActionOutput<'progress.get'>;
type Counts = Progress['rows'][number]['required'];
const KEYS: Array<keyof Counts> = ['leaders', 'orgs', 'members'];

/** One row of the seed-003 table shown before 本次上报. */
interface TableRow {
  orgId: string;
  name: string;
  total: boolean;
  cells: number[];
}

/** A lower unit's 评定 [003] for the round, as the upper unit reads and writes it. */
interface Assessment {
  orgId: string;
  name: string;
  text: string;
}

/** A lower unit as the 薄弱单位 section shows it [001]: its mark (null when not weak) in the core's words. */
interface WeakUnit {
  orgId: string;
  name: string;
  weak: { label: string; note: string; owed: boolean } | null;
}

/** The 具体方案 this unit asked of its lower units: deadline, tally and each unit's state. */
interface HandInView {
  asked: boolean;
  deadline: string;
  deadlineDate: string;
  note: string;
  handedIn: number;
  owed: number;
  units: Array<{ orgId: string; name: string; label: string; open: boolean }>;
}

/** The deadline offered when asking for plans: two weeks on, changeable. */
const ASK_DAYS = 14;

/** One column of the coverage chart. */
interface Column {
  key: string;
  percent: number;
  label: string;
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    campaignId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    title: '',
    campaignName: '',
    asOf: '',
    lastReport: '',
    stale: '',
    updating: '',
    total: [] as Bar[],
    gaps: 0,
    deadline: '',
    units: [] as DashboardRow[],
    gapReasons: [] as GapReason[],
    quality: [] as string[],
    chart: [] as Column[],
    rows: [] as TableRow[],
    previewing: false,
    busy: '',
    /** 评定 [003]: the round they are for, whether the caller may write them, each lower unit's, the one being written. */
    assessCycle: '',
    canAssess: false,
    assessments: [] as Assessment[],
    editing: '',
    draft: '',
    /** 薄弱单位 [001]: each lower unit's mark, whether the caller may mark (canAssess) or record taking part (canAttend). */
    weakUnits: [] as WeakUnit[],
    canAttend: false,
    /** The unit whose form is open, and which: MARK (标为薄弱, with why) or ATTEND (登记亲自参加, day and how). */
    weakEditing: '',
    weakForm: '' as '' | 'MARK' | 'ATTEND',
    weakNote: '',
    weakDate: '',
    today: '',
    /** 下级具体方案: what was asked and who handed in; asking (the deadline and note being set). */
    handIn: { asked: false, deadline: '', deadlineDate: '', note: '', handedIn: 0, owed: 0, units: [] } as HandInView,
    canAskHandIn: false,
    asking: false,
    askDeadline: '',
    askDeadlineLabel: '',
    askNote: '',
    summaryDraft: '',
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      // Upper secretaries look at the unit they lead, the office at the whole tree; anyone else at their own org.
      const { orgId, campaignId } = await unitOf(query);
      this.setData({ orgId, campaignId });
      await this.load();
    },
    /** Shown again (back from a level down, the gaps, the reviews themselves): the figures as they are now. */
    refresh() {
      return this.load(true);
    },
    async load(quiet = false) {
      const reply = await call('progress.get', { orgId: this.data.orgId, campaignId: this.data.campaignId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!quiet || !this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const p = reply.data;
      const board = dashboardOf(p.rows);
      const next = daysToNextDeadline(cstDateOf(p.asOf), p.reportDeadlines);
      this.setData({
        loaded: true,
        failed: '',
        title: p.org.name,
        campaignName: p.campaign.name,
        asOf: instantLabel(p.asOf),
        lastReport: p.lastReport ? instantLabel(p.lastReport.asOf) : '',
        stale: p.staleReasons.map((r) => r.message).join('；'),
        updating: p.stale ? (p.updating?.message ?? '正在更新') : '',
        total: board.total,
        gaps: board.gaps,
        deadline: next ? (next.days === 0 ? `今天（${cstDateLabel(next.date)}）是进度上报截止日` : `距进度上报截止还有${next.days}天（${cstDateLabel(next.date)}）`) : '',
        units: board.rows,
        gapReasons: board.gapReasons,
        quality: qualityLines(p.rows[0]?.quality),
        chart: p.history.slice(-6).map((h, i) => ({ key: `${i}`, percent: h.percent, label: i === Math.min(p.history.length, 6) - 1 ? '现在' : cstDateLabel(cstDateOf(h.asOf)).replace(/^\d+年/, '') })),
        assessCycle: p.assessing ? cycleLabel(p.assessing.cycleKey) : '',
        canAssess: p.assessing?.canAssess ?? false,
        assessments: p.rows.filter((r) => r.depth === 1).map((r) => ({ orgId: r.orgId, name: r.name, text: r.assessment?.text ?? '' })),
        canAttend: p.assessing?.canAttend ?? false,
        today: cstDateOf(p.asOf),
        weakUnits: p.rows
          .filter((r) => r.depth === 1)
          .map((r) => ({ orgId: r.orgId, name: r.name, weak: r.weak ? { label: r.weak.label, note: r.weak.note, owed: r.weak.owed } : null })),
        handIn: {
          asked: p.handInCall !== null,
          deadline: p.handInCall ? cstDateLabel(p.handInCall.deadline) : '',
          deadlineDate: p.handInCall?.deadline ?? '',
          note: p.handInCall?.note ?? '',
          handedIn: p.handInCall?.handedIn ?? 0,
          owed: p.handInCall?.owed ?? 0,
          units: p.rows.flatMap((r) => (r.depth === 1 && r.handIn ? [{ orgId: r.orgId, name: r.name, label: r.handIn.at !== null ? `${r.handIn.stateLabel}（${instantLabel(r.handIn.at)}）` : r.handIn.stateLabel, open: r.handIn.at !== null }] : [])),
        },
        canAskHandIn: p.canAskHandIn,
        rows: p.rows.map((r) => ({
          orgId: r.orgId,
          name: r.depth === 0 ? `${r.name}（合计）` : r.name,
          total: r.depth === 0,
          cells: [...KEYS.map((k) => r.required[k]), ...KEYS.map((k) => r.newlyCompleted[k]), ...KEYS.map((k) => r.cumulative[k])],
        })),
      });
    },
    drill(e: WechatMiniprogram.TouchEvent) {
      const { org, drill } = e.currentTarget.dataset as { org: string; drill: boolean };
      if (drill) wx.navigateTo({ url: `/pages/progress/index/index?orgId=${encodeURIComponent(org)}&campaignId=${encodeURIComponent(this.data.campaignId)}` });
    },
    /** 提醒未完成的: the reviewers behind in this unit and below are reminded (at most once a day each). */
    async remind() {
      this.setData({ busy: 'remind' });
      const reply = await call('progress.nudge', { orgId: this.data.orgId, campaignId: this.data.campaignId }, { intent: formsOf(this).of('remind'), loading: '提醒中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('remind');
      wx.showModal({ title: '提醒未完成的', content: reply.data.message, showCancel: false, confirmText: '知道了' });
    },
    /** 写评定: opens the box under that unit with its current 评定 to change. */
    startAssess(e: WechatMiniprogram.TouchEvent) {
      const { org } = e.currentTarget.dataset as { org: string };
      this.setData({ editing: org, draft: this.data.assessments.find((a) => a.orgId === org)?.text ?? '' });
    },
    onAssessInput(e: WechatMiniprogram.Input) {
      this.setData({ draft: e.detail.value });
    },
    /** 保存评定: words only; the api refuses scores and rankings and says so. */
    async saveAssess() {
      this.setData({ busy: 'assess' });
      const reply = await call('progress.assess', { orgId: this.data.editing, campaignId: this.data.campaignId, text: this.data.draft }, { intent: formsOf(this).of('assess'), loading: '保存中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('assess');
      this.setData({ editing: '', draft: '', assessments: this.data.assessments.map((a) => (a.orgId === reply.data.orgId ? { ...a, text: reply.data.text } : a)) });
      wx.showToast({ title: '评定已保存', icon: 'success' });
    },
    /** 标为薄弱单位 or 登记亲自参加: opens that unit's form (the day defaults to today). */
    openWeak(e: WechatMiniprogram.TouchEvent) {
      const { org, form } = e.currentTarget.dataset as { org: string; form: 'MARK' | 'ATTEND' };
      this.setData({ weakEditing: org, weakForm: form, weakNote: '', weakDate: this.data.today });
    },
    closeWeak() {
      this.setData({ weakEditing: '', weakForm: '' });
    },
    onWeakNote(e: WechatMiniprogram.Input) {
      this.setData({ weakNote: e.detail.value });
    },
    onWeakDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ weakDate: String(e.detail.value) });
    },
    /** 确认标为薄弱 / 保存 (亲自参加): sent, then the rows read again so the mark shows as the core words it. */
    async saveWeak() {
      const { weakEditing: orgId, weakForm, campaignId, weakNote, weakDate } = this.data;
      this.setData({ busy: 'weak' });
      const reply =
        weakForm === 'MARK'
          ? await call('progress.markWeak', { orgId, campaignId, weak: true, note: weakNote }, { intent: formsOf(this).of('weak'), loading: '保存中' })
          : await call('progress.attend', { orgId, campaignId, date: weakDate, note: weakNote }, { intent: formsOf(this).of('weak'), loading: '保存中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('weak');
      this.setData({ weakEditing: '', weakForm: '' });
      wx.showToast({ title: weakForm === 'MARK' ? '已标为薄弱单位' : '已登记', icon: 'success' });
      await this.load(true);
      // The form closed above it: bring the unit back into view so its new words are what the person sees.
      wx.pageScrollTo({ selector: `#weak-${orgId}`, duration: 200 });
    },
    /** 取消薄弱标记: asked first, as its record of taking part goes with it. */
    async liftWeak(e: WechatMiniprogram.TouchEvent) {
      const { org } = e.currentTarget.dataset as { org: string };
      const sure = await new Promise<boolean>((resolve) =>
        wx.showModal({ title: '取消薄弱标记', content: '取消后，这个单位不再要求上级党组织书记亲自参加点评，已登记的参加情况一并清除。', confirmText: '取消标记', cancelText: '不取消', success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
      );
      if (!sure) return;
      this.setData({ busy: 'weak' });
      const reply = await call('progress.markWeak', { orgId: org, campaignId: this.data.campaignId, weak: false }, { intent: formsOf(this).of('lift'), loading: '保存中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('lift');
      await this.load(true);
    },
    /** 要求上交具体方案: the deadline (the one set, or two weeks on) and a note, then 发出要求. */
    startAsk() {
      const deadline = this.data.handIn.deadlineDate || addCstDays(this.data.today, ASK_DAYS);
      this.setData({ asking: true, askDeadline: deadline, askDeadlineLabel: cstDateLabel(deadline), askNote: this.data.handIn.note });
    },
    onAskDeadline(e: WechatMiniprogram.PickerChange) {
      const value = String(e.detail.value);
      this.setData({ askDeadline: value, askDeadlineLabel: cstDateLabel(value) });
    },
    onAskNote(e: WechatMiniprogram.Input) {
      this.setData({ askNote: e.detail.value });
    },
    async saveAsk() {
      this.setData({ busy: 'ask' });
      const reply = await call('handin.ask', { orgId: this.data.orgId, campaignId: this.data.campaignId, deadline: this.data.askDeadline, note: this.data.askNote }, { intent: formsOf(this).of('ask'), loading: '发出中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('ask');
      this.setData({ asking: false });
      wx.showToast({ title: `已要求${reply.data.lowerUnits}个单位上交`, icon: 'success' });
      await this.load(true);
    },
    /** A unit that handed in: open its plan. */
    openHandIn(e: WechatMiniprogram.TouchEvent) {
      const { org, open } = e.currentTarget.dataset as { org: string; open: boolean };
      if (open) wx.navigateTo({ url: `/pages/progress/handin/handin?orgId=${encodeURIComponent(org)}&campaignId=${encodeURIComponent(this.data.campaignId)}` });
    },
    onSummaryInput(e: WechatMiniprogram.Input) {
      this.setData({ summaryDraft: e.detail.value });
    },
    /** 本次上报, step one: show the figures that would be reported (refused on screen while the plan is updating). */
    submit() {
      if (this.data.updating) return;
      this.setData({ previewing: true });
      wx.pageScrollTo({ selector: '#preview', duration: 200 });
    },
    cancelSubmit() {
      this.setData({ previewing: false });
    },
    async doSubmit() {
      this.setData({ busy: 'submit' });
      const summary = this.data.summaryDraft.trim();
      const reply = await call('progress.submit', { orgId: this.data.orgId, campaignId: this.data.campaignId, ...(summary ? { writtenSummary: summary } : {}) }, { intent: formsOf(this).of('submit'), loading: '上报中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('submit');
      // The table stays open: it now shows the report as made (本次新增 back to 0, all of it in 累计).
      this.setData({ summaryDraft: '' });
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
