// 加入申请: the people who claimed a name on the branch's roster, with what they typed and how their phone
// tail compares with the roster, to approve or reject one by one. Opens with one call: `claim.list`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { instantLabel } from '../../../services/format';
import { identity } from '../../../services/identity';
import { PHONE_CHECK_LABELS, claimApprovalRefusal } from '../../../core/domain/claims';

interface Row {
  claimId: string;
  name: string;
  at: string;
  /** What the claimant typed, when they typed it (claims made before the check have nothing). */
  entered: string;
  check: string;
  /** Green for a match; red when the roster speaks against the claim (approval is then refused). */
  checkTone: 'ok' | 'bad' | 'plain';
  approvable: boolean;
  decided: string;
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    failed: '',
    canRetry: false,
    loaded: false,
    claims: [] as Row[],
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
    retry() {
      return this.load(false);
    },
    async load(quiet: boolean) {
      const reply = await call('claim.list', { orgId: this.data.orgId }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!quiet || !this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const claims = reply.data.claims.map((c): Row => {
        const check = c.phoneCheck ?? undefined;
        const typed = [c.enteredName ? `姓名 ${c.enteredName}` : '', c.enteredPhoneTail ? `手机尾号 ${c.enteredPhoneTail}` : ''].filter(Boolean).join('，');
        return {
          claimId: c.claimId,
          name: c.personName,
          at: instantLabel(c.createdAt),
          entered: typed ? `申请人填写：${typed}` : '',
          check: check ? PHONE_CHECK_LABELS[check] : '',
          checkTone: check === 'MATCH' ? 'ok' : check === 'MISMATCH' || check === 'NOT_GIVEN' ? 'bad' : 'plain',
          approvable: claimApprovalRefusal(check).ok,
          decided: '',
        };
      });
      this.setData({ loaded: true, failed: '', claims });
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
