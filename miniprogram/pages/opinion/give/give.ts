// 提意见: a member gives an opinion on a target of a review session, anonymously or by name, and can
// withdraw or replace it with the key held on this phone. Opens with one call: `session.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, loadFailure } from '../../../services/api';
import { cstDateLabel } from '../../../services/format';
import { forgetWithdrawKey, givenIn, keepGiven, withdrawKeyFor, type Given } from '../../../services/device-key';
import { ANONYMITY_NOTICE, ANONYMITY_NOTICE_SHORT } from '../../../core/contracts/opinion';
import { REVIEW_MODE_LABELS, type TargetKind } from '../../../core/contracts/review';
import { targetsByWho } from '../../../core/domain/session-stage';
import { TARGET_KIND_LABELS } from '../../../core/domain/templates';

interface Choice {
  kind: TargetKind;
  id: string;
  name: string;
  /** A person owed under two duties is one choice: both said in words (党员、班子成员); empty for one. */
  duties: string;
  /** An opinion given from this phone on this target stands (not withdrawn). */
  answered: boolean;
}

/** The targets with those this phone has an opinion standing on marked, so a member sees who is done. */
function marked(targets: Choice[], given: Given[]): Choice[] {
  const done = new Set(given.filter((g) => !g.withdrawn).map((g) => g.targetId));
  return targets.map((t) => ({ ...t, answered: done.has(t.id) }));
}


Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    canRetry: false,
    sessionId: '',
    reviewerName: '',
    modeLabel: '',
    dateLabel: '',
    deadlineLabel: '',
    open: false,
    closedText: '',
    targets: [] as Choice[],
    picked: -1,
    content: '',
    anonymous: true,
    forcedAnonymous: false,
    notice: ANONYMITY_NOTICE,
    noticeShort: ANONYMITY_NOTICE_SHORT,
    noticeOpen: false,
    errors: {} as Record<string, string>,
    busy: false,
    given: [] as Given[],
  },
  methods: {
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      const sessionId = query.sessionId ?? '';
      this.setData({ sessionId });
      await this.load(false);
    },
    /**
     * Shown again: whether opinions are still taken (the deadline, the session's state) follows the server,
     * and the opinions given from this phone are listed again; what the member typed and picked stays.
     */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const sessionId = this.data.sessionId;
      const given = givenIn(sessionId);
      this.setData({ given, targets: marked(this.data.targets, given) });
      const reply = await call('session.get', { sessionId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const { session, me } = reply.data;
      const closedText = session.opinionsOpen ? '这次点评没有需要您提意见的对象。' : `${session.opinionsClosed ?? '征求意见已截止'}。`;
      if (this.data.loaded) {
        this.setData({ open: me.canGiveOpinion && this.data.targets.length > 0, closedText, deadlineLabel: cstDateLabel(session.opinionDeadline) });
        return;
      }
      const mine = new Set(me.targets.map((t) => `${t.kind}:${t.personId ?? t.orgId}`));
      // One cannot give an opinion on oneself: the server refuses it, so it is not offered. A person under two
      // duties is one choice (one opinion covers both, as 待办 counts it), given on their first target.
      const targets = targetsByWho(session.targets.filter((t) => !mine.has(`${t.kind}:${t.personId ?? t.orgId}`))).map(({ items: [t, ...more] }) => ({
        kind: t.kind,
        id: t.personId ?? t.orgId,
        name: t.name,
        duties: more.length ? [t, ...more].map((x) => TARGET_KIND_LABELS[x.kind]).join('、') : '',
        answered: false,
      }));
      this.setData({
        loaded: true,
        reviewerName: session.reviewerName,
        modeLabel: REVIEW_MODE_LABELS[session.mode],
        dateLabel: cstDateLabel(session.date),
        deadlineLabel: cstDateLabel(session.opinionDeadline),
        open: me.canGiveOpinion && targets.length > 0,
        failed: '',
        closedText,
        targets: marked(targets, given),
        picked: targets.length === 1 ? 0 : -1,
        anonymous: true,
        forcedAnonymous: session.opinionsAnonymous,
      });
    },
    pick(e: WechatMiniprogram.TouchEvent) {
      this.setData({ picked: Number((e.currentTarget.dataset as { index: number }).index), 'errors.target': '' });
    },
    onContent(e: WechatMiniprogram.Input) {
      this.setData({ content: e.detail.value, 'errors.content': '' });
    },
    toggleNotice() {
      this.setData({ noticeOpen: !this.data.noticeOpen });
    },
    onAnonymous(e: WechatMiniprogram.SwitchChange) {
      this.setData({ anonymous: this.data.forcedAnonymous || e.detail.value });
    },
    async submit() {
      const target = this.data.targets[this.data.picked];
      if (!target) {
        this.setData({ 'errors.target': '请选择对谁提意见' });
        return;
      }
      const { sessionId, content, anonymous } = this.data;
      this.setData({ busy: true });
      const intent = formsOf(this).of('submit');
      const withdrawKey = await withdrawKeyFor(intent.requestId);
      const reply = await call(
        'opinion.submit',
        { sessionId, giverKind: 'MEMBER', channel: 'ONLINE', target: { kind: target.kind, id: target.id }, content, anonymous, withdrawKey },
        { intent, loading: '提交中' },
      );
      this.setData({ busy: false });
      if (!reply.ok) {
        this.setData({ errors: fieldErrors(reply.error) });
        return;
      }
      formsOf(this).done('submit');
      forgetWithdrawKey(intent.requestId);
      keepGiven({
        sessionId,
        targetId: target.id,
        targetName: target.name,
        content,
        anonymous: reply.data.anonymous,
        withdrawKey,
        opinionId: reply.data.anonymous ? '' : reply.data.opinionId,
        withdrawn: false,
      });
      wx.showToast({ title: reply.data.held ? '已提交，内容审核中' : '意见已提交', icon: reply.data.held ? 'none' : 'success' });
      // The answered target is marked and let go, so the next pick is a deliberate one.
      const given = givenIn(sessionId);
      this.setData({ content: '', errors: {}, given, targets: marked(this.data.targets, given), picked: -1 });
    },
    async withdraw(e: WechatMiniprogram.TouchEvent) {
      const given = this.data.given[Number((e.currentTarget.dataset as { index: number }).index)];
      if (!given) return false;
      const reply = await call('opinion.withdraw', given.anonymous ? { withdrawKey: given.withdrawKey } : { opinionId: given.opinionId }, {
        intent: formsOf(this).of(`withdraw:${given.withdrawKey}`),
        loading: '撤回中',
      });
      if (!reply.ok) return false;
      formsOf(this).done(`withdraw:${given.withdrawKey}`);
      keepGiven({ ...given, withdrawn: true });
      const now = givenIn(this.data.sessionId);
      this.setData({ given: now, targets: marked(this.data.targets, now) });
      wx.showToast({ title: '意见已撤回', icon: 'success' });
      return true;
    },
    async replace(e: WechatMiniprogram.TouchEvent) {
      const index = Number((e.currentTarget.dataset as { index: number }).index);
      const given = this.data.given[index];
      if (!given || !(await this.withdraw(e))) return;
      // The withdrawn text comes back into the form to be corrected and sent again.
      const picked = this.data.targets.findIndex((t) => t.id === given.targetId);
      this.setData({ content: given.content, picked, anonymous: this.data.forcedAnonymous || given.anonymous });
    },
  },
});
