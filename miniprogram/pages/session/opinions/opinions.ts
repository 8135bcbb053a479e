// 征求意见情况: the opinions collected on each target, as the server lets this reader see them (anonymous
// ones never name their author; held ones are only counted). Opens with one call: `opinion.list`.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure } from '../../../services/api';
import { targetId } from '../../../core/contracts/review';

const GIVERS: Record<string, string> = { MEMBER: '党员', MASSES: '群众', SERVICE_RECIPIENT: '服务对象', UNIT: '单位' };

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    anonymous: false,
    targets: [] as Array<{ key: string; name: string; count: number; kinds: string; held: number; pending: string; opinions: Array<{ id: string; who: string; content: string }> }>,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      await this.load(false);
    },
    /** Shown again: opinions given (or released by the office) meanwhile are counted. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('opinion.list', { sessionId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      this.setData({
        loaded: true,
        failed: '',
        anonymous: reply.data.anonymous,
        targets: reply.data.targets.map((t) => ({
          key: `${t.target.kind}-${targetId(t.target)}`,
          name: t.target.name,
          count: t.count,
          kinds: Object.entries(t.byGiverKind).map(([k, n]) => `${GIVERS[k] ?? k}${n}条`).join('，'),
          held: t.held,
          // Anonymous opinions below the threshold are only acknowledged (issue 10).
          pending: t.pending ?? '',
          opinions: t.opinions.map((o) => ({ id: o.id, who: o.author ? o.author.name : `匿名（${GIVERS[o.giverKind] ?? ''}）`, content: o.content })),
        })),
      });
    },
  },
});
