// 活动办公室 (the tenant's office), on the phone and on PC WeChat: the org tree beside the chosen org's
// detail (secretary, committee, liaison leaders, members with their flags), editing links (the org, a
// new org under it, a new person, each person), 代录入点评 (the org's reviewers who still owe, for a leader
// not on the app), an invitation to share for each org as a card or as a
// mini program code to save, the 台帐 archive of an org with its progress, and the roster: template to
// download, filled file to import. Opens with one call: `org.tree`; choosing an org reads it (`org.get`);
// shown again (back from an edit, 加入申请, 内容审核, the app reopened) it reads both again.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, newIntent, type ActionOutput } from '../../services/api';
import { exportAndOpen, exportArchive, shareFile } from '../../services/files';
import { cstToday, instantLabel } from '../../services/format';
import { ORG_KIND_LABELS } from '../../core/contracts/org';

type Tree = ActionOutput<'org.tree'>['orgs'];
type Detail = ActionOutput<'org.get'>;

interface Node {
  id: string;
  name: string;
  kind: string;
  depth: number;
  bound: boolean;
}

/** The tree in reading order, each org under its parent, indented by depth. */
function flatten(orgs: Tree): Node[] {
  const live = orgs.filter((o) => !o.retired);
  const children = new Map<string | null, Tree>();
  for (const o of live) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  const ids = new Set(live.map((o) => o.id));
  const out: Node[] = [];
  const walk = (o: Tree[number], depth: number) => {
    out.push({ id: o.id, name: o.name, kind: ORG_KIND_LABELS[o.kind], depth, bound: Boolean(o.opengid) });
    for (const c of children.get(o.id) ?? []) walk(c, depth + 1);
  };
  for (const root of live.filter((o) => o.parentId === null || !ids.has(o.parentId))) walk(root, 0);
  return out;
}

Component({
  behaviors: [pageBehavior],
  data: {
    failed: '',
    loaded: false,
    tenantId: '',
    campaignId: '',
    nodes: [] as Node[],
    selected: '',
    detail: null as null | { name: string; kind: string; secretary: string; committee: string; liaisons: string; persons: Array<{ id: string; name: string; sub: string; flags: string }> },
    invitation: '',
    code: '',
    codeExpires: '',
    archive: '',
    /** The 台帐 made and downloaded to this phone, to send to a chat (WeChat cannot open a .zip). */
    archiveFile: null as null | { path: string; name: string },
    importResult: '',
    importErrors: [] as string[],
    busy: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const reply = await call('org.tree', {});
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      this.setData({ loaded: true, tenantId: reply.data.orgs[0]?.tenantId ?? '', nodes: flatten(reply.data.orgs) });
      // A link to one org (org=<id>) opens with it chosen.
      if (query.org) await this.chooseOrg(query.org);
    },
    /** Shown again: the tree and the chosen org may have changed (an edit, an import, a claim approved). */
    async refresh() {
      const reply = await call('org.tree', {}, { loading: false });
      if (!reply.ok) return;
      const nodes = flatten(reply.data.orgs);
      const selected = nodes.some((n) => n.id === this.data.selected) ? this.data.selected : '';
      this.setData({ loaded: true, failed: '', tenantId: reply.data.orgs[0]?.tenantId ?? '', nodes, selected, detail: selected ? this.data.detail : null });
      if (selected) await this.readOrg(selected, true);
    },
    /** Opens an edit page; the tree is read again on the way back (refresh). */
    edit(url: string) {
      wx.navigateTo({ url });
    },
    editOrg() {
      this.edit(`/office/org/org?id=${encodeURIComponent(this.data.selected)}`);
    },
    addOrg() {
      this.edit(`/office/org/org?parent=${encodeURIComponent(this.data.selected)}`);
    },
    addPerson() {
      this.edit(`/office/person/person?org=${encodeURIComponent(this.data.selected)}`);
    },
    editPerson(e: WechatMiniprogram.TouchEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      this.edit(`/office/person/person?org=${encodeURIComponent(this.data.selected)}&id=${encodeURIComponent(id)}`);
    },
    choose(e: WechatMiniprogram.TouchEvent) {
      return this.chooseOrg((e.currentTarget.dataset as { id: string }).id);
    },
    async chooseOrg(id: string) {
      this.setData({ selected: id, invitation: '', code: '', codeExpires: '', archive: '', archiveFile: null });
      await this.readOrg(id, false);
    },
    async readOrg(id: string, quiet: boolean) {
      const reply = await call('org.get', { orgId: id }, quiet ? { loading: false } : {});
      if (reply.ok) this.showDetail(reply.data);
    },
    showDetail(v: Detail) {
      const byId = new Map([...(v.holders ?? []), ...v.persons].map((p) => [p.id, p.name]));
      this.setData({
        detail: {
          name: v.org.name,
          kind: ORG_KIND_LABELS[v.org.kind],
          secretary: v.org.secretaryId ? (byId.get(v.org.secretaryId) ?? '') : '（空缺）',
          committee: v.org.committeeMemberIds.map((id) => byId.get(id) ?? '').filter(Boolean).join('、') || '（无）',
          liaisons: v.liaisons.map((l) => l.name).join('、') || '（无）',
          persons: v.persons
            .filter((p) => !p.left)
            .map((p) => ({
              id: p.id,
              name: p.name,
              sub: `${p.unitAndPost ?? ''}${p.isMember ? '' : '（群众）'}`,
              flags: [p.flags?.mobile ? `流动党员${p.inflowOrgName ? `（流入${p.inflowOrgName}）` : ''}` : '', p.flags?.intern ? '外出实习' : '', p.flags?.elderly ? '年老体弱' : '', p.bound ? '' : '未绑定微信'].filter(Boolean).join('、'),
            })),
        },
      });
    },
    async invite() {
      const form = `invite:${this.data.selected}`;
      this.setData({ busy: 'invite' });
      const reply = await call('invitation.create', { orgId: this.data.selected, days: 7 }, { intent: formsOf(this).of(form), loading: '生成中' });
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done(form);
      this.setData({ invitation: reply.data.invitationId, code: reply.data.code?.url ?? '', codeExpires: instantLabel(reply.data.expiresAt) });
    },
    /** 保存到相册: the code as a picture to print or forward; a refused album permission leads to the settings. */
    saveCode() {
      const url = this.data.code;
      if (!url) return Promise.resolve();
      return new Promise<void>((resolve) => {
        wx.downloadFile({
          url,
          success: (res) => {
            wx.saveImageToPhotosAlbum({
              filePath: res.tempFilePath,
              success: () => {
                wx.showToast({ title: '已保存到相册', icon: 'success' });
                resolve();
              },
              fail: (err) => {
                if (/auth|deny|denied/i.test(err.errMsg)) {
                  wx.showModal({ title: '需要相册权限', content: '请在设置中允许保存到相册，再点“保存到相册”。', confirmText: '去设置', success: (r) => r.confirm && wx.openSetting({}) });
                }
                resolve();
              },
            });
          },
          fail: () => {
            wx.showToast({ title: '下载失败，请检查网络后重试', icon: 'none' });
            resolve();
          },
        });
      });
    },
    /** The invitation card: a newcomer opens it and claims their name on the roster. */
    onShareAppMessage() {
      const name = this.data.detail?.name ?? '';
      return { title: `邀请您加入${name}，在领导点评小程序中填写姓名申请加入`, path: `/pages/join/join/join?id=${encodeURIComponent(this.data.invitation)}` };
    },
    async exportArchive() {
      this.setData({ busy: 'archive', archive: '正在准备…', archiveFile: null });
      const made = await exportArchive({ orgId: this.data.selected, campaignId: await this.campaignId(), cycleKey: cstToday().slice(0, 4) }, (step) => {
        this.setData({ archive: step.file ? '已生成，正在下载…' : `正在生成：${step.done} / ${step.total} 个党组织` });
      });
      if (!made.ok) {
        this.setData({ busy: '', archive: `没有生成：${made.error.message}` });
        return;
      }
      this.setData({ busy: '', archive: `已生成：${made.data.file.name}`, archiveFile: { path: made.data.filePath, name: made.data.file.name } });
    },
    /** 发到聊天: the .zip into a chat the office picks (its own 文件传输助手 to save it on a computer). */
    shareArchive() {
      const file = this.data.archiveFile;
      return file ? shareFile(file.path, file.name) : Promise.resolve(false);
    },
    downloadTemplate() {
      return exportAndOpen('roster.template', {});
    },
    /** 导入名册: a filled template from a chat, uploaded under the tenant's imports and checked all-or-nothing. */
    importRoster() {
      return new Promise<void>((resolve) => {
        wx.chooseMessageFile({
          count: 1,
          type: 'file',
          extension: ['xlsx'],
          success: async (res) => {
            await this.upload(res.tempFiles[0].path, res.tempFiles[0].name);
            resolve();
          },
          fail: () => resolve(),
        });
      });
    },
    async upload(filePath: string, name: string) {
      this.setData({ busy: 'import', importResult: '', importErrors: [] });
      const cloudPath = `imports/${this.data.tenantId}/${Date.now()}-${name.replace(/[^\w.\-\u4e00-\u9fa5]/g, '_')}`;
      let fileID = '';
      try {
        fileID = (await wx.cloud.uploadFile({ cloudPath, filePath })).fileID;
      } catch {
        this.setData({ busy: '', importResult: '上传失败，请检查网络后重试' });
        return;
      }
      const reply = await wx.cloud.callFunction({ name: 'export', data: { action: 'roster.importFile', payload: { fileID }, requestId: newIntent().requestId } });
      const r = (reply as { result?: { ok: boolean; data?: { orgs: number; persons: number }; error?: { message: string; issues?: Array<{ message: string }> } } }).result;
      this.setData({
        busy: '',
        importResult: r?.ok ? `已导入：党组织${r.data?.orgs ?? 0}个，人员${r.data?.persons ?? 0}人` : (r?.error?.message ?? '导入失败'),
        importErrors: r?.ok ? [] : (r?.error?.issues ?? []).map((i) => i.message).slice(0, 50),
      });
      // What was imported belongs in the tree now, not after leaving and coming back.
      if (r?.ok) await this.refresh();
    },
    /** 活动设置 of the tenant's newest campaign; a new unit with none makes its first there. */
    async toCampaign() {
      const id = await this.campaignId();
      wx.navigateTo({ url: id ? `/office/campaign/campaign?id=${encodeURIComponent(id)}` : '/office/campaign/campaign' });
    },
    /** The office's campaign: the tenant's newest (the office is often not on the roster, so no identity keeps one). */
    async campaignId(): Promise<string> {
      if (this.data.campaignId) return this.data.campaignId;
      const list = await call('campaign.list', {});
      const newest = list.ok ? [...list.data.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0] : undefined;
      this.setData({ campaignId: newest?.id ?? '' });
      return this.data.campaignId;
    },
    /** 加入申请 of the chosen org: approve or reject each newcomer's claim (a decision changes the roster). */
    toClaims() {
      this.edit(`/pages/claims/list/list?orgId=${encodeURIComponent(this.data.selected)}`);
    },
    /** 点评进度 of the whole tree: the dashboard of the top org (gaps, 导出进度表, 本次上报 from there). */
    async toProgress() {
      const root = this.data.nodes.find((n) => n.depth === 0);
      const id = await this.campaignId();
      if (root && id) wx.navigateTo({ url: `/pages/progress/index/index?orgId=${encodeURIComponent(root.id)}&campaignId=${encodeURIComponent(id)}` });
    },
    /** 代录入点评 for the chosen org: its reviewers who still owe, each opening 发起点评 on their behalf. */
    async toEnterFor() {
      const id = await this.campaignId();
      const name = this.data.detail?.name ?? '';
      if (id) wx.navigateTo({ url: `/office/enter/enter?orgId=${encodeURIComponent(this.data.selected)}&orgName=${encodeURIComponent(name)}&campaignId=${encodeURIComponent(id)}` });
    },
    toModeration() {
      wx.navigateTo({ url: '/office/moderation/moderation' });
    },
  },
});
