// 加入申请: the people who claimed a name on the branch's roster, to approve or reject one by one.
// Opens with one call: `claim.list`.
import { call } from '../../../services/api';
import { textSize } from '../../../services/font';
import { instantLabel } from '../../../services/format';
import { identity } from '../../../services/identity';
import { intents } from '../../../services/submit';

const forms = intents();

Component({
  data: {
    ...textSize(),
    orgId: '',
    failed: '',
    loaded: false,
    claims: [] as Array<{ claimId: string; name: string; at: string; decided: string }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData(textSize());
      // Opened from 待办 or 我的 with the org; otherwise the org the secretary leads.
      const me = query.orgId ? null : await identity();
      const orgId = query.orgId || (me && me.ok && me.data ? me.data.secretaryOf[0] || me.data.orgId : '');
      this.setData({ orgId });
      const reply = await call('claim.list', { orgId });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      this.setData({ loaded: true, claims: reply.data.claims.map((c) => ({ claimId: c.claimId, name: c.personName, at: instantLabel(c.createdAt), decided: '' })) });
    },
    onShow() {
      this.setData(textSize());
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
      const reply = await call('claim.decide', { claimId: claim.claimId, approve }, { intent: forms.of(claim.claimId), loading: '提交中' });
      if (!reply.ok) return;
      forms.done(claim.claimId);
      this.setData({ [`claims[${i}].decided`]: approve ? '已同意' : '已拒绝' });
    },
  },
});
