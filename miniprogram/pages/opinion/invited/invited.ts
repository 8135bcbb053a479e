// 群众意见: someone who is not a member (群众代表, 服务对象, a unit) opens the organiser's invitation link and
// gives an opinion without joining. Opens with one call: `opinion.openInvite`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors } from '../../../services/api';
import { cstDateLabel } from '../../../services/format';
import { withdrawKeyFor } from '../../../services/device-key';
import { ANONYMITY_NOTICE, ANONYMITY_NOTICE_SHORT } from '../../../core/contracts/opinion';
import { REVIEW_MODE_LABELS, type TargetKind } from '../../../core/contracts/review';

const GIVER_LABELS: Record<string, string> = { MASSES: '群众代表', SERVICE_RECIPIENT: '服务对象', UNIT: '相关单位' };

// No refresh on re-show: the page is the whole of the invited person's part (one form, then 已提交), nothing
// else changes what it shows while it is open, and the server refuses a submit after the invitation closed.
Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    invitationId: '',
    giverLabel: '',
    modeLabel: '',
    topic: '',
    dateLabel: '',
    /** Each with its org and post (who is who), and marked once this phone has answered on it. */
    targets: [] as Array<{ kind: TargetKind; id: string; name: string; unit: string; answered: boolean }>,
    picked: -1,
    content: '',
    anonymous: true,
    forcedAnonymous: false,
    giverName: '',
    notice: ANONYMITY_NOTICE,
    noticeShort: ANONYMITY_NOTICE_SHORT,
    noticeOpen: false,
    /** Why opinions are no longer taken, from the server; empty while open. */
    closed: '',
    errors: {} as Record<string, string>,
    busy: false,
    sent: false,
    sentAnonymous: true,
    /** Someone is left to give an opinion on after this one: 对其他同志提意见 is offered. */
    more: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // From a QR code the id comes as `scene`; from a shared link as `id`.
      const invitationId = query.id ?? (query.scene ? decodeURIComponent(query.scene) : '');
      this.setData({ invitationId });
      const reply = await call('opinion.openInvite', { invitationId }, { stayWhenUnbound: true });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const v = reply.data;
      // A person owed under two duties is one choice (a person's id is the same under each): named once.
      const targets = v.targets.filter((t, i) => t.kind === 'ORG' || v.targets.findIndex((x) => x.kind !== 'ORG' && x.id === t.id) === i).map((t) => ({ ...t, answered: false }));
      this.setData({
        loaded: true,
        giverLabel: GIVER_LABELS[v.giverKind] ?? '群众',
        modeLabel: REVIEW_MODE_LABELS[v.mode],
        topic: v.topic ?? '',
        dateLabel: cstDateLabel(v.date),
        targets,
        picked: targets.length === 1 ? 0 : -1,
        anonymous: true,
        forcedAnonymous: v.anonymous,
        closed: v.closed ?? '',
      });
    },
    /** 对其他同志提意见: back to the form, the answered ones marked. */
    another() {
      this.setData({ sent: false, errors: {} });
    },
    pick(e: WechatMiniprogram.TouchEvent) {
      this.setData({ picked: Number((e.currentTarget.dataset as { index: number }).index), 'errors.target': '' });
    },
    onContent(e: WechatMiniprogram.Input) {
      this.setData({ content: e.detail.value, 'errors.content': '' });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ giverName: e.detail.value, 'errors.giverName': '' });
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
      const { invitationId, content, anonymous, giverName } = this.data;
      this.setData({ busy: true });
      const intent = formsOf(this).of('submit');
      const withdrawKey = await withdrawKeyFor(intent.requestId);
      const reply = await call(
        'opinion.submitByInvite',
        { invitationId, target: { kind: target.kind, id: target.id }, content, anonymous, ...(anonymous ? {} : { giverName }), withdrawKey },
        { intent, loading: '提交中', stayWhenUnbound: true },
      );
      this.setData({ busy: false });
      if (!reply.ok) {
        this.setData({ errors: fieldErrors(reply.error) });
        return;
      }
      formsOf(this).done('submit');
      // The answered target is marked done and let go, so a next opinion is on someone chosen afresh.
      const targets = this.data.targets.map((t, i) => (i === this.data.picked ? { ...t, answered: true } : t));
      this.setData({ sent: true, sentAnonymous: reply.data.anonymous, targets, picked: -1, content: '', more: targets.some((t) => !t.answered) });
    },
  },
});
