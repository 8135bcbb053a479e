// 本支部: the branch's secretary, members and bound WeChat group, with 发起点评 one tap away. Shared into
// the group it is the binding card; opened from that card in the group, the secretary binds the group.
// Opens with one call: `org.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure, type ActionOutput } from '../../../services/api';
import { exportAndOpen } from '../../../services/files';
import { cstToday } from '../../../services/format';
import { enteredGroupCloudId, groupField, shareWithTicket } from '../../../services/group';
import { identity, keptIdentity } from '../../../services/identity';
import { ORG_KIND_LABELS } from '../../../core/contracts/org';

type OrgView = ActionOutput<'org.get'>;

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    name: '',
    kind: '',
    /** The org's kind and upper org, passed to 汇总通报. */
    kindKey: '',
    parentId: '',
    secretary: '',
    members: [] as Array<{ id: string; name: string; sub: string; flags: string }>,
    memberCount: 0,
    bound: false,
    /** Opened from a group chat: the secretary may bind this group here. */
    groupCloudId: '',
    mine: false,
    busy: false,
    exporting: false,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      shareWithTicket();
      const known = await identity();
      const me = known.ok ? known.data : null;
      const id = query.id || me?.secretaryOf[0] || me?.orgId || '';
      this.setData({ id, groupCloudId: (await enteredGroupCloudId()) ?? '' });
      await this.load();
    },
    /** Shown again (back from 发起点评, the office's edits, a claim approved): members and the bound group as they are now. */
    refresh() {
      return this.load(true);
    },
    async load(quiet = false) {
      const reply = await call('org.get', { orgId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.name) this.setData(loadFailure(reply.error));
        return;
      }
      this.show(reply.data);
    },
    show(v: OrgView) {
      const byId = new Map(v.persons.map((p) => [p.id, p]));
      const members = v.persons.filter((p) => p.isMember && !p.left);
      const me = keptIdentity();
      this.setData({
        failed: '',
        name: v.org.name,
        kind: ORG_KIND_LABELS[v.org.kind],
        kindKey: v.org.kind,
        parentId: v.org.parentId ?? '',
        secretary: v.org.secretaryId ? (byId.get(v.org.secretaryId)?.name ?? '') : '',
        memberCount: members.length,
        members: members.map((p) => ({
          id: p.id,
          name: p.name,
          sub: p.unitAndPost ?? '',
          flags: [p.flags?.mobile ? '流动党员' : '', p.flags?.elderly ? '年老体弱' : '', p.flags?.intern ? '外出实习' : '', p.bound ? '' : '未绑定微信'].filter(Boolean).join('、'),
        })),
        bound: Boolean(v.org.opengid),
        mine: Boolean(me && (me.secretaryOf.includes(v.org.id) || v.org.secretaryId === me.personId)),
      });
    },
    async bindGroup() {
      if (!this.data.groupCloudId) return;
      this.setData({ busy: true });
      const reply = await call('org.bindGroup', { orgId: this.data.id, group: groupField(this.data.groupCloudId) }, { intent: formsOf(this).of('bind'), loading: '绑定中' });
      this.setData({ busy: false });
      if (!reply.ok) return;
      formsOf(this).done('bind');
      wx.showToast({ title: '已绑定本群', icon: 'success' });
      this.setData({ bound: true });
    },
    /** 导出档案: the 领导点评党员档案 of this org's members for this year. */
    async exportArchive() {
      const me = keptIdentity();
      this.setData({ exporting: true });
      await exportAndOpen('form.members', { orgId: this.data.id, campaignId: me?.campaignId ?? '', cycleKey: cstToday().slice(0, 4) });
      this.setData({ exporting: false });
    },
    /** 汇总通报: several sessions' reviews in one notice; the page is told the org so it opens with one call. */
    compileNotice() {
      const q = `orgId=${encodeURIComponent(this.data.id)}&kind=${this.data.kindKey}&parentId=${encodeURIComponent(this.data.parentId)}&name=${encodeURIComponent(this.data.name)}`;
      wx.navigateTo({ url: `/pages/publication/publish/publish?compile=1&${q}` });
    },
    startSession() {
      wx.navigateTo({ url: `/pages/session/start/start?orgId=${encodeURIComponent(this.data.id)}` });
    },
    /** The binding card: opened in the group by the secretary, it binds that group to this branch. */
    onShareAppMessage() {
      return { title: `${this.data.name}：点此绑定本群，以后在群里发起点评`, path: `/pages/org/branch/branch?id=${encodeURIComponent(this.data.id)}` };
    },
  },
});
