// 点评活动: one session. Its reviewer sees each target with its review's state and goes on from here to
// the reports, the opinions, the batch entry, publishing and the forms; shared into the group it is the
// card from which members give their report and opinions. Opens with one call: `session.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure, type ActionOutput } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { cstDateLabel } from '../../../services/format';
import { enteredGroupCloudId, groupField, shareWithTicket } from '../../../services/group';
import { sessionStepUrl } from '../../../services/session-steps';
import { canShareUpdatable, shareAsStatic, shareAsUpdatable } from '../../../services/share-card';
import { SESSION_STEP_LABELS, targetsByWho, type SessionStep } from '../../../core/domain/session-stage';
import { isDraft, REPORT_MACHINE, REVIEW_MACHINE } from '../../../core/domain/workflow';
import { REPORT_ENTRY_WAY_LABELS } from '../../../core/contracts/report';
import { MEETING_TYPE_LABELS, REVIEW_MODE_LABELS, targetId } from '../../../core/contracts/review';
import { planEditBehavior } from './plan-edit';

type SessionView = ActionOutput<'session.get'>;

const STATUS: Record<string, { label: string; theme: string }> = {
  DRAFT: { label: '待录入', theme: 'warning' },
  SUBMITTED: { label: '已提交', theme: 'primary' },
  PUBLISHED: { label: '已公开', theme: 'success' },
};

const CARD_NOTE = '卡片会在群里显示汇报进度（发出后24小时内更新）';
const STATIC_NOTE = '卡片不能显示汇报进度，可以发送普通卡片';

/** 「何平上门走访后代为录入」 for a report someone entered for the member; undefined for their own. */
function enteredSub(r: SessionView['me']['reports'][number] | undefined): string | undefined {
  return r?.enteredBy ? `${r.enteredBy.name}${r.way ? REPORT_ENTRY_WAY_LABELS[r.way] : ''}后代为录入` : undefined;
}

const q = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

Component({
  behaviors: [pageBehavior, planEditBehavior],
  data: {
    id: '',
    orgId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    title: '',
    reviewer: '',
    date: '',
    place: '',
    deadlines: '',
    sample: '',
    groupName: '',
    reviewerView: false,
    submitted: 0,
    /** One row per person or org; a person owed under two duties has a line for each, said in words. */
    rows: [] as Array<{ key: string; name: string; mark: string; report: string; enterUrl: string; duties: Array<{ key: string; rule: string; status: string; theme: string }> }>,
    myReports: [] as Array<{ key: string; name: string; url: string; sub: string }>,
    opinionUrl: '',
    exporting: false,
    /** The stage's words and buttons, as the core decides them (sessionStage): the next step first. */
    stage: '',
    steps: [] as Array<{ step: string; label: string; primary: boolean }>,
    /**
     * The group card: 'prepare' (a tap asks the api for an updatable card first), 'ready' (declared updatable:
     * the button shares it) or 'static' (the plain card: an old base library, a failure, or after publication).
     */
    share: 'static' as 'prepare' | 'ready' | 'static',
    preparing: false,
    /** What the person should know about the card they are about to send. */
    cardNote: '',
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
    /** Back from 录入点评, 发布通报 or a report: the rows' states and the buttons follow the server again. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const cloudID = await enteredGroupCloudId();
      const reply = await call('session.get', { sessionId: this.data.id, ...(cloudID ? { group: groupField(cloudID) } : {}) }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A failed re-read keeps what is on screen (the api has said why); only a first load shows the failure.
        if (!quiet) this.setData(loadFailure(reply.error));
        return;
      }
      this.show(reply.data);
    },
    show(v: SessionView) {
      const s = v.session;
      this.setPlan(s, v.me.canEditPlan === true);
      const reviews = new Map(v.reviews.map((r) => [`${r.target.kind}:${targetId(r.target)}`, r]));
      const reportedKeys = new Set(v.me.reports.filter((r) => !isDraft(REPORT_MACHINE, r.status)).map((r) => `${r.target.kind}:${targetId(r.target)}`));
      this.setData({
        loaded: true,
        failed: '',
        orgId: s.orgId,
        title: `${REVIEW_MODE_LABELS[s.mode]}${s.meetingType ? `（${MEETING_TYPE_LABELS[s.meetingType]}）` : ''}${s.topic ? `：${s.topic}` : ''}`,
        reviewer: s.reviewerName,
        date: cstDateLabel(s.date),
        place: s.place,
        deadlines: [s.reportDeadline ? `汇报截止 ${cstDateLabel(s.reportDeadline)}` : '', s.opinionDeadline ? `意见截止 ${cstDateLabel(s.opinionDeadline)}` : ''].filter(Boolean).join('，'),
        sample: s.randomSample ? `从${s.randomSample.population.length}人中随机抽取${s.randomSample.size}人，抽样种子 ${s.randomSample.seed}` : '',
        groupName: v.group?.name ?? '',
        reviewerView: v.reviews.length > 0,
        submitted: v.reviews.filter((r) => !isDraft(REVIEW_MACHINE, r.status)).length,
        rows: targetsByWho(s.targets).map((g) => {
          // 年老体弱 or 外出 (seed 001): the mark, the report's state, and 代为录入汇报 while the core allows it.
          const entry = (v.entries ?? []).find((e) => g.items.some((t) => t.kind === e.target.kind && targetId(t) === targetId(e.target)));
          return {
          key: g.key,
          name: g.items[0].name,
          mark: entry?.mark ?? '',
          report: !entry ? '' : entry.enteredBy ? `${entry.enteredBy}已${entry.way ? `${entry.way}后` : ''}代为录入汇报` : entry.reported ? '本人已交汇报' : '还没有汇报，可上门、电话或谈话后代为录入',
          enterUrl: entry?.canEnter ? `/pages/report/edit/edit?${q({ sessionId: s.id, kind: entry.target.kind, id: targetId(entry.target), enter: '1' })}` : '',
          duties: g.items.map((t) => {
            const st = STATUS[reviews.get(`${t.kind}:${targetId(t)}`)?.status ?? 'DRAFT'];
            return { key: `${t.kind}-${targetId(t)}`, rule: t.ruleLabel ?? '', status: st.label, theme: st.theme };
          }),
          };
        }),
        myReports: v.me.targets.map((t) => ({
          key: `${t.kind}-${targetId(t)}`,
          name: t.name,
          sub: enteredSub(v.me.reports.find((r) => r.target.kind === t.kind && targetId(r.target) === targetId(t))) ?? (reportedKeys.has(`${t.kind}:${targetId(t)}`) ? '已提交' : '待汇报'),
          url: `/pages/report/edit/edit?${q({ sessionId: s.id, kind: t.kind, id: targetId(t) })}`,
        })),
        stage: v.stage?.label ?? '',
        steps: v.stage ? [v.stage.next.step, ...v.stage.steps.filter((x) => x !== v.stage?.next.step)].map((step) => ({ step, label: SESSION_STEP_LABELS[step], primary: step === v.stage?.next.step })) : [],
        opinionUrl: v.me.canGiveOpinion ? `/pages/opinion/give/give?${q({ sessionId: s.id })}` : '',
      });
      void this.showCard(v);
    },
    /** The share button's state from session.get: a live card is declared at once, else the first tap makes one. */
    async showCard(v: SessionView) {
      if (v.me.canShareCard !== true || !canShareUpdatable()) {
        if (this.data.share === 'ready') shareAsStatic();
        this.setData({ share: 'static', cardNote: '' });
        return;
      }
      if (!v.card) {
        this.setData({ share: 'prepare', cardNote: '' });
        return;
      }
      const ok = await shareAsUpdatable(v.card);
      if (!ok) shareAsStatic();
      this.setData({ share: ok ? 'ready' : 'static', cardNote: ok ? CARD_NOTE : STATIC_NOTE });
    },
    /** 发到微信群, first tap: the api makes the card updatable; the button then sends it. A failure sends the plain card. */
    async prepareCard() {
      this.setData({ preparing: true });
      const reply = await call('session.card', { sessionId: this.data.id }, { intent: formsOf(this).of('card'), loading: '准备卡片' });
      const ok = reply.ok && (await shareAsUpdatable(reply.data));
      if (reply.ok) formsOf(this).done('card');
      if (!ok) shareAsStatic();
      this.setData({ preparing: false, share: ok ? 'ready' : 'static', cardNote: ok ? CARD_NOTE : STATIC_NOTE });
      // The session's version moved with the card: 修改时间地点 must edit the new one.
      if (reply.ok) await this.load(true);
    },
    go(e: WechatMiniprogram.TouchEvent) {
      const url = (e.currentTarget.dataset as { url?: string }).url;
      if (url) wx.navigateTo({ url });
    },
    /** A step's button: the page each step of the core's session stage opens. */
    toStep(e: WechatMiniprogram.TouchEvent) {
      const step = (e.currentTarget.dataset as { step?: SessionStep }).step;
      if (step) wx.navigateTo({ url: sessionStepUrl(step, { sessionId: this.data.id, orgId: this.data.orgId }) });
    },
    toBatch() {
      wx.navigateTo({ url: `/pages/session/batch/batch?id=${encodeURIComponent(this.data.id)}` });
    },
    toReports() {
      wx.navigateTo({ url: `/pages/session/reports/reports?id=${encodeURIComponent(this.data.id)}` });
    },
    toOpinions() {
      wx.navigateTo({ url: `/pages/session/opinions/opinions?id=${encodeURIComponent(this.data.id)}` });
    },
    toPublish() {
      wx.navigateTo({ url: `/pages/publication/publish/publish?sessionId=${encodeURIComponent(this.data.id)}&orgId=${encodeURIComponent(this.data.orgId)}` });
    },
    async exportForms() {
      this.setData({ exporting: true });
      await exportAndOpen('form.session', { sessionId: this.data.id });
      this.setData({ exporting: false });
    },
    /** The session card: members open it in the group to report and give opinions. */
    onShareAppMessage() {
      return { title: `${this.data.reviewer}发起${this.data.title}，请按时汇报、提意见`, path: `/pages/session/detail/detail?id=${encodeURIComponent(this.data.id)}` };
    },
  },
});
