// 内容审核 (office): what the content check held back — commitments, reports, opinions, reviews and
// rectification replies — each to release (公开) or keep back (its text is then replaced).
// Opens with one call: `moderation.list`.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, loadFailure } from '../../services/api';

type Collection = 'commitments' | 'reports' | 'opinions' | 'reviews' | 'rectifications';
const KINDS: Record<Collection, string> = { commitments: '公开承诺', reports: '汇报', opinions: '意见', reviews: '点评', rectifications: '整改' };

/** The words a held document would show, whatever its kind. */
function textOf(doc: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (v: unknown) => typeof v === 'string' && v.trim() && parts.push(v.trim());
  for (const k of ['content', 'fulfilment', 'work', 'plans', 'achievements', 'problems', 'direction', 'plan', 'reply']) add(doc[k]);
  for (const item of (doc.items as Array<{ content?: string }> | undefined) ?? []) add(item.content);
  for (const a of (doc.aspects as Array<{ text?: string }> | undefined) ?? []) add(a.text);
  return parts.join('\n');
}

Component({
  behaviors: [pageBehavior],
  data: {
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    items: [] as Array<{ key: string; collection: Collection; id: string; kind: string; who: string; text: string; decided: string }>,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    onLoad() {
      return this.load(false);
    },
    /** Shown again: what the content check held meanwhile is listed, what was decided elsewhere goes. */
    refresh() {
      return this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('moderation.list', {}, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why); only a first load shows it.
        if (!this.data.loaded) this.setData(loadFailure(reply.error));
        return;
      }
      const lists = reply.data as unknown as Record<Collection, Array<Record<string, unknown> & { id: string }>>;
      const items = (Object.keys(KINDS) as Collection[]).flatMap((c) =>
        (lists[c] ?? []).map((doc) => {
          const target = doc.target as { name?: string } | undefined;
          const owner = doc.owner as { name?: string } | undefined;
          return { key: `${c}-${doc.id}`, collection: c, id: doc.id, kind: KINDS[c], who: target?.name ?? owner?.name ?? '', text: textOf(doc), decided: '' };
        }),
      );
      this.setData({ loaded: true, failed: '', items });
    },
    release(e: WechatMiniprogram.TouchEvent) {
      return this.decide((e.currentTarget.dataset as { i: number }).i, true);
    },
    keep(e: WechatMiniprogram.TouchEvent) {
      return this.decide((e.currentTarget.dataset as { i: number }).i, false);
    },
    async decide(i: number, approve: boolean) {
      const item = this.data.items[i];
      if (!item || item.decided) return;
      const reply = await call('moderation.release', { collection: item.collection, id: item.id, approve }, { intent: formsOf(this).of(item.key), loading: '提交中' });
      if (!reply.ok) return;
      formsOf(this).done(item.key);
      this.setData({ [`items[${i}].decided`]: approve ? '已放行' : '已屏蔽' });
    },
  },
});
