// 待办 (home): everything the member must do now, each with its deadline and a tap to the exact screen.
// Opens with one call: `home`. Pull down to refresh.
import { pageBehavior } from '../../../behaviors/page';
import { call, type ActionOutput, loadFailure } from '../../../services/api';
import { askReminders } from '../../../services/reminders';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { openedReviews } from '../../../services/seen';
import { RECTIFICATION_DISPLAY_LABELS, REVIEW_MACHINE } from '../../../core/domain/workflow';
import { MEETING_TYPE_LABELS, REVIEW_MODE_LABELS } from '../../../core/contracts/review';
import { targetsByWho } from '../../../core/domain/session-stage';
import { commitmentState } from '../../../core/domain/commitment-state';
import { sessionStepUrl } from '../../../services/session-steps';

type Home = ActionOutput<'home'>;

/** The 承诺 tab: opened with switchTab, as a tab page must be. */
const COMMITMENT_TAB = '/pages/commitment/index/index';

interface TodoItem {
  key: string;
  title: string;
  sub: string;
  url: string;
  tag: string;
  tagTheme: 'danger' | 'warning' | 'primary' | 'success' | 'default';
  /** A button on the item for its next step (「我组织的点评」), beside the tap on the item itself. */
  button?: { label: string; url: string };
}
interface TodoGroup {
  key: string;
  title: string;
  items: TodoItem[];
}

type Planned = Home['reviewsToWrite']['planned'][number];

/** One to-do per duty and org: an org and its secretary owed under one duty (联系领导) are one line, with a count of each kind. */
function plannedByDuty(planned: readonly Planned[]) {
  const out = new Map<string, { key: string; ruleLabel: string; fromOrgId: string | null; fromOrgName: string | null; dueDate: string | null; orgs: number; people: number }>();
  for (const g of planned) {
    const key = `${g.campaignId}-${g.cycleKey}-${g.rule}-${g.fromOrgId ?? ''}`;
    const e = out.get(key) ?? { key, ruleLabel: g.ruleLabel, fromOrgId: g.fromOrgId, fromOrgName: g.fromOrgName, dueDate: g.dueDate, orgs: 0, people: 0 };
    if (g.targetKind === 'ORG') e.orgs += g.count;
    else e.people += g.count;
    out.set(key, e);
  }
  return [...out.values()].map((e) => ({ ...e, counts: [e.orgs ? `${e.orgs} 个党组织` : '', e.people ? `${e.people} 人` : ''].filter(Boolean).join('、') }));
}

/** Groups the home reply into the lists the page shows (display only: the server decided what is due). */
function groupsOf(home: Home, opened: Set<string>): TodoGroup[] {
  const q = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  const groups: TodoGroup[] = [
    {
      // 发起点评 for each org the caller starts reviews for: no hunting under 我的.
      key: 'start',
      title: '发起点评',
      items: home.startFor.map((o) => ({
        key: `start-${o.orgId}`,
        title: `发起点评：${o.orgName}`,
        sub: `${o.asLabel}点评`,
        url: `/pages/session/start/start?${q({ orgId: o.orgId })}`,
        tag: '',
        tagTheme: 'default' as const,
      })),
    },
    {
      key: 'mine',
      title: '我组织的点评',
      items: home.mySessions.map((s) => ({
        key: `mine-${s.sessionId}`,
        title: `${s.orgName ? `${s.orgName} ` : ''}${REVIEW_MODE_LABELS[s.mode]}${s.meetingType ? `（${MEETING_TYPE_LABELS[s.meetingType]}）` : ''}`,
        // Seed 001's flexible ways, said beside the members they concern (年老体弱, 外出).
        sub: `${cstDateLabel(s.date)}，点评 ${s.targets} 项${(s.flexible ?? []).map((f) => `；${f.name}${f.mark}，汇报可上门、电话或谈话后代为录入`).join('')}`,
        url: `/pages/session/detail/detail?${q({ id: s.sessionId })}`,
        tag: s.stage.label,
        tagTheme: 'primary' as const,
        button: { label: s.stage.next.label, url: sessionStepUrl(s.stage.next.step, s) },
      })),
    },
    {
      // Reminders the member had no send credit for: the same reminder, here instead of a WeChat notice.
      key: 'remind',
      title: '提醒',
      items: home.reminders.map((r) => ({ key: `remind-${r.kind}`, title: r.text, sub: r.label, url: `/${r.page}`, tag: '提醒', tagTheme: 'danger' as const })),
    },
    {
      // What arrived: a review published about the member (or their org), until it is opened on this phone.
      key: 'new',
      title: '新收到的点评',
      items: home.latestReviews
        .filter((r) => !opened.has(r.id))
        .map((r) => ({
          key: `new-${r.id}`,
          title: `${r.reviewer.name}对${r.target.name}的${REVIEW_MODE_LABELS[r.mode]}`,
          sub: `${instantLabel(r.publishedAt ?? r.reviewedAt)}发布，点开查看`,
          url: `/pages/review/detail/detail?${q({ id: r.id })}`,
          tag: '新点评',
          tagTheme: 'success' as const,
        })),
    },
    {
      key: 'rect',
      title: '要做的整改',
      items: home.rectificationsToDo.map((r) => ({
        key: `rect-${r.id}`,
        title: r.requirement,
        sub: `${r.imposed ? '限期整改，' : ''}截止 ${cstDateLabel(r.deadline)}`,
        url: `/pages/rectification/detail/detail?${q({ id: r.id })}`,
        tag: RECTIFICATION_DISPLAY_LABELS[r.displayStatus],
        tagTheme: r.displayStatus === 'OVERDUE' ? 'danger' : 'warning',
      })),
    },
    {
      key: 'handin',
      title: '上交具体方案',
      items: home.handInsToGive.map((h) => ({
        key: `handin-${h.campaignId}-${h.orgId}`,
        title: `向${h.upperOrgName}上交具体方案`,
        sub: `${h.orgName}，${h.overdue ? '已过截止日期 ' : '截止 '}${cstDateLabel(h.deadline)}`,
        url: `/pages/progress/handin/handin?${q({ orgId: h.orgId, campaignId: h.campaignId })}`,
        tag: h.overdue ? '逾期未交' : '待上交',
        tagTheme: h.overdue ? 'danger' : 'primary',
      })),
    },
    {
      // A report the secretary typed in for the member (年老体弱, 外出): the member can read what was written.
      key: 'entered',
      title: '代您录入的汇报',
      items: (home.reportsEntered ?? []).map((r) => ({
        key: `entered-${r.sessionId}-${r.target.personId ?? r.target.orgId}`,
        title: `${r.enteredByName}已代您录入汇报：${r.target.name}`,
        sub: `${r.way ? `${r.way}后录入，` : ''}点开查看`,
        url: `/pages/report/edit/edit?${q({ sessionId: r.sessionId, kind: r.target.kind, id: r.target.personId ?? r.target.orgId })}`,
        tag: '已提交',
        tagTheme: 'success' as const,
      })),
    },
    {
      key: 'report',
      title: '要交的汇报',
      items: home.reportsToGive.map((r) => ({
        key: `report-${r.sessionId}-${r.target.personId ?? r.target.orgId}`,
        title: `向${r.reviewerName}汇报：${r.target.name}`,
        sub: `点评日期 ${cstDateLabel(r.date)}${r.reportDeadline ? `，汇报截止 ${cstDateLabel(r.reportDeadline)}` : ''}`,
        url: `/pages/report/edit/edit?${q({ sessionId: r.sessionId, kind: r.target.kind, id: r.target.personId ?? r.target.orgId })}`,
        tag: '待汇报',
        tagTheme: 'primary',
      })),
    },
    {
      key: 'opinion',
      title: '要提的意见',
      items: home.opinionsToGive.map((s) => ({
        key: `opinion-${s.sessionId}`,
        // A person asked about under two duties is named once.
        title: `对${targetsByWho(s.targets).map((g) => g.items[0].name).join('、')}提意见`,
        sub: `${s.reviewerName}组织的点评，${s.opinionDeadline ? `截止 ${cstDateLabel(s.opinionDeadline)}` : `点评日期 ${cstDateLabel(s.date)}`}${s.anonymous ? '，可匿名' : ''}`,
        url: `/pages/opinion/give/give?${q({ sessionId: s.sessionId })}`,
        tag: '征求意见',
        tagTheme: 'primary',
      })),
    },
    {
      key: 'confirm',
      title: '待确认的整改回复',
      items: home.rectificationsToConfirm.map((r) => ({
        key: `confirm-${r.id}`,
        title: `${r.target.name}：${r.requirement}`,
        sub: `截止 ${cstDateLabel(r.deadline)}`,
        url: `/pages/rectification/detail/detail?${q({ id: r.id })}`,
        tag: '待确认',
        tagTheme: 'warning',
      })),
    },
    {
      key: 'write',
      title: '要写的点评',
      items: [
        ...home.reviewsToWrite.inSessions.map((r) => ({
          key: `write-${r.reviewId}`,
          title: `点评${r.target.name}（${REVIEW_MODE_LABELS[r.mode]}）`,
          sub: r.dueDate ? `截止 ${cstDateLabel(r.dueDate)}` : '',
          url: r.sessionId ? `/pages/session/detail/detail?${q({ id: r.sessionId })}` : '',
          tag: REVIEW_MACHINE.stateLabels.DRAFT,
          tagTheme: 'default' as const,
        })),
        ...plannedByDuty(home.reviewsToWrite.planned).map((g) => ({
          key: `plan-${g.key}`,
          title: `${g.ruleLabel}：本期还有 ${g.counts} 待点评`,
          sub: [g.fromOrgName ?? '', g.dueDate ? `截止 ${cstDateLabel(g.dueDate)}` : ''].filter(Boolean).join('，'),
          // 发起点评 for the org the duty is owed from (it takes those still due by default).
          url: `/pages/session/start/start${g.fromOrgId ? `?${q({ orgId: g.fromOrgId })}` : ''}`,
          tag: '待点评',
          tagTheme: 'default' as const,
        })),
      ],
    },
    {
      // How their commitments stand (issue 22): a glance, the 承诺 tab for the rest.
      key: 'commitments',
      title: '我的承诺',
      items: home.commitments
        .filter((c) => home.campaigns.some((k) => k.id === c.campaignId))
        .map((c) => ({ key: `commitment-${c.id}`, title: commitmentState(c.items).label, sub: `${cstDateLabel(c.date)}公开`, url: COMMITMENT_TAB, tag: '', tagTheme: 'default' as const })),
    },
    {
      key: 'claims',
      title: '待审核的加入申请',
      items: home.claimsToApprove.map((c) => ({ key: `claim-${c.claimId}`, title: '有党员申请加入本支部', sub: '请书记审核', url: `/pages/claims/list/list?${q({ orgId: c.orgId })}`, tag: '待审核', tagTheme: 'warning' as const })),
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}

Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    canRetry: false,
    total: 0,
    groups: [] as TodoGroup[],
    remindersOn: false,
  },
  methods: {
    onLoad() {
      return this.load(true);
    },
    /** Shown again (back from a to-do, a tab tap, the app reopened): what is due now, read quietly. */
    refresh() {
      return this.load(false);
    },
    onPullDownRefresh() {
      return this.load(false).then(() => wx.stopPullDownRefresh());
    },
    retry() {
      return this.load(true);
    },
    async load(showLoading: boolean) {
      const reply = await call('home', {}, { loading: showLoading ? '加载中' : false });
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (showLoading || !this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const groups = groupsOf(reply.data, openedReviews());
      this.setData({ loaded: true, failed: '', groups, total: groups.reduce((n, g) => n + g.items.length, 0) });
    },
    /** "开启到期提醒": a tap, so the platform lets the subscription be asked for. */
    async enableReminders() {
      const state = await askReminders('HOME');
      if (state) this.setData({ remindersOn: state.kinds.some((k) => k.credits > 0) });
    },
    /** The empty state's next step: a member with nothing due can still look after their commitments. */
    toCommitments() {
      wx.switchTab({ url: COMMITMENT_TAB });
    },
    go(e: WechatMiniprogram.TouchEvent) {
      const url = (e.currentTarget.dataset as { url?: string }).url;
      if (url === COMMITMENT_TAB) wx.switchTab({ url });
      else if (url) wx.navigateTo({ url });
    },
  },
});
