// 人员 (office): add a person to an org (org=<id>) or edit one (org=<id>&id=<person>): name, 单位及职务,
// party member or not, and the special-member flags — 流动党员 with the org they flow into, 外出实习,
// 年老体弱. Moving them to another org and taking them off the roster (转出/不在岗) ask first.
// Opens with one call: `org.get` of their org; the tree (`org.tree`) is read only to choose an org.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, fieldErrors, type ActionOutput } from '../../services/api';
import { ORG_KIND_LABELS, type PersonFlags } from '../../core/contracts/org';
import { confirm } from '../../services/confirm';

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
    creating: true,
    orgId: '',
    orgName: '',
    id: '',
    version: 0,
    left: false,
    title: '',
    name: '',
    unitAndPost: '',
    isMember: true,
    mobile: false,
    inflowOrgId: '',
    inflowOrgName: '',
    intern: false,
    elderly: false,
    // The tenant's orgs, read when an org must be chosen (inflow org, or where to move).
    orgs: [] as Choice[],
    choosingInflow: false,
    moving: false,
    target: '',
    errors: {} as Record<string, string>,
    busy: '',
    /** Typed or chosen since the person was read: a re-show must not undo it. */
    dirty: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined> = {}) {
      const reply = await call('org.get', { orgId: query.org ?? '' });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const org = reply.data.org;
      this.setData({ loaded: true, orgId: org.id, orgName: org.name, title: `在“${org.name}”新增人员` });
      if (!query.id) return;
      const p = reply.data.persons.find((x) => x.id === query.id);
      if (!p) {
        this.setData({ loaded: false, failed: '该人员不在这个党组织的名册中' });
        return;
      }
      this.showPerson(p);
    },
    /**
     * Shown again: an edit form. Once the office has typed or chosen anything, nothing is read, so no input
     * is lost (each save is checked against the version the form was read at: a change made elsewhere comes
     * back as a conflict, never silently overwritten). Untouched, the person is read again (a new person
     * has nothing to read; one moved or taken off the roster elsewhere is left as shown).
     */
    async refresh() {
      const d = this.data;
      if (d.dirty || d.creating || !d.id) return;
      const reply = await call('org.get', { orgId: d.orgId }, { loading: false });
      const p = reply.ok ? reply.data.persons.find((x) => x.id === d.id) : undefined;
      if (p && !this.data.dirty) this.showPerson(p);
    },
    showPerson(p: ActionOutput<'org.get'>['persons'][number]) {
      this.setData({
        dirty: false,
        creating: false,
        id: p.id,
        version: p.version,
        left: p.left,
        title: p.name,
        name: p.name,
        unitAndPost: p.unitAndPost ?? '',
        isMember: p.isMember,
        mobile: Boolean(p.flags?.mobile),
        inflowOrgId: p.flags?.mobile?.inflowOrgId ?? '',
        inflowOrgName: p.inflowOrgName ?? '',
        intern: p.flags?.intern === true,
        elderly: p.flags?.elderly === true,
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    async onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, [`errors.${field}`]: '' });
      // A new 流动党员 needs the org they flow into: offer the list at once.
      if (field === 'mobile' && e.detail.value && !this.data.inflowOrgId) await this.chooseInflow();
    },
    /** The tenant's live orgs other than this person's own, read once. */
    async loadOrgs(): Promise<Choice[]> {
      if (this.data.orgs.length) return this.data.orgs;
      const reply = await call('org.tree', {}, { loading: '读取组织架构' });
      if (!reply.ok) return [];
      const orgs = reply.data.orgs.filter((o) => !o.retired).map((o) => ({ id: o.id, name: o.name, sub: ORG_KIND_LABELS[o.kind] }));
      this.setData({ orgs });
      return orgs;
    },
    async chooseInflow() {
      await this.loadOrgs();
      this.setData({ choosingInflow: true });
    },
    onInflow(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const org = this.data.orgs.find((o) => o.id === e.detail.value);
      this.setData({ dirty: true, inflowOrgId: e.detail.value, inflowOrgName: org?.name ?? '', choosingInflow: false, 'errors.inflow': '' });
    },
    flags(): PersonFlags {
      const d = this.data;
      return { ...(d.mobile ? { mobile: { inflowOrgId: d.inflowOrgId } } : {}), ...(d.intern ? { intern: true } : {}), ...(d.elderly ? { elderly: true } : {}) };
    },
    async save() {
      const d = this.data;
      // Checked here so nothing half-made is sent: a 流动党员 needs the org they flow into.
      const errors: Record<string, string> = {};
      if (!d.name.trim()) errors.name = '请填写姓名';
      if (d.mobile && !d.inflowOrgId) errors.inflow = '请选择流入地党组织';
      if (Object.keys(errors).length) return this.setData({ errors });
      this.setData({ busy: 'save', errors: {} });
      const fields = { name: d.name, unitAndPost: d.unitAndPost.trim() || undefined, isMember: d.isMember, flags: this.flags() };
      const reply = d.creating
        ? await call('person.create', { orgId: d.orgId, ...fields }, { intent: formsOf(this).of('create'), loading: '保存中', quiet: ['INPUT.INVALID'] })
        : await call('person.update', { personId: d.id, version: d.version, ...fields }, { intent: formsOf(this).of('save'), loading: '保存中', quiet: ['INPUT.INVALID', 'PERSON.NOT_MEMBER'] });
      this.setData({ busy: '' });
      if (!reply.ok) {
        const found = fieldErrors(reply.error);
        const shown: Record<string, string> = {};
        for (const [path, message] of Object.entries(found)) shown[path.startsWith('flags.mobile') ? 'inflow' : path.split('.')[0]] = message;
        if (reply.error.code === 'PERSON.NOT_MEMBER') shown.isMember = reply.error.message;
        if (!Object.keys(shown).length) wx.showToast({ title: reply.error.message, icon: 'none', duration: 3000 });
        return this.setData({ errors: shown });
      }
      if (d.creating) {
        formsOf(this).done('create');
        wx.showToast({ title: '已加入名册', icon: 'success' });
        wx.redirectTo({ url: `/office/person/person?org=${encodeURIComponent(d.orgId)}&id=${encodeURIComponent(reply.data.id)}` });
        return;
      }
      formsOf(this).done('save');
      wx.showToast({ title: '已保存', icon: 'success' });
      this.setData({ version: reply.data.version, title: d.name });
    },
    async startMove() {
      await this.loadOrgs();
      this.setData({ moving: true, target: '', 'errors.move': '' });
    },
    onTarget(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ target: e.detail.value, 'errors.move': '' });
    },
    async move() {
      const d = this.data;
      const target = d.orgs.find((o) => o.id === d.target && o.id !== d.orgId);
      if (!target) return this.setData({ 'errors.move': '请选择要转入的党组织' });
      if (!(await confirm('转移组织关系', `确定将${d.title}从“${d.orgName}”转到“${target.name}”？原组织的记录保留。`, '转移'))) return;
      this.setData({ busy: 'move' });
      const reply = await call('person.move', { personId: d.id, version: d.version, orgId: target.id }, { intent: formsOf(this).of('move'), loading: '转移中' });
      this.setData({ busy: '' });
      if (!reply.ok) return this.setData({ 'errors.move': reply.error.message });
      formsOf(this).done('move');
      wx.showToast({ title: '已转移', icon: 'success' });
      this.setData({ version: reply.data.version, orgId: target.id, orgName: target.name, moving: false });
    },
    async retire() {
      const d = this.data;
      if (!(await confirm('移出名册', `确定将${d.title}移出名册（转出或不再在岗）？其担任的书记、班子成员等职务将显示为空缺，已有记录保留。`, '移出'))) return;
      this.setData({ busy: 'retire' });
      const reply = await call('person.retire', { personId: d.id, version: d.version }, { intent: formsOf(this).of('retire'), loading: '保存中' });
      this.setData({ busy: '' });
      if (!reply.ok) return this.setData({ 'errors.retire': reply.error.message });
      formsOf(this).done('retire');
      wx.showToast({ title: '已移出名册', icon: 'success' });
      this.setData({ left: true, version: reply.data.version });
      wx.navigateBack();
    },
  },
});
