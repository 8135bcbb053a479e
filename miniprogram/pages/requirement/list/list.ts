// 谁该点评谁: the requirements of my subtree in this cycle — who must review whom under which rule, and
// whether it is done, still open, or a gap nobody can fill (with its reason). Filtered by state.
// Opens with one call: `requirement.list`; a filter or 加载更多 reads again.
import { pageBehavior } from '../../../behaviors/page';
import { call, loadFailure, type ActionOutput } from '../../../services/api';
import { instantLabel } from '../../../services/format';
import { unitOf } from '../../../services/identity';
import { TARGET_KIND_LABELS } from '../../../core/domain/templates';

type Row = ActionOutput<'requirement.list'>['requirements'][number];
type State = 'DONE' | 'OPEN' | 'GAP' | '';
const FILTERS: Array<{ value: State; label: string }> = [
  { value: '', label: '全部' },
  { value: 'OPEN', label: '未完成' },
  { value: 'GAP', label: '缺口' },
  { value: 'DONE', label: '已完成' },
];
const STATES: Record<string, { label: string; theme: string }> = {
  DONE: { label: '已完成', theme: 'success' },
  OPEN: { label: '未完成', theme: 'warning' },
  GAP: { label: '缺口', theme: 'danger' },
};

function shown(r: Row) {
  return {
    key: r.key,
    // A gap says it in words: 「本期无人可点评：班子成员胡斌」.
    title: r.reviewer ? `${r.reviewer.name} → ${r.targetName}（${TARGET_KIND_LABELS[r.targetKind]}）` : `本期无人可点评：${TARGET_KIND_LABELS[r.targetKind]}${r.targetName}`,
    rule: r.ruleLabel,
    state: STATES[r.state].label,
    theme: STATES[r.state].theme,
    why: r.state === 'GAP' ? (r.vacancy?.label ?? '') : r.state === 'DONE' ? `${instantLabel(r.doneAt)}完成` : '',
  };
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    campaignId: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    filters: FILTERS,
    state: '' as State,
    rows: [] as Array<ReturnType<typeof shown>>,
    cursor: '' as string,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ state: (query.state ?? '') as State });
      this.setData(await unitOf(query));
      await this.load(false);
    },
    /** Shown again (back from 发起点评 or 点评进度): the rows read again from the top, as many as were shown (at most 100). */
    async refresh() {
      const d = this.data;
      const reply = await call(
        'requirement.list',
        { campaignId: d.campaignId, orgId: d.orgId, ...(d.state ? { state: d.state } : {}), limit: Math.min(100, Math.max(50, d.rows.length)) },
        { loading: false },
      );
      // A re-read that fails keeps the screen as it was (the api has said why).
      if (!reply.ok) return;
      this.setData({ loaded: true, failed: '', rows: reply.data.requirements.map(shown), cursor: reply.data.nextCursor ?? '' });
    },
    async load(more: boolean) {
      const d = this.data;
      const reply = await call('requirement.list', {
        campaignId: d.campaignId,
        orgId: d.orgId,
        ...(d.state ? { state: d.state } : {}),
        ...(more && d.cursor ? { cursor: d.cursor } : {}),
        limit: 50,
      });
      if (!reply.ok) {
        this.setData(loadFailure(reply.error));
        return;
      }
      const rows = reply.data.requirements.map(shown);
      this.setData({ loaded: true, failed: '', rows: more ? [...d.rows, ...rows] : rows, cursor: reply.data.nextCursor ?? '' });
    },
    filter(e: WechatMiniprogram.TouchEvent) {
      this.setData({ state: (e.currentTarget.dataset as { value: State }).value, rows: [], cursor: '' });
      return this.load(false);
    },
    more() {
      return this.load(true);
    },
  },
});
