// 活动设置 (office): the campaign's name and period, how often each rule's reviews fall due, the report
// deadlines, and each target kind's template (shown; its options and the forms are not in campaign.get's
// reply, so this screen neither shows nor overwrites them).
// Server validation errors show next to their fields. Opens with one call: `campaign.get`.
import { call, fieldErrors, type ActionOutput } from '../../services/api';
import { textSize } from '../../services/font';
import { intents } from '../../services/submit';
import { RULE_LABELS } from '../../core/domain/reach';
import { TARGET_KIND_LABELS } from '../../core/domain/templates';
import type { ReviewRule, TargetKind } from '../../core/contracts/review';

type Campaign = ActionOutput<'campaign.get'>;
type Frequency = 'MONTHLY' | 'QUARTERLY' | 'HALF_YEARLY' | 'YEARLY';
const FREQUENCIES: Array<{ value: Frequency; label: string }> = [
  { value: 'MONTHLY', label: '每月' },
  { value: 'QUARTERLY', label: '每季度' },
  { value: 'HALF_YEARLY', label: '每半年' },
  { value: 'YEARLY', label: '每年' },
];
const RULES = Object.keys(RULE_LABELS) as ReviewRule[];
const forms = intents();

Component({
  data: {
    ...textSize(),
    id: '',
    version: 0,
    failed: '',
    loaded: false,
    name: '',
    start: '',
    end: '',
    deadlines: '',
    frequencyLabels: FREQUENCIES.map((f) => f.label),
    rules: [] as Array<{ rule: ReviewRule; label: string; index: number }>,
    templates: [] as Array<{ kind: string; label: string; aspects: string }>,
    errors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ ...textSize(), id: query.id ?? '' });
      const reply = await call('campaign.get', { campaignId: this.data.id });
      if (!reply.ok) {
        this.setData({ failed: reply.error.message });
        return;
      }
      this.show(reply.data);
    },
    onShow() {
      this.setData(textSize());
    },
    show(c: Campaign) {
      this.setData({
        loaded: true,
        version: c.version,
        name: c.name,
        start: c.start,
        end: c.end,
        deadlines: (c.reportDeadlines ?? []).join('，'),
        rules: RULES.map((rule) => ({ rule, label: RULE_LABELS[rule], index: Math.max(0, FREQUENCIES.findIndex((f) => f.value === c.frequencies[rule])) })),
        templates: Object.entries(c.templates).map(([kind, t]) => ({ kind, label: TARGET_KIND_LABELS[kind as TargetKind], aspects: t.aspects.map((a) => a.title).join('、') })),
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    onFrequency(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const i = (e.currentTarget.dataset as { i: number }).i;
      this.setData({ [`rules[${i}].index`]: Number(e.detail.value) });
    },
    async save() {
      const d = this.data;
      this.setData({ busy: true, errors: {} });
      const reply = await call(
        'campaign.update',
        {
          campaignId: d.id,
          version: d.version,
          name: d.name,
          start: d.start,
          end: d.end,
          frequencies: Object.fromEntries(d.rules.map((r) => [r.rule, FREQUENCIES[r.index].value])),
          reportDeadlines: d.deadlines.split(/[，,、\s]+/).filter(Boolean),
        },
        { intent: forms.of('save'), loading: '保存中' },
      );
      this.setData({ busy: false });
      if (!reply.ok) {
        const errors = fieldErrors(reply.error);
        // A deadline's error names its position (reportDeadlines.1): show it under the one field.
        const deadline = Object.entries(errors).find(([k]) => k.startsWith('reportDeadlines'));
        if (reply.error.code === 'CAMPAIGN.INVALID_PERIOD') errors.end = reply.error.message;
        this.setData({ errors: { ...errors, ...(deadline ? { deadlines: deadline[1] } : {}) } });
        return;
      }
      forms.done('save');
      wx.showToast({ title: '活动设置已保存', icon: 'success' });
      this.setData({ version: reply.data.version });
    },
  },
});
