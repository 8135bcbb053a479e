// 活动设置 (office): the campaign's name and period, how often each rule's reviews fall due, the report
// deadlines, each cycle's due date (date pickers), the anonymity threshold (copied into each session when
// it starts), the [003] template options with each target kind's resulting template (each opens the
// aspect editor, office/template), and the registration forms' style.
// Server validation errors show next to their fields. Opens with one call: `campaign.get`; without an id
// (a new unit has no campaign yet) `campaign.list` makes sure there is none, and the form makes it.
import { formsOf, pageBehavior } from '../../behaviors/page';
import { call, loadFailure, fieldErrors, type ActionOutput } from '../../services/api';
import { RULE_LABELS } from '../../core/domain/reach';
import { isEditedTemplate, TARGET_KIND_LABELS } from '../../core/domain/templates';
import type { ReviewRule, TargetKind } from '../../core/contracts/review';
import { DEFAULT_ANONYMITY_THRESHOLD, DEFAULT_FREQUENCIES, FREQUENCY_LABELS, FrequencySchema, STAGES_MAX } from '../../core/contracts/campaign';
import { cstToday } from '../../services/format';
import { cstDateOf, cstEndOf } from '../../core/domain/cst';

type Campaign = ActionOutput<'campaign.get'>;
type Stage = { name: string; start: string; end: string; due?: string };
// The frequencies and their words are the contract's: 每阶段 follows the stages named below [002].
const FREQUENCIES = FrequencySchema.options.map((value) => ({ value, label: FREQUENCY_LABELS[value] }));
const RULES = Object.keys(RULE_LABELS) as ReviewRule[];
const FORM_STYLES = [
  { value: 'SIMPLE', label: '简式登记表' },
  { value: 'DETAILED', label: '详式登记表（可加单位抬头）' },
] as const;
type FormStyle = (typeof FORM_STYLES)[number]['value'];

/** The field a server issue belongs beside: `reportDeadlines.1` → deadlines, `forms.heading` → heading. */
function fieldOf(path: string): string {
  if (path.startsWith('reportDeadlines')) return 'deadlines';
  if (path.startsWith('forms')) return 'heading';
  if (path.startsWith('templateOptions')) return 'templateOptions';
  if (path.startsWith('frequencies')) return 'frequencies';
  if (path.startsWith('cycleDueDates')) return 'cycleDueDates';
  if (path.startsWith('stages')) return 'stages';
  return path.split('.')[0];
}

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    /** No campaign yet: the form makes one. */
    creating: false,
    version: 0,
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    name: '',
    start: '',
    end: '',
    /** The progress-report deadlines (CST dates), in order; each picked with a date picker. */
    deadlines: [] as string[],
    threshold: '',
    integrity: false,
    windowService: false,
    /** Coverage options in the seeds' words (DOMAIN §2): liaison points' 班子成员 [004], assisted orgs' 负责人 [003], 党小组 [002]. */
    liaisonCommittee: false,
    assistedLeader: false,
    groups: false,
    formStyles: FORM_STYLES,
    formStyle: 'SIMPLE' as FormStyle,
    heading: '',
    frequencyLabels: FREQUENCIES.map((f) => f.label),
    rules: [] as Array<{ rule: ReviewRule; label: string; index: number }>,
    templates: [] as Array<{ kind: string; label: string; aspects: string; edited: boolean }>,
    /** Named stages [002] (「每阶段一次」): the cycles of the rules set to 每阶段. */
    stages: [] as Stage[],
    stagesMax: STAGES_MAX,
    /** Each cycle of the campaign and the day its reviews are due (the cycle's last day unless set). */
    cycles: [] as Array<{ key: string; label: string; dueDate: string }>,
    /** The due dates set per cycle, as stored plus what was picked since. */
    cycleDueDates: {} as Record<string, string>,
    errors: {} as Record<string, string>,
    busy: false,
    /** Typed or chosen since the campaign was read: a re-show must not undo it. */
    dirty: false,
  },
  methods: {
    /** 重试 on the load-state: the first load again, showing its progress. */
    retry() {
      return this.load(false);
    },
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      if (!query.id) return this.startNew();
      await this.load(false);
    },
    /**
     * Shown again: an edit form. Once the office has typed or chosen anything, nothing is read, so no input
     * is lost (each save is checked against the version the form was read at: a change made elsewhere comes
     * back as a conflict, never silently overwritten). Untouched, the campaign is read again.
     */
    refresh() {
      return this.data.dirty || this.data.creating ? undefined : this.load(true);
    },
    async load(quiet: boolean) {
      const reply = await call('campaign.get', { campaignId: this.data.id }, quiet ? { loading: false } : {});
      if (quiet && (!reply.ok || this.data.dirty)) return;
      if (!reply.ok) {
        this.setData(loadFailure(reply.error));
        return;
      }
      this.show(reply.data);
    },
    /**
     * No campaign given: made here, unless one exists by now (another administrator made it, or the home
     * screen's list was stale), which then opens instead of a second campaign being made.
     */
    async startNew() {
      const list = await call('campaign.list', {});
      if (!list.ok) return this.setData(loadFailure(list.error));
      const newest = [...list.data.campaigns].sort((a, b) => b.start.localeCompare(a.start))[0];
      if (newest) return wx.redirectTo({ url: `/office/campaign/campaign?id=${encodeURIComponent(newest.id)}` });
      this.blank();
    },
    /** A new campaign: from today for a year, the seeds' frequencies and threshold. */
    blank() {
      const start = cstToday();
      const end = `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
      this.setData({
        loaded: true,
        creating: true,
        start,
        end,
        threshold: String(DEFAULT_ANONYMITY_THRESHOLD),
        rules: RULES.map((rule) => ({ rule, label: RULE_LABELS[rule], index: Math.max(0, FREQUENCIES.findIndex((f) => f.value === DEFAULT_FREQUENCIES[rule])) })),
      });
    },
    show(c: Campaign) {
      this.setData({
        loaded: true,
        failed: '',
        dirty: false,
        version: c.version,
        name: c.name,
        start: c.start,
        end: c.end,
        deadlines: [...(c.reportDeadlines ?? [])].sort(),
        threshold: String(c.anonymityThreshold),
        integrity: c.templateOptions?.integrity === true,
        windowService: c.templateOptions?.windowService === true,
        liaisonCommittee: c.coverage?.liaisonCommittee === true,
        assistedLeader: c.coverage?.assistedLeader === true,
        groups: c.coverage?.groups === true,
        formStyle: c.forms?.style ?? 'SIMPLE',
        heading: c.forms?.heading ?? '',
        rules: RULES.map((rule) => ({ rule, label: RULE_LABELS[rule], index: Math.max(0, FREQUENCIES.findIndex((f) => f.value === c.frequencies[rule])) })),
        templates: Object.entries(c.templates).map(([kind, t]) => ({ kind, label: TARGET_KIND_LABELS[kind as TargetKind], aspects: t.aspects.map((a) => a.title).join('、'), edited: isEditedTemplate(t) })),
        stages: (c.stages ?? []).map((st) => ({ ...st })),
        cycles: c.cycles.map((cy) => ({ key: cy.key, label: cy.label, dueDate: cy.dueDate })),
        cycleDueDates: { ...(c.cycleDueDates ?? {}) },
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    /** 添加截止日期: the picked date joins the list, in order, once. */
    addDeadline(e: WechatMiniprogram.PickerChange) {
      const date = String(e.detail.value);
      this.setData({ dirty: true, deadlines: [...new Set([...this.data.deadlines, date])].sort(), 'errors.deadlines': '' });
    },
    removeDeadline(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      this.setData({ dirty: true, deadlines: this.data.deadlines.filter((_, k) => k !== i), 'errors.deadlines': '' });
    },
    /** A cycle's due date picked: kept for the save and shown at once. */
    onCycleDue(e: WechatMiniprogram.PickerChange) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      const cycle = this.data.cycles[i];
      if (!cycle) return;
      const date = String(e.detail.value);
      this.setData({ dirty: true, [`cycles[${i}].dueDate`]: date, cycleDueDates: { ...this.data.cycleDueDates, [cycle.key]: date }, 'errors.cycleDueDates': '' });
    },
    /** 添加阶段: a new stage from the day after the last one ends (or the campaign's start) to the campaign's end. */
    addStage() {
      const { stages, start, end } = this.data;
      const last = stages[stages.length - 1];
      const from = last ? cstDateOf(cstEndOf(last.end)) : start;
      const stage: Stage = { name: `第${stages.length + 1}阶段`, start: from < end ? from : end, end };
      this.setData({ dirty: true, stages: [...stages, stage], 'errors.stages': '' });
    },
    removeStage(e: WechatMiniprogram.TouchEvent) {
      const i = Number((e.currentTarget.dataset as { i: number }).i);
      this.setData({ dirty: true, stages: this.data.stages.filter((_, k) => k !== i), 'errors.stages': '' });
    },
    /** A stage's name typed or one of its dates picked (`data-field` is name, start, end or due). */
    onStage(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { i, field } = e.currentTarget.dataset as { i: number; field: keyof Stage };
      this.setData({ dirty: true, [`stages[${Number(i)}].${field}`]: String(e.detail.value), 'errors.stages': '' });
    },
    /** 修改要点: the aspect editor of one target kind's template. */
    editTemplate(e: WechatMiniprogram.TouchEvent) {
      const kind = (e.currentTarget.dataset as { kind: string }).kind;
      wx.navigateTo({ url: `/office/template/template?id=${encodeURIComponent(this.data.id)}&kind=${kind}` });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ dirty: true, [field]: e.detail.value, 'errors.templateOptions': '' });
    },
    onFormStyle(e: WechatMiniprogram.CustomEvent<{ value: FormStyle }>) {
      this.setData({ dirty: true, formStyle: e.detail.value, 'errors.heading': '' });
    },
    onFrequency(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const i = (e.currentTarget.dataset as { i: number }).i;
      this.setData({ dirty: true, [`rules[${i}].index`]: Number(e.detail.value) });
    },
    async save() {
      const d = this.data;
      // Not a whole number: said here, and nothing is sent (the server checks the range).
      if (!/^\d+$/.test(d.threshold.trim())) return this.setData({ errors: { anonymityThreshold: '匿名意见显示人数：请填写 1 到 50 之间的整数' } });
      this.setData({ busy: true, errors: {} });
      const fields = {
        name: d.name,
        start: d.start,
        end: d.end,
        frequencies: Object.fromEntries(d.rules.map((r) => [r.rule, FREQUENCIES[r.index].value])),
        reportDeadlines: d.deadlines,
        cycleDueDates: d.cycleDueDates,
        anonymityThreshold: Number(d.threshold.trim()),
        templateOptions: { integrity: d.integrity, windowService: d.windowService },
        coverage: { liaisonCommittee: d.liaisonCommittee, assistedLeader: d.assistedLeader, groups: d.groups },
        stages: d.stages.map((st) => ({ name: st.name.trim(), start: st.start, end: st.end, ...(st.due ? { due: st.due } : {}) })),
        forms: { style: d.formStyle, ...(d.formStyle === 'DETAILED' && d.heading.trim() ? { heading: d.heading.trim() } : {}) },
      };
      const reply = d.creating
        ? await call('campaign.create', fields, { intent: formsOf(this).of('save'), loading: '保存中' })
        : await call('campaign.update', { campaignId: d.id, version: d.version, ...fields }, { intent: formsOf(this).of('save'), loading: '保存中' });
      if (!reply.ok) {
        const errors: Record<string, string> = {};
        // Each issue goes under its one field: a deadline's names its position (reportDeadlines.1).
        for (const [path, message] of Object.entries(fieldErrors(reply.error))) errors[fieldOf(path)] = errors[fieldOf(path)] ?? message;
        // A period error says it whole beside the date it concerns.
        if (reply.error.code === 'CAMPAIGN.INVALID_PERIOD') errors[errors.start ? 'start' : 'end'] = reply.error.message;
        this.setData({ busy: false, errors });
        return;
      }
      formsOf(this).done('save');
      if (d.creating) {
        wx.showToast({ title: '活动已建立', icon: 'success' });
        wx.redirectTo({ url: `/office/campaign/campaign?id=${encodeURIComponent(reply.data.id)}` });
        return;
      }
      wx.showToast({ title: '活动设置已保存', icon: 'success' });
      // The templates follow the options: read the campaign again to show them as they now are.
      const fresh = await call('campaign.get', { campaignId: d.id }, { loading: false });
      this.setData({ busy: false, version: reply.data.version });
      if (fresh.ok) this.show(fresh.data);
    },
  },
});
