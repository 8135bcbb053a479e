// 通报 for the masses (「以书面形式向党员干部群众公开」): someone off the roster opens the notice a secretary shared
// into a group, and reads that notice only, with no other data and nothing to join. Opens with one call: `notice.open`.
import { pageBehavior } from '../../../behaviors/page';
import { call } from '../../../services/api';

// No refresh on re-show: an issued notice does not change; a link taken back is told on the next opening.
Component({
  behaviors: [pageBehavior],
  data: {
    loaded: false,
    failed: '',
    title: '',
    issuer: '',
    date: '',
    summary: '',
    items: [] as Array<{ target: string; reviewer: string; mode: string; achievements: string; problems: string; direction: string; rectification: string }>,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      const linkId = query.id ?? (query.scene ? decodeURIComponent(query.scene) : '');
      const reply = await call('notice.open', { linkId }, { stayWhenUnbound: true });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      const n = reply.data.notice;
      this.setData({ loaded: true, title: n.title, issuer: n.issuer, date: n.date, summary: n.summary, items: n.items });
    },
  },
});
