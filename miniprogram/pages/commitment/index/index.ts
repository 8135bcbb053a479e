// 公开承诺: my commitment (make, edit, mark fulfilment) and my branch's public commitments. Held text says
// 审核中. Opens with one call, `commitment.list` for my branch (plus `me` once if this phone keeps no identity).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, type ActionOutput, loadFailure } from '../../../services/api';
import { cstDateLabel, cstToday } from '../../../services/format';
import { identity } from '../../../services/identity';

type Listed = ActionOutput<'commitment.list'>['commitments'][number];
interface DraftItem {
  key: string;
  id?: string;
  content: string;
  progress: string;
  fulfilmentNotes: string;
}
interface Shown {
  id: string;
  ownerLabel: string;
  dateLabel: string;
  held: boolean;
  items: Listed['items'];
}

let keys = 0;
const blankItem = (): DraftItem => ({ key: `n${++keys}`, content: '', progress: '0', fulfilmentNotes: '' });

Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    canRetry: false,
    orgName: '',
    mine: null as (Shown & { version: number; date: string }) | null,
    others: [] as Shown[],
    editing: false,
    draft: [] as DraftItem[],
    errors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    retry() {
      return this.load(false);
    },
    onLoad() {
      return this.load();
    },
    /**
     * Shown again (a tab tap, the app reopened): the branch's commitments are read again. While mine is being
     * edited, mine stays as it was opened: the draft is its own data and is never overwritten, and the save
     * stays checked against the version the member started from (a newer one elsewhere is a conflict).
     */
    refresh() {
      return this.load(true);
    },
    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(quiet = false) {
      const who = await identity();
      if (!who.ok || !who.data) {
        if (quiet && this.data.loaded) return;
        // Bound without a roster entry (a tenant admin) or not bound at all: nothing of one's own to promise.
        this.setData({ failed: who.ok ? '公开承诺由名册中的党员和党组织作出。如果您是党员，请通过书记发送的邀请加入。' : who.error.message });
        return;
      }
      const me = who.data;
      const reply = await call('commitment.list', { campaignId: me.campaignId, orgId: me.orgId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!quiet || !this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const shown = (c: Listed): Shown => ({
        id: c.id,
        ownerLabel: c.owner.kind === 'ORG' ? `${c.ownerName || me.orgName}（支部承诺）` : c.ownerName || '党员承诺',
        dateLabel: cstDateLabel(c.date),
        held: c.held,
        items: c.items,
      });
      const mine = reply.data.commitments.find((c) => c.owner.kind === 'PERSON' && c.owner.personId === me.personId);
      this.setData({
        loaded: true,
        failed: '',
        orgName: me.orgName,
        ...(this.data.editing ? {} : { mine: mine ? { ...shown(mine), ownerLabel: me.personName, version: mine.version, date: mine.date } : null }),
        others: reply.data.commitments.filter((c) => c !== mine).map(shown),
      });
    },
    startEdit() {
      const mine = this.data.mine;
      const draft = mine?.items.length
        ? mine.items.map((i) => ({ key: i.id, id: i.id, content: i.content, progress: String(i.progress), fulfilmentNotes: i.fulfilmentNotes }))
        : [blankItem()];
      this.setData({ editing: true, draft, errors: {} });
    },
    cancelEdit() {
      this.setData({ editing: false, errors: {} });
    },
    addItem() {
      this.setData({ draft: [...this.data.draft, blankItem()] });
    },
    removeItem(e: WechatMiniprogram.TouchEvent) {
      const index = Number((e.currentTarget.dataset as { index?: number }).index);
      this.setData({ draft: this.data.draft.filter((_, i) => i !== index), errors: {} });
    },
    onField(e: WechatMiniprogram.Input) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: 'content' | 'progress' | 'fulfilmentNotes' };
      // Error keys are dotted issue paths (items.0.content), so drop the key instead of setting a data path.
      const errors = { ...this.data.errors };
      delete errors[`items.${index}.${field}`];
      this.setData({ [`draft[${index}].${field}`]: e.detail.value, errors });
    },
    async save() {
      const mine = this.data.mine;
      const items = this.data.draft.map((d) => ({
        ...(d.id ? { id: d.id } : {}),
        content: d.content,
        // An empty or non-numeric box is sent as is (NaN): the contract refuses it with a field error.
        progress: d.progress.trim() === '' ? Number.NaN : Number(d.progress),
        fulfilmentNotes: d.fulfilmentNotes,
      }));
      const who = await identity();
      if (!who.ok || !who.data) return;
      this.setData({ busy: true });
      const reply = await call(
        'commitment.saveMine',
        { campaignId: who.data.campaignId, items, date: mine?.date ?? cstToday(), ...(mine ? { version: mine.version } : {}) },
        { intent: formsOf(this).of('save'), loading: '保存中' },
      );
      this.setData({ busy: false });
      if (!reply.ok) {
        // The draft stays on screen; field errors go beside their fields.
        this.setData({ errors: fieldErrors(reply.error) });
        return;
      }
      formsOf(this).done('save');
      wx.showToast({ title: reply.data.moderation === 'HELD' ? '已提交，内容审核中' : '已保存并公开', icon: reply.data.moderation === 'HELD' ? 'none' : 'success' });
      this.setData({ editing: false, errors: {} });
      await this.load();
    },
  },
});
