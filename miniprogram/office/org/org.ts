// 党组织 (office): make an org under a parent (parent=<id>), or edit one (id=<id>): its name and kind, its
// secretary, its committee, its liaison leaders (联系点), where it sits in the tree, and retiring it.
// The form (name, kind, secretary, committee) saves at once with the org's version (`org.update` checks it
// all before writing anything); refusals show beside their fields; only the kinds allowed where the org sits
// are offered (domain: kindsAt). Liaison points, moving and retiring are their own steps and ask first. Opens with one call: `org.get` (of the org, or of the parent it is made under); the
// tree (`org.tree`) is read only when a move or a liaison leader is being chosen.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, fieldErrors, type ActionOutput } from '../../services/api';
import { ORG_KIND_LABELS, type OrgKind } from '../../core/contracts/org';
import { kindsAt, kindsUnder, moveTargets } from '../../core/domain/tree';
import { confirm } from '../../services/confirm';

type Detail = ActionOutput<'org.get'>;
type TreeOrg = ActionOutput<'org.tree'>['orgs'][number];
interface Choice {
  id: string;
  name: string;
  sub: string;
}

Component({
  behaviors: [pageBehavior],
  data: {
    failed: '',
    loaded: false,
    creating: false,
    id: '',
    version: 0,
    parentId: '',
    parentName: '',
    path: [] as string[],
    retired: false,
    title: '',
    name: '',
    kind: '' as OrgKind | '',
    kinds: [] as Array<{ value: OrgKind; label: string }>,
    members: [] as Array<{ id: string; name: string; secretary: boolean; committee: boolean }>,
    secretaryId: '',
    committeeIds: [] as string[],
    liaisons: [] as Choice[],
    // Reading the tree for a move or a liaison point.
    tree: [] as TreeOrg[],
    moving: false,
    targets: [] as Choice[],
    target: '',
    adding: false,
    uppers: [] as Choice[],
    upper: '',
    candidates: [] as Choice[],
    leader: '',
    errors: {} as Record<string, string>,
    busy: '',
    /** Typed or chosen since the org was read: a re-show must not undo it. */
    dirty: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const creating = !query.id && Boolean(query.parent);
      const reply = await call('org.get', { orgId: query.id ?? query.parent ?? '' });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      if (creating) {
        const parent = reply.data.org;
        const kinds = kindsUnder(parent.kind).map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));
        this.setData({ loaded: true, creating, parentId: parent.id, parentName: parent.name, title: `在“${parent.name}”下新建党组织`, kinds, kind: kinds.length === 1 ? kinds[0].value : '' });
        return;
      }
      this.show(reply.data);
    },
    /**
     * Shown again: an edit form. Once the office has typed or chosen anything, nothing is read, so no input
     * is lost (each save is checked against the version the form was read at: a change made elsewhere comes
     * back as a conflict, never silently overwritten). Untouched, the org (a new org has nothing to read) is read again.
     */
    async refresh() {
      const d = this.data;
      if (d.dirty || d.creating || !d.id) return;
      const reply = await call('org.get', { orgId: d.id }, { loading: false });
      if (reply.ok && !this.data.dirty) this.show(reply.data);
    },
    show(v: Detail) {
      const o = v.org;
      // Post holders registered in another org (the top org's secretary often is) are choices too.
      const own = v.persons.filter((p) => !p.left && p.isMember);
      const members = [...own, ...(v.holders ?? []).filter((h) => !own.some((p) => p.id === h.id))];
      this.setData({
        loaded: true,
        dirty: false,
        id: o.id,
        version: o.version,
        parentId: o.parentId ?? '',
        path: o.path,
        retired: o.retired ?? false,
        title: o.name,
        name: o.name,
        kind: o.kind,
        kinds: kindsAt(v.parentKind, v.children.map((c) => c.kind)).map((k) => ({ value: k, label: ORG_KIND_LABELS[k] })),
        secretaryId: o.secretaryId ?? '',
        committeeIds: o.committeeMemberIds,
        members: members.map((p) => ({ id: p.id, name: p.name, secretary: p.id === o.secretaryId, committee: o.committeeMemberIds.includes(p.id) })),
        liaisons: v.liaisons.map((p) => ({ id: p.id, name: p.name, sub: p.unitAndPost ?? '' })),
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onKind(e: WechatMiniprogram.CustomEvent<{ value: OrgKind }>) {
      this.setData({ dirty: true, kind: e.detail.value, 'errors.kind': '' });
    },
    onSecretary(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ dirty: true, secretaryId: e.detail.value, 'errors.secretaryId': '' });
    },
    onCommittee(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ dirty: true, committeeIds: e.detail.value, 'errors.committeeIds': '' });
    },
    /** Shows the server's refusal beside the part it concerns. */
    refuse(error: { code: string; message: string; issues?: Array<{ path: Array<string | number>; message: string }> }, field: string) {
      const errors = fieldErrors(error);
      if (!Object.keys(errors).length) errors[field] = error.message;
      this.setData({ errors: { ...this.data.errors, ...errors } });
    },
    /** 保存: the whole form in one `org.update` (or `org.create` when making one); a refusal shows beside its field. */
    async save() {
      const d = this.data;
      const missing: Record<string, string> = {};
      if (!d.name.trim()) missing.name = '请填写党组织名称';
      if (!d.kind) missing.kind = '请选择党组织类型';
      if (Object.keys(missing).length) return this.setData({ errors: missing });
      this.setData({ busy: 'save', errors: {} });
      if (d.creating) {
        const reply = await call('org.create', { name: d.name, kind: d.kind as OrgKind, parentId: d.parentId }, { intent: formsOf(this).of('create'), loading: '保存中', quiet: ['ORG.INVALID_PARENT_KIND'] });
        this.setData({ busy: '' });
        if (!reply.ok) return this.refuse(reply.error, 'kind');
        formsOf(this).done('create');
        wx.showToast({ title: '党组织已建立', icon: 'success' });
        wx.redirectTo({ url: `/office/org/org?id=${encodeURIComponent(reply.data.id)}` });
        return;
      }
      const input = { orgId: d.id, version: d.version, name: d.name, kind: d.kind as OrgKind, secretaryId: d.secretaryId || null, committeeIds: d.committeeIds };
      const reply = await call('org.update', input, { intent: formsOf(this).of('save'), loading: '保存中', quiet: ['ORG.INVALID_PARENT_KIND', 'PERSON.NOT_FOUND', 'PERSON.LEFT', 'PERSON.NOT_MEMBER'] });
      this.setData({ busy: '' });
      if (!reply.ok) return this.refuse(reply.error, 'form');
      formsOf(this).done('save');
      wx.showToast({ title: '已保存', icon: 'success' });
      this.setData({
        dirty: false,
        version: reply.data.version,
        title: d.name,
        members: d.members.map((m) => ({ ...m, secretary: m.id === d.secretaryId, committee: d.committeeIds.includes(m.id) })),
      });
    },
    /** The tenant's orgs, read once when a move or a liaison point needs them. */
    async loadTree(): Promise<TreeOrg[]> {
      if (this.data.tree.length) return this.data.tree;
      const reply = await call('org.tree', {}, { loading: '读取组织架构' });
      if (!reply.ok) return [];
      this.setData({ tree: reply.data.orgs });
      return reply.data.orgs;
    },
    async startMove() {
      const tree = await this.loadTree();
      const self = tree.find((o) => o.id === this.data.id);
      if (!self) return;
      const targets = moveTargets(tree, self).map((o) => ({ id: o.id, name: o.name, sub: ORG_KIND_LABELS[o.kind] }));
      this.setData({ moving: true, adding: false, targets, target: '', 'errors.move': targets.length ? '' : '没有可以移入的上级党组织' });
    },
    onTarget(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ target: e.detail.value, 'errors.move': '' });
    },
    async move() {
      const d = this.data;
      const target = d.targets.find((t) => t.id === d.target);
      if (!target) return this.setData({ 'errors.move': '请选择新的上级党组织' });
      if (!(await confirm('移动党组织', `确定将“${d.title}”移到“${target.name}”之下？其下级党组织和人员随之移动。`, '移动'))) return;
      this.setData({ busy: 'move' });
      const reply = await call('org.move', { orgId: d.id, version: d.version, parentId: target.id }, { intent: formsOf(this).of('move'), loading: '移动中', quiet: ['ORG.CYCLE', 'ORG.INVALID_PARENT_KIND'] });
      this.setData({ busy: '' });
      if (!reply.ok) return this.refuse(reply.error, 'move');
      formsOf(this).done('move');
      wx.showToast({ title: '已移动', icon: 'success' });
      this.setData({ version: reply.data.version, parentId: target.id, moving: false, tree: [] });
    },
    async retire() {
      const d = this.data;
      if (!(await confirm('撤销党组织', `确定撤销“${d.title}”？撤销后不再列入点评，已有记录保留。`, '撤销'))) return;
      this.setData({ busy: 'retire' });
      const reply = await call('org.retire', { orgId: d.id, version: d.version }, { intent: formsOf(this).of('retire'), loading: '撤销中', quiet: ['ORG.HAS_CHILDREN', 'ORG.HAS_PERSONS'] });
      this.setData({ busy: '' });
      if (!reply.ok) return this.refuse(reply.error, 'retire');
      formsOf(this).done('retire');
      wx.showToast({ title: '已撤销', icon: 'success' });
      this.setData({ retired: true, version: reply.data.version });
      wx.navigateBack();
    },
    /** 添加联系点领导: first the upper org the leader sits in, then the leader. */
    async startLiaison() {
      const tree = await this.loadTree();
      const byId = new Map(tree.map((o) => [o.id, o]));
      const uppers = this.data.path.map((id) => byId.get(id)).filter((o): o is TreeOrg => !!o && !o.retired).map((o) => ({ id: o.id, name: o.name, sub: ORG_KIND_LABELS[o.kind] }));
      this.setData({ adding: true, moving: false, uppers, upper: '', candidates: [], leader: '', 'errors.liaison': uppers.length ? '' : '该党组织没有上级党组织' });
    },
    async onUpper(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const upper = e.detail.value;
      this.setData({ upper, candidates: [], leader: '', 'errors.liaison': '' });
      const reply = await call('org.get', { orgId: upper }, { loading: '读取人员' });
      if (!reply.ok) return;
      const o = reply.data.org;
      const rank = (id: string) => (id === o.secretaryId ? 0 : o.committeeMemberIds.includes(id) ? 1 : 2);
      const taken = new Set(this.data.liaisons.map((l) => l.id));
      const candidates = reply.data.persons
        .filter((p) => !p.left && p.isMember && !taken.has(p.id))
        .sort((a, b) => rank(a.id) - rank(b.id))
        .map((p) => ({ id: p.id, name: p.name, sub: rank(p.id) === 0 ? '书记' : rank(p.id) === 1 ? '班子成员' : (p.unitAndPost ?? '') }));
      this.setData({ candidates });
    },
    onLeader(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ leader: e.detail.value, 'errors.liaison': '' });
    },
    async addLiaison() {
      const d = this.data;
      const leader = d.candidates.find((c) => c.id === d.leader);
      if (!leader) return this.setData({ 'errors.liaison': '请选择联系点领导' });
      this.setData({ busy: 'liaison' });
      const reply = await call('liaison.assign', { leaderId: leader.id, orgId: d.id }, { intent: formsOf(this).of(`liaison:${leader.id}`), loading: '保存中', quiet: ['REVIEW.SELF'] });
      this.setData({ busy: '' });
      if (!reply.ok) return this.refuse(reply.error, 'liaison');
      formsOf(this).done(`liaison:${leader.id}`);
      wx.showToast({ title: '联系点已添加', icon: 'success' });
      this.setData({ liaisons: [...d.liaisons, leader], adding: false });
    },
    async removeLiaison(e: WechatMiniprogram.TouchEvent) {
      const leader = this.data.liaisons[(e.currentTarget.dataset as { i: number }).i];
      if (!leader) return;
      if (!(await confirm('移除联系点', `确定不再由${leader.name}联系“${this.data.title}”？`, '移除'))) return;
      const reply = await call('liaison.remove', { leaderId: leader.id, orgId: this.data.id }, { intent: formsOf(this).of(`unliaison:${leader.id}`), loading: '保存中' });
      if (!reply.ok) return this.refuse(reply.error, 'liaison');
      formsOf(this).done(`unliaison:${leader.id}`);
      this.setData({ liaisons: this.data.liaisons.filter((l) => l.id !== leader.id) });
    },
  },
});
