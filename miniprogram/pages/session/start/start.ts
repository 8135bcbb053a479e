// 发起点评: the secretary chooses who reviews (themself, or a leader who spoke at the meeting, whose
// reviews they enter as 录入人), the mode (集中 with its meeting, 个别, 现场, 随机 with its sample, 专题 with
// its topic, 谈话), the targets (still due this cycle, a random sample, or picked from the branch), the date,
// place and deadlines, then starts the session and lands on it to share its card into the group.
// Opens with one call: `requirement.list` (whom this reviewer must review from this org, each with its rule).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure, fieldErrors } from '../../../services/api';
import { cstToday } from '../../../services/format';
import { identity } from '../../../services/identity';
import { askReminders } from '../../../services/reminders';
import { MEETING_TYPE_LABELS, REVIEW_MODE_LABELS, type MeetingType, type ReviewMode, type TargetKind } from '../../../core/contracts/review';
import type { OrgKind } from '../../../core/contracts/org';
import { defaultSessionPlan, meetingTypesFor, sessionPlanProblems } from '../../../core/domain/session-plan';
import { mayEnterForOthers, REVIEW_POST_LABELS, reviewPostsOf } from '../../../core/domain/reach';


interface Pick {
  key: string;
  reviewerId: string;
  id: string;
  kind: TargetKind;
  name: string;
  rule: string;
  done: boolean;
  /** Already taken into another session of the same cycle (the core's rule, said by requirement.list). */
  inSession: boolean;
  checked: boolean;
}
const MODES = Object.entries(REVIEW_MODE_LABELS).map(([value, label]) => ({ value, label }));
const meetingsOf = (kind: OrgKind | null) => meetingTypesFor(kind).map((value) => ({ value, label: MEETING_TYPE_LABELS[value] }));
const MEETINGS = meetingsOf(null);
/** The fields in the order they stand on the form: the first with an error is scrolled to. */
const FIELD_ORDER = ['topic', 'targets', 'date', 'place', 'reportDeadline', 'opinionDeadline'];
/** 将点评 1 个党组织、2 人：… — orgs and people counted apart, each person once whatever their duties. */
function previewOf(list: readonly Pick[]): string {
  const orgs = [...new Set(list.filter((m) => m.kind === 'ORG').map((m) => m.name))];
  const people = [...new Set(list.filter((m) => m.kind !== 'ORG').map((m) => m.id))];
  const names = [...new Set(list.map((m) => m.name))];
  const counts = [orgs.length ? `${orgs.length} 个党组织` : '', people.length ? `${people.length} 人` : ''].filter(Boolean).join('、');
  return counts ? `将点评 ${counts}：${names.join('、')}` : '';
}
const BY = [
  { value: 'DUE', label: '本期应点评而未点评的' },
  { value: 'PICKED', label: '自己选' },
];

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    orgName: '',
    /** The post the caller reviews from here, in words (作为书记点评 / 作为联系领导点评). */
    postLabel: '',
    campaignId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    modes: MODES,
    meetings: MEETINGS,
    meetingLabels: MEETINGS.map((m) => m.label),
    byOptions: BY,
    mode: 'CENTRAL' as ReviewMode,
    meetingIndex: 0,
    topic: '',
    by: 'DUE',
    sampleSize: '3',
    /** Those within reach: the requirements this reviewer owes from this org, each with its rule. */
    members: [] as Pick[],
    owed: [] as Pick[],
    /** Who reviews: the caller, or a leader whose reviews the caller enters (录入人). */
    reviewers: [] as Array<{ id: string; name: string }>,
    reviewerIndex: 0,
    /** The caller's own person id ('' for the office, which is not on the roster and only enters for others). */
    myId: '',
    /** Opened from 活动办公室 (代录入点评): the office enters the chosen reviewer's reviews, none of its own. */
    office: false,
    /** The reviewer chosen before the page opened (the office's list). */
    wantedReviewer: '',
    /** The org's name as the office's list gave it, shown once the reviewers are read. */
    officeOrgName: '',
    notPlanned: '',
    date: '',
    place: '',
    reportDeadline: '',
    opinionDeadline: '',
    anonymous: true,
    errors: {} as Record<string, string>,
    busy: false,
    /** Chosen or typed since the page was read: a re-show must not undo it. */
    dirty: false,
    /** 将点评 N 人：… — whom starting now would review, said before the tap. */
    preview: '',
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(this.data.orgId, false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ ...defaultSessionPlan(cstToday()), office: query.office === '1', wantedReviewer: query.reviewerId ?? '' });
      // The office's org name is drawn with whom it may enter for (loadForOffice): a form drawn before them
      // would move under the finger as they arrive.
      if (query.office === '1') this.setData({ officeOrgName: query.orgName ?? '', campaignId: query.campaignId ?? '' });
      await this.load(query.orgId ?? '', false);
    },
    /**
     * Shown again (the app reopened): once the secretary has chosen or typed anything, nothing is read, so
     * the form stays as they left it (the server decides 本期应点评而未点评的 when the session starts anyway).
     * Untouched, whom they owe is read again: another session may have taken some of them meanwhile.
     */
    refresh() {
      return this.data.dirty ? undefined : this.load(this.data.orgId, true);
    },
    async load(wantedOrg: string, quiet: boolean) {
      if (this.data.office) return this.loadForOffice(wantedOrg, quiet);
      const me = await identity();
      if (!me.ok || !me.data) return;
      const orgId = wantedOrg || me.data.secretaryOf[0] || me.data.orgId;
      // The org's own name (党组, 工委, 支部 alike) and its usual meeting; 本组织 only when the phone does not know it yet.
      const led = me.data.leads?.find((o) => o.id === orgId);
      const orgName = led?.name ?? (orgId === me.data.orgId ? me.data.orgName : '本组织');
      const meetings = meetingsOf(led?.kind ?? null);
      const post = reviewPostsOf({ secretaryOf: me.data.secretaryOf, liaisonOf: (me.data.leads ?? []).map((o) => o.id).filter((id) => !me.data?.secretaryOf.includes(id)) }).find((x) => x.orgId === orgId);
      this.setData({ orgId, postLabel: post ? `${REVIEW_POST_LABELS[post.as]}点评` : '', campaignId: me.data.campaignId, meetings, meetingLabels: meetings.map((m) => m.label), ...(this.data.dirty ? {} : { meetingIndex: 0 }) });
      const reply = await call('requirement.list', { campaignId: me.data.campaignId, orgId, limit: 100 }, { quiet: ['PROGRESS.NOT_PLANNED'], ...(quiet ? { loading: false } : {}) });
      if (!reply.ok) {
        // Without a plan there is nothing to pick from: 本期应点评而未点评的 still works (the server finds them).
        if (reply.error.code === 'PROGRESS.NOT_PLANNED') this.setData({ orgName, notPlanned: reply.error.message });
        // A re-read that fails keeps the form as it was (the api has said why).
        else if (!quiet) this.setData(loadFailure(reply.error));
        return;
      }
      // Duties owed from this org, by reviewer: mine first, then the leaders whose reviews I may enter.
      const myId = me.data.personId;
      const owed = reply.data.requirements.filter((r) => r.fromOrgId === orgId && r.reviewer?.id);
      // Others' reviews are offered (代…录入) only to whom the core lets enter them here: the org's own secretary.
      const others = mayEnterForOthers({ admin: false, secretaryOf: me.data.secretaryOf }, orgId) ? owed.filter((r) => r.reviewer?.id !== myId) : [];
      const leaders = [...new Map(others.map((r) => [r.reviewer?.id ?? '', r.reviewer?.name ?? ''])).entries()];
      this.setData({
        orgName,
        myId,
        reviewers: [{ id: myId, name: `我本人（${me.data.personName}）` }, ...leaders.map(([id, name]) => ({ id, name: `代${name}录入` }))],
        owed: owed.map((r) => ({ key: r.key, reviewerId: r.reviewer?.id ?? '', id: r.targetId, kind: r.targetKind, name: r.targetName, rule: r.ruleLabel, done: r.state === 'DONE', inSession: r.inSession, checked: false })),
      });
      this.pickReviewer(0);
    },
    /**
     * The office (not on the roster, so no identity): whom each reviewer owes from this org, every one of them
     * entered on their behalf (the core's rule: an admin may enter for others), the one chosen on its list first.
     */
    async loadForOffice(orgId: string, quiet: boolean) {
      this.setData({ orgId });
      const reply = await call('requirement.list', { campaignId: this.data.campaignId, orgId, limit: 100 }, { quiet: ['PROGRESS.NOT_PLANNED'], ...(quiet ? { loading: false } : {}) });
      if (!reply.ok) {
        if (reply.error.code === 'PROGRESS.NOT_PLANNED') this.setData({ orgName: this.data.officeOrgName || '本组织', notPlanned: reply.error.message });
        else if (!quiet) this.setData(loadFailure(reply.error));
        return;
      }
      const owed = mayEnterForOthers({ admin: true, secretaryOf: [] }, orgId) ? reply.data.requirements.filter((r) => r.fromOrgId === orgId && r.reviewer?.id) : [];
      const reviewers = [...new Map(owed.map((r) => [r.reviewer?.id ?? '', r.reviewer?.name ?? ''])).entries()].map(([id, name]) => ({ id, name: `代${name}录入` }));
      this.setData({
        orgName: this.data.officeOrgName || '本组织',
        myId: '',
        reviewers,
        owed: owed.map((r) => ({ key: r.key, reviewerId: r.reviewer?.id ?? '', id: r.targetId, kind: r.targetKind, name: r.targetName, rule: r.ruleLabel, done: r.state === 'DONE', inSession: r.inSession, checked: false })),
      });
      this.pickReviewer(Math.max(0, reviewers.findIndex((r) => r.id === this.data.wantedReviewer)));
    },
    /** Shows the targets the chosen reviewer owes; a leader's reviews are entered on their behalf. */
    pickReviewer(index: number) {
      const reviewer = this.data.reviewers[index];
      if (!reviewer) return;
      this.setData({ reviewerIndex: index, members: this.data.owed.filter((m) => m.reviewerId === reviewer.id).map((m) => ({ ...m, checked: false })), 'errors.targets': '' });
      this.showPreview();
    },
    /**
     * 将点评 N 人：… for the current choice: by 本期应点评而未点评的, those neither reviewed nor already in another
     * session of the cycle (the core's rule, as session.start applies it); a person under two duties counts once.
     */
    showPreview() {
      const d = this.data;
      let preview = '';
      if (d.mode === 'RANDOM') preview = `将从本支部党员中随机抽取${Number(d.sampleSize) || 0}人`;
      else if (d.by === 'PICKED') preview = previewOf(d.members.filter((m) => m.checked));
      else if (!d.notPlanned) {
        const due = d.members.filter((m) => !m.done && !m.inSession);
        preview = due.length ? previewOf(due) : `本期应点评的都已点评${d.members.some((m) => m.inSession) ? '或已在别的点评活动中' : ''}，请改为“自己选”`;
      }
      this.setData({ preview });
    },
    onReviewer(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dirty: true });
      this.pickReviewer(Number(e.detail.value));
    },
    onMode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const mode = e.detail.value as ReviewMode;
      // A random review draws its targets; the others never do.
      this.setData({ dirty: true, mode, by: mode === 'RANDOM' ? 'RANDOM' : this.data.by === 'RANDOM' ? 'DUE' : this.data.by, errors: {} });
      this.showPreview();
    },
    onMeeting(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dirty: true, meetingIndex: Number(e.detail.value) });
    },
    onBy(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dirty: true, by: e.detail.value, 'errors.targets': '' });
      this.showPreview();
    },
    onPick(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const picked = new Set(e.detail.value);
      this.setData({ dirty: true, members: this.data.members.map((m) => ({ ...m, checked: picked.has(m.key) })), 'errors.targets': '' });
      this.showPreview();
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, [`errors.${field}`]: '' });
      if (field === 'sampleSize') this.showPreview();
    },
    onAnonymous(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ dirty: true, anonymous: e.detail.value });
    },
    targetsInput() {
      const d = this.data;
      if (d.by === 'RANDOM') return { by: 'RANDOM' as const, targetKind: 'MEMBER' as const, size: Number(d.sampleSize) || 0 };
      if (d.by === 'PICKED') return { by: 'PICKED' as const, picks: d.members.filter((m) => m.checked).map((m) => ({ kind: m.kind, id: m.id })) };
      return { by: 'DUE' as const };
    },
    /** Every problem of the form at its box (the core's plan rules, plus the choices of this page); true when none. */
    validate(): boolean {
      const d = this.data;
      const errors: Record<string, string> = {};
      for (const p of sessionPlanProblems({ date: d.date, place: d.place, reportDeadline: d.reportDeadline || null, opinionDeadline: d.opinionDeadline || null }, cstToday())) {
        errors[p.path[0]] = errors[p.path[0]] ?? p.message;
      }
      if (d.by === 'PICKED' && !d.members.some((m) => m.checked)) errors.targets = '请至少选择一个点评对象';
      if (d.mode === 'RANDOM' && !(Number(d.sampleSize) >= 1)) errors.targets = '请填写随机抽取的人数';
      if (d.mode === 'THEMATIC' && !d.topic.trim()) errors.topic = '专题点评须注明专题名称';
      this.setData({ errors });
      const first = FIELD_ORDER.find((f) => errors[f]);
      if (first) wx.pageScrollTo({ selector: `#f-${first}`, duration: 200 });
      return !first;
    },
    async submit() {
      const d = this.data;
      if (!this.validate()) return;
      // 截止前提醒我 (点评、回复确认、进度上报), asked in this tap once the form is valid, and not after the
      // start's round trip: the platform refuses requestSubscribeMessage once the tap's gesture has passed.
      // Its 已开启 toast waits for the start, and is not shown when the start failed.
      let started: (ok: boolean) => void = () => undefined;
      void askReminders('SESSION_STARTED', new Promise<boolean>((resolve) => (started = resolve)));
      this.setData({ busy: true });
      const reply = await call(
        'session.start',
        {
          campaignId: d.campaignId,
          orgId: d.orgId,
          ...(d.reviewers[d.reviewerIndex] && d.reviewers[d.reviewerIndex].id !== d.myId ? { onBehalfOf: { kind: 'PERSON' as const, personId: d.reviewers[d.reviewerIndex].id } } : {}),
          mode: d.mode,
          meetingType: d.mode === 'CENTRAL' ? ((d.meetings[d.meetingIndex] ?? MEETINGS[0]).value as MeetingType) : null,
          topic: d.mode === 'THEMATIC' ? d.topic : null,
          targets: this.targetsInput(),
          date: d.date,
          place: d.place,
          reportDeadline: d.reportDeadline || null,
          opinionDeadline: d.opinionDeadline || null,
          opinionsAnonymous: d.anonymous,
        },
        { intent: formsOf(this).of('start'), loading: '提交中' },
      );
      this.setData({ busy: false });
      started(reply.ok);
      if (!reply.ok) {
        const errors = fieldErrors(reply.error);
        const targets = Object.entries(errors).find(([k]) => k.startsWith('targets'));
        const shown: Record<string, string> = { ...errors, ...(targets ? { targets: targets[1] } : {}), ...(reply.error.code === 'SESSION.NO_TARGETS' || reply.error.code === 'SAMPLE.INVALID' ? { targets: reply.error.message } : {}) };
        this.setData({ errors: shown });
        const first = FIELD_ORDER.find((f) => shown[f]);
        if (first) wx.pageScrollTo({ selector: `#f-${first}`, duration: 200 });
        return;
      }
      formsOf(this).done('start');
      wx.showToast({ title: `已发起，共${reply.data.targets.length}个点评对象`, icon: 'success' });
      wx.redirectTo({ url: `/pages/session/detail/detail?id=${encodeURIComponent(reply.data.sessionId)}&started=1` });
    },
  },
});
