// 我的: who I am (unit, org, posts and roles), 大字模式 and the 消息提醒 state. Opens with one call: `me`.
import { pageBehavior } from '../../../behaviors/page';
import { call } from '../../../services/api';
import { setBigText } from '../../../services/font';
import { ORG_KIND_LABELS } from '../../../core/contracts/org';
import { keepIdentity } from '../../../services/identity';
import { askReminders, type ReminderState } from '../../../services/reminders';
import { reminderKindsFor, reminderSummary, type ReminderPerson } from '../../../core/domain/reminders';

Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    bound: false,
    name: '',
    tenantName: '',
    orgName: '',
    unitAndPost: '',
    roles: [] as string[],
    /** Where each role's work is: the branch, progress, 典型, the office. */
    work: [] as Array<{ key: string; title: string; sub: string; url: string }>,
    remindText: '未开启',
    mainSwitchOff: false,
    remindKinds: [] as Array<{ kind: string; label: string; state: string }>,
    /** Whether the main switch is on (wx.getSetting), and what the person does (the kinds that apply). */
    switchOn: true,
    who: { reviewer: false, secretary: false, admin: false } as ReminderPerson,
    lastState: null as ReminderState | null,
  },
  methods: {
    onLoad() {
      return this.load(false);
    },
    /** Shown again: posts and roles given meanwhile (a new secretary, the office), and the reminder credits. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      this.readReminders();
      const reply = await call('me', {}, { stayWhenUnbound: true, ...(quiet ? { loading: false } : {}) });
      if (!reply.ok) return;
      const me = reply.data;
      keepIdentity(me);
      if (!me.bound) {
        this.setData({ loaded: true, bound: false });
        return;
      }
      const who = {
        reviewer: me.roles.secretaryOf.length + me.roles.committeeOf.length + me.roles.liaisonOf.length > 0,
        secretary: me.roles.secretaryOf.length > 0,
        admin: me.roles.admin,
      };
      this.setData({ who });
      const subs = await call('subscription.get', {}, { loading: false });
      if (subs.ok) this.showReminderState(subs.data);
      const roles = [
        ...(me.roles.admin ? ['单位管理员（活动办公室）'] : []),
        ...me.roles.secretaryOf.map((o) => `${o.name}书记`),
        ...me.roles.committeeOf.map((o) => `${o.name}（${ORG_KIND_LABELS[o.kind]}）班子成员`),
        ...me.roles.liaisonOf.map((o) => `${o.name}联系点领导`),
      ];
      const lead = me.roles.secretaryOf[0];
      // The office sees the whole tree's progress; a secretary their own unit's.
      const watched = me.roles.officeOf ?? lead;
      // The office is often not on the roster (no identity keeps a campaign): the link names the newest.
      const campaign = [...me.campaigns].sort((x, y) => y.start.localeCompare(x.start))[0];
      const work = [
        ...(lead ? [{ key: 'branch', title: `${lead.kind === 'BRANCH' ? '本支部' : '本组织'}：${lead.name}`, sub: '绑定微信群，发起点评', url: `/pages/org/branch/branch?id=${encodeURIComponent(lead.id)}` }] : []),
        ...(lead ? [{ key: 'claims', title: '加入申请', sub: '审核认领名册的党员', url: `/pages/claims/list/list?orgId=${encodeURIComponent(lead.id)}` }] : []),
        ...(watched ? [{ key: 'progress', title: '点评进度', sub: '完成情况、缺口、提醒未完成的、本次上报', url: `/pages/progress/index/index?orgId=${encodeURIComponent(watched.id)}${campaign ? `&campaignId=${encodeURIComponent(campaign.id)}` : ''}` }] : []),
        { key: 'exemplary', title: '典型点评', sub: '评为典型的点评', url: '/pages/review/exemplary/exemplary' },
        ...(me.roles.admin ? [{ key: 'office', title: '活动办公室', sub: '组织和人员、名册导入、邀请、内容审核', url: '/office/index/index' }] : []),
      ];
      this.setData({
        work,
        loaded: true,
        bound: true,
        name: me.person?.name ?? (me.roles.admin ? '单位管理员' : ''),
        tenantName: me.tenant?.name ?? '',
        orgName: me.org?.name ?? '',
        unitAndPost: me.person?.unitAndPost ?? '',
        roles,
      });
    },
    toggleBigText(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData(setBigText(e.detail.value));
    },
    /** The whole row is the tap target (the switch alone is small for older fingers). */
    tapBigText() {
      this.setData(setBigText(!this.data.bigText));
    },
    go(e: WechatMiniprogram.TouchEvent) {
      const url = (e.currentTarget.dataset as { url?: string }).url;
      if (url) wx.navigateTo({ url });
    },
    noop() {
      // The switch reports its own change; its tap must not also reach the row.
    },
    readReminders() {
      wx.getSetting({
        withSubscriptions: true,
        success: (res) => {
          const on = res.subscriptionsSetting?.mainSwitch !== false;
          this.setData({ switchOn: on, mainSwitchOff: !on || (this.data.lastState?.mainSwitchOff ?? false) });
          if (this.data.lastState) this.showReminderState(this.data.lastState);
          else if (!on) this.setData({ remindText: reminderSummary(false, []) });
        },
      });
    },
    /** Per kind: how many sends are left (each accepted template is one), or that it was refused. */
    showReminderState(state: ReminderState) {
      // Only the kinds that can reach this person (a member is never reminded of progress reports).
      const applies = new Set<string>(reminderKindsFor(this.data.who));
      const kinds = state.kinds.filter((k) => applies.has(k.kind));
      const off = this.data.mainSwitchOff || state.mainSwitchOff;
      this.setData({
        lastState: state,
        mainSwitchOff: off,
        remindText: reminderSummary(this.data.switchOn && !state.mainSwitchOff, kinds),
        remindKinds: kinds.map((k) => ({ kind: k.kind, label: k.label, state: k.credits > 0 ? `可提醒 ${k.credits} 次` : k.refused ? '已拒绝' : '未开启' })),
      });
    },
    /** From a tap: asks for the reminders of the home screen again. */
    async enableReminders() {
      const state = await askReminders('HOME');
      if (state) this.showReminderState(state);
    },
    /** The main switch is off: only the settings page can turn it back on. */
    openSettings() {
      wx.openSetting({ withSubscriptions: true, success: () => this.readReminders() });
    },
  },
});
