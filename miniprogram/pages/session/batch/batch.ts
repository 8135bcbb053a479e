// 录入点评: after the meeting, every review of the session on one screen, written from the campaign's
// template (aspects, 成绩 / 问题 / 方向, 整改要求) and saved or submitted in one call. What is missing is
// shown before submitting; drafts keep their version, and a conflict keeps what was typed.
// Opens with one call: `session.get` (its reviewer gets the reviews and templates).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, fieldErrors, type ActionOutput } from '../../../services/api';
import { targetId, type Review } from '../../../core/contracts/review';
import { sessionReviewHints, type HintContext, type QualityHint } from '../../../core/domain/review-quality';
import { checkComplete } from '../../../core/domain/templates';

type SessionView = ActionOutput<'session.get'>;
type Template = SessionView['templates'][string];

interface Entry {
  reviewId: string;
  version: number;
  name: string;
  kind: string;
  rule: string;
  /** 录入人: who typed in a review given by a leader who does not use the app. */
  enteredBy: string;
  editable: boolean;
  aspects: Array<{ key: string; title: string; text: string }>;
  achievements: string;
  problems: string;
  direction: string;
  rectRequired: boolean;
  requirement: string;
  deadline: string;
  exemplary: boolean;
  missing: string;
  errors: Record<string, string>;
  targetKey: string;
  /** Review-quality hints (issue 27), computed here from session.get's context; shown, never blocking. */
  hints: QualityHint[];
}

// The hints' context stays off setData (fingerprints of up to 100 other reviews): one per page instance.
const contexts = new WeakMap<object, HintContext>();
const asReview = (en: Entry) => ({ targetKey: en.targetKey, targetName: en.name, aspects: en.aspects, achievements: en.achievements, problems: en.problems, direction: en.direction, requirement: en.requirement });

function entryOf(r: SessionView['reviews'][number], template: Template | undefined): Entry {
  const own = (template?.aspects ?? []).filter((a) => !a.filledBy || a.filledBy.length === 0);
  return {
    reviewId: r.id,
    version: r.version,
    name: r.target.name,
    kind: r.target.kind,
    rule: r.ruleLabel ?? '',
    enteredBy: r.enteredBy ? r.enteredBy.name : '',
    editable: r.status === 'DRAFT',
    aspects: own.map((a) => ({ key: a.key, title: a.title, text: r.aspects.find((x) => x.key === a.key)?.text ?? '' })),
    achievements: r.achievements,
    problems: r.problems,
    direction: r.direction,
    rectRequired: r.rectification.required,
    requirement: r.rectification.requirement,
    deadline: r.rectification.deadline ?? '',
    exemplary: r.exemplary,
    missing: '',
    errors: {},
    targetKey: targetId(r.target),
    hints: [],
  };
}

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    place: '',
    failed: '',
    loaded: false,
    entries: [] as Entry[],
    editable: 0,
    conflict: false,
    busy: '',
    /** Typed since the reviews were last read or saved: a re-show must not replace it. */
    dirty: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      await this.load(false);
    },
    /** Recomputes one review's quality hints when a box loses focus (quiet while typing). */
    onHints(e: WechatMiniprogram.CustomEvent) {
      this.hint((e.currentTarget.dataset as { i: number }).i);
    },
    hint(i: number) {
      this.setData({ [`entries[${i}].hints`]: this.hintsOf(this.data.entries[i]) });
    },
    hintsOf(en: Entry): QualityHint[] {
      const context = contexts.get(this);
      return en.editable && context ? sessionReviewHints(asReview(en), this.data.entries.map(asReview), context) : [];
    },
    /**
     * Shown again (the secretary looked something up in a chat, the app reopened): while anything typed is
     * unsaved, nothing is read, so no word is lost (a save over a newer version comes back as the conflict
     * notice, with every word kept). Otherwise the reviews are read again: submitted elsewhere, they lock.
     */
    refresh() {
      return this.data.dirty ? undefined : this.load(true);
    },
    async load(quiet: boolean) {
      const v = await this.fetch(quiet);
      if (!v) return;
      if (v.quality) contexts.set(this, v.quality);
      const entries = v.reviews.map((r) => entryOf(r, v.templates[r.target.kind]));
      this.setData({ loaded: true, failed: '', dirty: false, place: v.session.place, entries, editable: v.reviews.filter((r) => r.status === 'DRAFT').length });
      this.setData({ entries: this.data.entries.map((en) => ({ ...en, hints: this.hintsOf(en) })) });
    },
    async fetch(quiet = false): Promise<SessionView | null> {
      const reply = await call('session.get', { sessionId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why).
        if (!quiet || !this.data.loaded) this.setData({ failed: reply.error.message });
        return null;
      }
      if (!reply.data.reviews.length) {
        this.setData({ failed: '只有本次点评的点评人可以录入点评' });
        return null;
      }
      return reply.data;
    },
    onText(e: WechatMiniprogram.Input) {
      const { i, field } = e.currentTarget.dataset as { i: number; field: string };
      this.setData({ [`entries[${i}].${field}`]: e.detail.value, [`entries[${i}].missing`]: '', dirty: true });
    },
    onAspect(e: WechatMiniprogram.Input) {
      const { i, a } = e.currentTarget.dataset as { i: number; a: number };
      this.setData({ [`entries[${i}].aspects[${a}].text`]: e.detail.value, [`entries[${i}].missing`]: '', dirty: true });
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const { i, field } = e.currentTarget.dataset as { i: number; field: string };
      this.setData({ [`entries[${i}].${field}`]: e.detail.value, dirty: true });
    },
    /** The completeness check of the core, per review, before anything is sent. */
    check(): boolean {
      let complete = true;
      const entries = this.data.entries.map((en) => {
        if (!en.editable) return en;
        const draft = {
          target: { kind: en.kind },
          aspects: en.aspects.map((a) => ({ key: a.key, text: a.text })),
          achievements: en.achievements,
          problems: en.problems,
          direction: en.direction,
          place: this.data.place,
          rectification: { required: en.rectRequired, requirement: en.requirement, deadline: en.deadline || null, imposed: false },
        } as unknown as Review;
        const template = { targetKind: en.kind, aspects: en.aspects.map((a) => ({ key: a.key, title: a.title })) } as unknown as Parameters<typeof checkComplete>[1];
        const result = checkComplete(draft, template);
        if (result.ok) return { ...en, missing: '' };
        complete = false;
        return { ...en, missing: result.error.message };
      });
      this.setData({ entries });
      return complete;
    },
    save() {
      return this.send(false);
    },
    submit() {
      if (!this.check()) {
        wx.showToast({ title: '还有点评没写完整，请看标红的提示', icon: 'none', duration: 3000 });
        return Promise.resolve();
      }
      return this.send(true);
    },
    async send(submit: boolean) {
      const form = submit ? 'submit' : 'save';
      const entries = this.data.entries.filter((en) => en.editable);
      if (!entries.length) return;
      this.setData({ busy: form, conflict: false });
      const reply = await call(
        'review.saveBatch',
        {
          sessionId: this.data.id,
          submit,
          entries: entries.map((en) => ({
            reviewId: en.reviewId,
            version: en.version,
            aspects: en.aspects.map((a) => ({ key: a.key, text: a.text })),
            achievements: en.achievements,
            problems: en.problems,
            direction: en.direction,
            rectification: { required: en.rectRequired, requirement: en.requirement, deadline: en.rectRequired && en.deadline ? en.deadline : null, imposed: false },
            exemplary: en.exemplary,
          })),
        },
        { intent: formsOf(this).of(form), loading: submit ? '提交中' : '保存中', quiet: ['CONFLICT'] },
      );
      this.setData({ busy: '' });
      if (!reply.ok) {
        if (reply.error.code === 'CONFLICT') return this.keepAfterConflict();
        const errors = fieldErrors(reply.error);
        this.setData({ entries: this.data.entries.map((en) => ({ ...en, errors })) });
        return;
      }
      formsOf(this).done(form);
      wx.showToast({ title: submit ? '点评已提交' : '草稿已保存', icon: 'success' });
      const v = await this.fetch();
      if (!v) return;
      // Keep what is on screen; take the server's versions and states.
      const byId = new Map(v.reviews.map((r) => [r.id, r]));
      this.setData({
        dirty: false,
        entries: this.data.entries.map((en) => ({ ...en, version: byId.get(en.reviewId)?.version ?? en.version, editable: byId.get(en.reviewId)?.status === 'DRAFT' })),
        editable: v.reviews.filter((r) => r.status === 'DRAFT').length,
      });
    },
    /** Someone saved these reviews meanwhile: keep every word typed here, take the new versions to save over. */
    async keepAfterConflict() {
      const v = await this.fetch();
      if (!v) return;
      const byId = new Map(v.reviews.map((r) => [r.id, r]));
      formsOf(this).done('save');
      formsOf(this).done('submit');
      this.setData({ conflict: true, entries: this.data.entries.map((en) => ({ ...en, version: byId.get(en.reviewId)?.version ?? en.version })) });
    },
  },
});
