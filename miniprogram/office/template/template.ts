// 点评要点 (office): one target kind's review template, edited aspect by aspect — rename, reword the hint,
// move up or down, remove, add a new one or one of [003]'s optional aspects — and saved at once into the
// campaign (`campaign.update` with its version). The shared contract checks the template here first, so
// mistakes show beside their aspect before anything is sent; the server checks it again. Sessions started
// after the save use the new aspects. Opens with one call: `campaign.get`.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, loadFailure, fieldErrors, type ActionOutput } from '../../services/api';
import { ReviewTemplateSchema, type ReviewTemplate, type TargetKind, type TemplateAspect } from '../../core/contracts/review';
import { zodIssues } from '../../core/errors';
import { isEditedTemplate, newAspectKey, optionalAspects, TARGET_KIND_LABELS, templatesAfterEdit } from '../../core/domain/templates';
import { confirm } from '../../services/confirm';

type Campaign = ActionOutput<'campaign.get'>;

/** Errors of the template keyed `<aspect index>.title` / `<aspect index>.hint`, or `aspects` for the list. */
function byAspect(issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const at = issue.path.indexOf('aspects');
    const rest = at < 0 ? [] : issue.path.slice(at + 1);
    const key = typeof rest[0] === 'number' || /^\d+$/.test(String(rest[0] ?? '')) ? `${rest[0]}.${rest[1] === 'hint' ? 'hint' : 'title'}` : 'aspects';
    out[key] = out[key] ?? issue.message;
  }
  return out;
}

Component({
  behaviors: [pageBehavior],
  data: {
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    campaignId: '',
    kind: '' as TargetKind | '',
    label: '',
    version: 0,
    edited: false,
    aspects: [] as TemplateAspect[],
    /** [003]'s optional aspects not yet in the template, offered to add. */
    extras: [] as TemplateAspect[],
    templates: {} as Campaign['templates'],
    /** Errors of the template keyed `<aspect index>.title` / `.hint`, or `aspects` for the list. */
    errors: {} as Record<string, string>,
    /** The same errors laid beside each aspect, in the aspects' order. */
    errs: [] as Array<{ title: string; hint: string }>,
    busy: false,
    dirty: false,
    /** Said after a save, where the office is looking (the toast goes by quickly). */
    saved: '',
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ campaignId: query.id ?? '', kind: (query.kind ?? '') as TargetKind });
      await this.load(false);
    },
    /** Shown again: untouched, the template as it now is; once edited, nothing is read so no input is lost. */
    refresh() {
      return this.data.dirty ? undefined : this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('campaign.get', { campaignId: this.data.campaignId }, quiet ? { loading: false } : {});
      if (quiet && (!reply.ok || this.data.dirty)) return;
      if (!reply.ok) return this.setData(loadFailure(reply.error));
      const kind = this.data.kind as TargetKind;
      const template = reply.data.templates[kind];
      if (!template) return this.setData({ failed: '没有这类点评对象的模板' });
      this.setData({ loaded: true, failed: '', dirty: false, errors: {}, version: reply.data.version, templates: reply.data.templates, label: TARGET_KIND_LABELS[kind], edited: isEditedTemplate(template) });
      this.showAspects(template.aspects);
    },
    /** Puts each error beside its aspect's field (`errs`), the list's own error under the list. */
    setErrors(errors: Record<string, string>) {
      this.setData({ errors, errs: this.data.aspects.map((_, i) => ({ title: errors[`${i}.title`] ?? '', hint: errors[`${i}.hint`] ?? '' })) });
    },
    showAspects(aspects: TemplateAspect[]) {
      const kind = this.data.kind as TargetKind;
      this.setData({ aspects, errs: aspects.map(() => ({ title: '', hint: '' })), extras: optionalAspects(kind).filter((x) => !aspects.some((a) => a.key === x.key)) });
    },
    onTitle(e: WechatMiniprogram.Input) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      this.setData({ saved: '', dirty: true, [`aspects[${i}].title`]: e.detail.value, [`errs[${i}].title`]: '' });
    },
    onHint(e: WechatMiniprogram.Input) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      this.setData({ saved: '', dirty: true, [`aspects[${i}].hint`]: e.detail.value, [`errs[${i}].hint`]: '' });
    },
    /** 上移 / 下移: swaps the aspect with its neighbour (errors are cleared, as they named positions). */
    move(e: WechatMiniprogram.TouchEvent) {
      const { i, by } = e.currentTarget.dataset as { i: number; by: number };
      const from = Number(i);
      const to = from + Number(by);
      const aspects = [...this.data.aspects];
      if (to < 0 || to >= aspects.length) return;
      [aspects[from], aspects[to]] = [aspects[to], aspects[from]];
      this.setData({ saved: '', dirty: true, errors: {} });
      this.showAspects(aspects);
    },
    remove(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      this.setData({ saved: '', dirty: true, errors: {} });
      this.showAspects(this.data.aspects.filter((_, k) => k !== i));
    },
    add() {
      const aspects = this.data.aspects;
      this.setData({ saved: '', dirty: true, errors: {} });
      this.showAspects([...aspects, { key: newAspectKey(aspects), title: '', hint: '' }]);
    },
    /** Adds one of [003]'s optional aspects, before the closing 存在的问题和努力方向 as [003] places them. */
    addExtra(e: WechatMiniprogram.TouchEvent) {
      const extra = this.data.extras[Number((e.currentTarget.dataset as { i: number }).i)];
      if (!extra) return;
      const aspects = [...this.data.aspects];
      const closing = aspects.findIndex((a) => a.filledBy?.length);
      aspects.splice(closing < 0 ? aspects.length : closing, 0, extra);
      this.setData({ saved: '', dirty: true, errors: {} });
      this.showAspects(aspects);
    },
    async save() {
      const d = this.data;
      const kind = d.kind as TargetKind;
      const templates = templatesAfterEdit(d.templates as Partial<Record<TargetKind, ReviewTemplate>>, kind, d.aspects, d.version);
      // The shared contract first: its messages go beside their aspect and nothing is sent.
      const parsed = ReviewTemplateSchema.safeParse(templates[kind]);
      if (!parsed.success) return this.setErrors(byAspect(zodIssues(parsed.error.issues)));
      await this.send(templates, '点评要点已保存');
    },
    /** 恢复默认要点: the kind goes back to the seed template (with the campaign's [003] options). */
    async reset() {
      if (!(await confirm('恢复默认要点', `确定把“${this.data.label}”的点评要点恢复为默认？`, '恢复'))) return;
      await this.send(templatesAfterEdit(this.data.templates as Partial<Record<TargetKind, ReviewTemplate>>, this.data.kind as TargetKind, null, this.data.version), '已恢复默认要点');
    },
    async send(templates: Partial<Record<TargetKind, ReviewTemplate>>, done: string) {
      this.setData({ busy: true });
      this.setErrors({});
      const reply = await call('campaign.update', { campaignId: this.data.campaignId, version: this.data.version, templates }, { intent: formsOf(this).of('save'), loading: '保存中' });
      this.setData({ busy: false });
      if (!reply.ok) return this.setErrors(byAspect(Object.entries(fieldErrors(reply.error)).map(([path, message]) => ({ path: path.split('.'), message }))));
      formsOf(this).done('save');
      wx.showToast({ title: done, icon: 'success' });
      await this.load(true);
      this.setData({ dirty: false, saved: `${done}。此后发起的点评活动按这些要点填写。` });
    },
  },
});
