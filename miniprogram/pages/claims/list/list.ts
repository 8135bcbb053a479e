// 加入申请: the people who claimed a name on the branch's roster, to approve or reject one by one.
// Opens with one call: `claim.list`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call } from '../../../services/api';
import { instantLabel } from '../../../services/format';
import { identity } from '../../../services/identity';


Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    failed: '',
    loaded: false,
    claims: [] as Array<{ claimId: string; name: string; at: string; decided: string }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // Opened from 待办 or 我的 with the org; otherwise the org the secretary leads.
      const me = query.orgId ? null : await identity();
      const orgId = query.orgId || (me && me.ok && me.data ? me.data.secretaryOf[0] || me.data.orgId : '');
      this.setData({ orgId });
      await this.load(false);
    },
    /** Shown again: claims made meanwhile appear, and those decided elsewhere (the office, another phone) go. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('claim.list', { orgId: this.data.orgId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData({ failed: reply.error.message });
        return;
      }
      this.setData({ loaded: true, failed: '', claims: reply.data.claims.map((c) => ({ claimId: c.claimId, name: c.personName, at: instantLabel(c.createdAt), decided: '' })) });
    },
    approve(e: WechatMiniprogram.TouchEvent) {
      return this.decide((e.currentTarget.dataset as { i: number }).i, true);
    },
    reject(e: WechatMiniprogram.TouchEvent) {
      return this.decide((e.currentTarget.dataset as { i: number }).i, false);
    },
    async decide(i: number, approve: boolean) {
      const claim = this.data.claims[i];
      if (!claim || claim.decided) return;
      const reply = await call('claim.decide', { claimId: claim.claimId, approve }, { intent: formsOf(this).of(claim.claimId), loading: '提交中' });
      if (!reply.ok) return;
      formsOf(this).done(claim.claimId);
      this.setData({ [`claims[${i}].decided`]: approve ? '已同意' : '已拒绝' });
    },
  },
});
