// Joining: open the secretary's invitation (share card or QR `scene`) → type your name as the roster has it
// and the last four digits of your phone (what a stranger holding the link would not know) →
// "等待书记审核" → approved. Refused, expired, taken and already-bound each say what to do.
// Opens with one call: `invitation.open` with an invitation, else `me` (how my claim stands).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call } from '../../../services/api';
import { keepIdentity, keptIdentity } from '../../../services/identity';

type Step = 'loading' | 'pick' | 'waiting' | 'approved' | 'refused' | 'expired' | 'taken' | 'bound' | 'none' | 'limited';

/** What each end state says, and what to do next. */
const STATES: Record<Exclude<Step, 'loading' | 'pick'>, { icon: string; title: string; text: string }> = {
  waiting: { icon: '⏳', title: '等待书记审核', text: '您的申请已提交，书记审核通过后即可使用。审核结果出来后，重新打开小程序或点下方按钮查看。' },
  approved: { icon: '✅', title: '审核通过，欢迎加入', text: '' },
  refused: { icon: '⚠️', title: '书记没有通过您的申请', text: '可能是姓名或手机尾号与名册不一致。请确认后重新填写，或直接联系书记。' },
  expired: { icon: '⌛', title: '邀请已过期', text: '请向书记索取新的邀请（群聊卡片或二维码）。' },
  taken: { icon: '⚠️', title: '该姓名已有人加入', text: '如果这是您的姓名，请联系书记处理；否则请重新填写。' },
  limited: { icon: '⌛', title: '今天的申请次数已用完', text: '' },
  bound: { icon: '✅', title: '您已加入组织', text: '您的微信已经绑定，无需再次加入。' },
  none: { icon: '✉️', title: '您还没有加入组织', text: '请打开书记在群里发送的邀请卡片，或扫描书记提供的二维码加入。' },
};
const JOINING_KEY = 'joining';

Component({
  behaviors: [pageBehavior],
  data: {
    step: 'loading' as Step,
    icon: '',
    title: '',
    text: '',
    invitationId: '',
    orgName: '',
    /** What the newcomer types: their name as the roster has it, and their phone's last four digits. */
    name: '',
    phoneTail: '',
    errors: {} as Record<string, string>,
    /** Named in deployment configuration as a new unit's first administrator: 「创建我的单位」 is offered. */
    founder: false,
    /** This WeChat user's openid, which deployment configuration names (shown while not joined). */
    openid: '',
    busy: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const invitationId = query.id ?? (query.scene ? decodeURIComponent(query.scene) : '');
      this.setData({ invitationId });
      const kept = keptIdentity();
      if (kept) return this.show('bound', `您已是${kept.orgName}的成员。`);
      if (invitationId) return this.open(invitationId);
      return this.check();
    },
    /**
     * Shown again (the newcomer switched to the chat and back, or reopened the app): while they wait, were
     * refused or have not joined, how their claim stands is asked again, so the secretary's approval shows
     * without a tap. Picking a name, or any end state, is left as it is.
     */
    refresh() {
      const step = this.data.step;
      return step === 'waiting' || step === 'refused' || step === 'none' ? this.check(true) : undefined;
    },
    show(step: Exclude<Step, 'loading' | 'pick'>, text?: string) {
      const s = STATES[step];
      this.setData({ step, icon: s.icon, title: s.title, text: text ?? s.text, busy: false });
    },
    async open(invitationId: string) {
      const reply = await call('invitation.open', { invitationId }, { quiet: ['INVITATION.EXPIRED', 'INVITATION.NOT_FOUND'], stayWhenUnbound: true });
      if (!reply.ok) {
        if (reply.error.code === 'INVITATION.EXPIRED' || reply.error.code === 'INVITATION.NOT_FOUND') this.show('expired', reply.error.message);
        return;
      }
      this.setData({ step: 'pick', orgName: reply.data.org.name, errors: {} });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: 'name' | 'phoneTail' }).field;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    async claim() {
      const name = this.data.name.trim();
      const phoneTail = this.data.phoneTail.trim();
      // Said on the spot rather than after a round trip: both are needed, and the tail is four digits.
      const errors: Record<string, string> = {};
      if (!name) errors.name = '请填写您在名册中的姓名';
      if (!/^\d{4}$/.test(phoneTail)) errors.phoneTail = '请填写手机号的后4位数字';
      if (Object.keys(errors).length) return this.setData({ errors });
      this.setData({ busy: true, errors: {} });
      const reply = await call(
        'claim.submit',
        { invitationId: this.data.invitationId, name, phoneTail },
        { intent: formsOf(this).of('claim'), loading: '提交中', quiet: ['CLAIM.OPENID_BOUND', 'CLAIM.ALREADY_BOUND', 'INVITATION.EXPIRED', 'CLAIM.NAME_NOT_FOUND', 'CLAIM.TOO_MANY'], stayWhenUnbound: true },
      );
      this.setData({ busy: false });
      if (!reply.ok) {
        const code = reply.error.code;
        if (code === 'CLAIM.OPENID_BOUND') this.show('bound');
        else if (code === 'CLAIM.ALREADY_BOUND') this.show('taken');
        else if (code === 'INVITATION.EXPIRED') this.show('expired', reply.error.message);
        else if (code === 'CLAIM.NAME_NOT_FOUND') this.setData({ errors: { name: reply.error.message } });
        else if (code === 'CLAIM.TOO_MANY') this.show('limited', reply.error.message);
        return;
      }
      formsOf(this).done('claim');
      wx.setStorageSync(JOINING_KEY, { orgName: this.data.orgName, name });
      this.show('waiting', `您以“${name}”的身份申请加入${this.data.orgName}。书记会核对您填写的手机尾号，审核通过后即可使用。审核结果出来后，重新打开小程序或点下方按钮查看。`);
    },
    async check(quiet = false) {
      this.setData({ busy: true });
      const reply = await call('me', {}, { stayWhenUnbound: true, ...(quiet ? { loading: false } : {}) });
      this.setData({ busy: false });
      if (!reply.ok) return;
      const me = reply.data;
      if (me.bound) {
        keepIdentity(me);
        wx.removeStorageSync(JOINING_KEY);
        this.show('approved', `${me.person?.name ?? ''}，您已加入${me.org?.name ?? me.tenant?.name ?? ''}。`);
        return;
      }
      this.setData({ founder: (me.founds ?? []).length > 0, openid: me.openid });
      const status = me.claim?.status;
      // A claim has no machine in the core (the secretary approves or rejects it once): its status only picks the panel.
      // eslint-disable-next-line no-restricted-syntax -- see above
      if (status === 'PENDING') this.show('waiting');
      // eslint-disable-next-line no-restricted-syntax -- see above
      else if (status === 'REJECTED') this.show('refused');
      // eslint-disable-next-line no-restricted-syntax -- see above
      else if (status === 'CLOSED') this.show('taken');
      else if (me.founds?.length) this.show('none', '您是部署时指定的新单位管理员，点下方「创建我的单位」开始。如果您是来加入组织的，请打开书记发送的邀请。');
      else this.show('none');
    },
    /** 创建我的单位: the first administrator creates the unit (office/found). */
    found() {
      wx.navigateTo({ url: '/office/found/found' });
    },
    enter() {
      wx.reLaunch({ url: '/pages/home/index/index' });
    },
    again() {
      return this.open(this.data.invitationId);
    },
  },
});
