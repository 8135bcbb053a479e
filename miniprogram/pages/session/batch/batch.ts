// 录入点评: after the meeting, the session's reviews one person per screen (上一位 / 下一位, 「3/12」), each
// beside what the reviewer reads first — the person's commitments and how far they are kept, their report,
// the opinions given — written from the campaign's template. What is typed is kept on the phone at once
// (per session and review, so a back tap or a dropped network loses nothing) and saved to the server on
// 保存草稿 and on 下一位. What is missing is shown at its box, scrolled to, before submitting; after
// 全部提交 the result and 去发布通报. A person reviewed under two duties is one screen, one section per duty.
// Opens with one call: `session.get` (its reviewer gets the reviews, templates and what to read).
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call, loadFailure, type ActionOutput } from '../../../services/api';
import { REVIEW_BATCH_MAX } from '../../../core/contracts/api/review-work';
import { targetId, type Review } from '../../../core/contracts/review';
import { sessionReviewHints, type HintContext, type QualityHint } from '../../../core/domain/review-quality';
import { checkComplete, impliesRectification } from '../../../core/domain/templates';
import { availableEvents, REVIEW_MACHINE } from '../../../core/domain/workflow';

type SessionView = ActionOutput<'session.get'>;
type Template = SessionView['templates'][string];
type Reading = NonNullable<SessionView['context']>[number];

/** What the reviewer types, kept on the phone until the server has it. */
interface Typed {
  aspects: Array<{ key: string; title: string; text: string }>;
  achievements: string;
  problems: string;
  direction: string;
  rectRequired: boolean;
  requirement: string;
  deadline: string;
  exemplary: boolean;
}

interface Entry extends Typed {
  reviewId: string;
  version: number;
  name: string;
  kind: string;
  rule: string;
  /** The screen (one per person) this review is written on. */
  card: number;
  /** 录入人: who typed in a review given by a leader who does not use the app. */
  enteredBy: string;
  /** How to review this member [001] (intern, elderly), from the plan; empty when nothing special. */
  hint: string;
  editable: boolean;
  /** Problems by box (`aspect-<key>`, achievements, problems, direction, requirement, deadline). */
  errors: Record<string, string>;
  targetKey: string;
  /** Review-quality hints (issue 27), computed here from session.get's context; shown, never blocking. */
  hints: QualityHint[];
}

interface Card {
  name: string;
  /** What the reviewer reads before writing about this person. */
  commitments: Array<{ content: string; progress: number; notes: string }>;
  report: { fulfilment: string; work: string; plans: string } | null;
  opinions: Array<{ who: string; content: string }>;
  pending: string;
}

const GIVERS: Record<string, string> = { MEMBER: '党员', MASSES: '群众', SERVICE_RECIPIENT: '服务对象', UNIT: '单位' };
const TYPED_KEYS: Array<keyof Typed> = ['aspects', 'achievements', 'problems', 'direction', 'rectRequired', 'requirement', 'deadline', 'exemplary'];

// The hints' context stays off setData (fingerprints of up to 100 other reviews): one per page instance.
const contexts = new WeakMap<object, HintContext>();
const asReview = (en: Entry) => ({ targetKey: en.targetKey, targetName: en.name, aspects: en.aspects, achievements: en.achievements, problems: en.problems, direction: en.direction, requirement: en.requirement });

/** Where the phone keeps what was typed for a session: review id → the version it was typed on and the text. */
const draftKey = (sessionId: string) => `batch-draft:${sessionId}`;
type Kept = Record<string, { version: number; typed: Typed }>;
const keptOf = (sessionId: string): Kept => {
  const kept = wx.getStorageSync(draftKey(sessionId)) as Kept | '';
  return kept && typeof kept === 'object' ? kept : {};
};
const typedOf = (en: Entry): Typed => Object.fromEntries(TYPED_KEYS.map((k) => [k, en[k]])) as unknown as Typed;

/** A review the reviewer may still enter: the machine grants the reviewer a step on it (submitting a draft). */
const mayEnter = (status: SessionView['reviews'][number]['status']): boolean => availableEvents(REVIEW_MACHINE, status, ['REVIEWER']).length > 0;

function entryOf(r: SessionView['reviews'][number], template: Template | undefined, card: number): Entry {
  const own = (template?.aspects ?? []).filter((a) => !a.filledBy || a.filledBy.length === 0);
  return {
    reviewId: r.id,
    version: r.version,
    name: r.target.name,
    kind: r.target.kind,
    rule: r.ruleLabel ?? '',
    card,
    enteredBy: r.enteredBy ? r.enteredBy.name : '',
    hint: r.hintLabel ?? '',
    editable: mayEnter(r.status),
    aspects: own.map((a) => ({ key: a.key, title: a.title, text: r.aspects.find((x) => x.key === a.key)?.text ?? '' })),
    achievements: r.achievements,
    problems: r.problems,
    direction: r.direction,
    rectRequired: r.rectification.required,
    requirement: r.rectification.requirement,
    deadline: r.rectification.deadline ?? '',
    exemplary: r.exemplary,
    errors: {},
    targetKey: targetId(r.target),
    hints: [],
  };
}

function cardOf(name: string, reading: Reading[]): Card {
  const commitments = reading.flatMap((x) => x.commitments).map((c) => ({ content: c.content, progress: c.progress, notes: c.fulfilmentNotes }));
  const report = reading.find((x) => x.report)?.report ?? null;
  const opinions = reading.flatMap((x) => x.opinions).map((o) => ({ who: `${GIVERS[o.giverKind] ?? ''}${o.name ? ` ${o.name}` : '（匿名）'}`, content: o.content }));
  return { name, commitments, report, opinions, pending: reading.find((x) => x.opinionsPending)?.opinionsPending ?? '' };
}

/** The box a completeness issue belongs to. */
function boxOf(path: ReadonlyArray<string | number>): string {
  if (path[0] === 'aspects') return `aspect-${String(path[1])}`;
  if (path[0] === 'rectification') return String(path[1]);
  return String(path[0]);
}

Component({
  behaviors: [pageBehavior],
  data: {
    id: '',
    orgId: '',
    place: '',
    failed: '',
    /** A network or server failure may pass: 重试 is offered for those only. */
    canRetry: false,
    loaded: false,
    entries: [] as Entry[],
    cards: [] as Card[],
    /** The card on screen. */
    index: 0,
    editable: 0,
    conflict: false,
    busy: '',
    /** 「正在保存 2/3」 while a meeting's reviews go to the server in parts. */
    progress: '',
    /** Typed since the reviews were last read or saved: a re-show must not replace it. */
    dirty: false,
    /** After 全部提交: what was submitted. */
    result: '',
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
      // One screen per person: a person reviewed under two duties gets one section per duty.
      const people: string[] = [];
      const cardIndex = (r: SessionView['reviews'][number]) => {
        const who = r.target.personId ?? `org:${r.target.orgId}`;
        if (!people.includes(who)) people.push(who);
        return people.indexOf(who);
      };
      const kept = keptOf(this.data.id);
      let restored = false;
      const entries = v.reviews.map((r) => {
        const en = entryOf(r, v.templates[r.target.kind], cardIndex(r));
        // Typed on this phone on the version the server still has, and not saved: it comes back.
        const mine = kept[en.reviewId];
        if (mine && mine.version === en.version && en.editable) {
          restored = true;
          return { ...en, ...mine.typed };
        }
        return en;
      });
      const context = v.context ?? [];
      const cards = people.map((who) => {
        const ofCard = v.reviews.filter((r) => (r.target.personId ?? `org:${r.target.orgId}`) === who);
        const reading = context.filter((c) => ofCard.some((r) => r.target.kind === c.target.kind && targetId(r.target) === targetId(c.target)));
        return cardOf(ofCard[0].target.name, reading);
      });
      // Start at the first person still to write, or where the reviewer was.
      const firstOpen = entries.find((en) => en.editable)?.card ?? 0;
      const index = quiet ? Math.min(this.data.index, Math.max(cards.length - 1, 0)) : firstOpen;
      this.setData({ loaded: true, failed: '', dirty: restored, orgId: v.session.orgId, place: v.session.place, entries, cards, index, editable: v.reviews.filter((r) => mayEnter(r.status)).length });
      this.setData({ entries: this.data.entries.map((en) => ({ ...en, hints: this.hintsOf(en) })) });
    },
    async fetch(quiet = false): Promise<SessionView | null> {
      const reply = await call('session.get', { sessionId: this.data.id }, quiet ? { loading: false } : {});
      if (!reply.ok) {
        // A re-read that fails keeps the screen as it was (the api has said why).
        if (!quiet || !this.data.loaded) this.setData(loadFailure(reply.error));
        return null;
      }
      if (!reply.data.reviews.length) {
        this.setData({ failed: '只有本次点评的点评人可以录入点评' });
        return null;
      }
      return reply.data;
    },
    /** Keeps review `i`'s text on the phone at once: nothing typed waits for the network. */
    keep(i: number) {
      const en = this.data.entries[i];
      const kept = keptOf(this.data.id);
      kept[en.reviewId] = { version: en.version, typed: typedOf(en) };
      wx.setStorageSync(draftKey(this.data.id), kept);
    },
    /** Forgets what the server now has (saved or submitted). */
    forget(ids: readonly string[]) {
      const kept = keptOf(this.data.id);
      for (const id of ids) delete kept[id];
      if (Object.keys(kept).length) wx.setStorageSync(draftKey(this.data.id), kept);
      else wx.removeStorageSync(draftKey(this.data.id));
    },
    onText(e: WechatMiniprogram.Input) {
      const { i, field } = e.currentTarget.dataset as { i: number; field: string };
      const value = e.detail.value;
      this.setData({ [`entries[${i}].${field}`]: value, [`entries[${i}].errors.${field}`]: '', dirty: true });
      this.keep(i);
    },
    /**
     * Leaving 整改要求: a requirement to rectify is a rectification, so the switch comes on and the deadline
     * is asked for (on leaving, not per keystroke: 继续保持 is typed one character at a time).
     */
    onRequirementDone(e: WechatMiniprogram.CustomEvent) {
      const i = (e.currentTarget.dataset as { i: number }).i;
      const en = this.data.entries[i];
      if (impliesRectification(en.requirement) && !en.rectRequired) {
        this.setData({ [`entries[${i}].rectRequired`]: true, dirty: true });
        this.keep(i);
      }
      this.hint(i);
    },
    onAspect(e: WechatMiniprogram.Input) {
      const { i, a } = e.currentTarget.dataset as { i: number; a: number };
      const key = this.data.entries[i].aspects[a].key;
      this.setData({ [`entries[${i}].aspects[${a}].text`]: e.detail.value, [`entries[${i}].errors.aspect-${key}`]: '', dirty: true });
      this.keep(i);
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const { i, field } = e.currentTarget.dataset as { i: number; field: string };
      this.setData({ [`entries[${i}].${field}`]: e.detail.value, dirty: true });
      this.keep(i);
    },
    /** 上一位 / 下一位: what was typed here goes to the server on the way (kept on the phone whatever happens). */
    async go(e: WechatMiniprogram.TouchEvent) {
      const step = Number((e.currentTarget.dataset as { step: number }).step);
      const to = this.data.index + step;
      if (to < 0 || to >= this.data.cards.length) return;
      const here = this.data.entries.filter((en) => en.card === this.data.index && en.editable);
      if (this.data.dirty && here.length) await this.send(false, here.map((en) => en.reviewId), true);
      this.setData({ index: to });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    /** The completeness check of the core, per review, each problem at its box; scrolls to the first. */
    check(): boolean {
      let first: { card: number; selector: string } | null = null;
      const entries = this.data.entries.map((en, i) => {
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
        if (result.ok) return { ...en, errors: {} };
        const errors: Record<string, string> = {};
        for (const issue of result.error.issues ?? []) errors[boxOf(issue.path)] = errors[boxOf(issue.path)] ?? issue.message;
        if (!first) {
          const box = Object.keys(errors)[0];
          const aspect = en.aspects.findIndex((a) => `aspect-${a.key}` === box);
          first = { card: en.card, selector: box === 'place' ? '#place-missing' : aspect >= 0 ? `#e${i}-aspect${aspect}` : `#e${i}-${box}` };
        }
        return { ...en, errors };
      });
      this.setData({ entries });
      const found = first as { card: number; selector: string } | null;
      if (!found) return true;
      this.setData({ index: found.card });
      wx.pageScrollTo({ selector: found.selector, duration: 200 });
      return false;
    },
    save() {
      return this.send(false, this.data.entries.filter((en) => en.editable).map((en) => en.reviewId));
    },
    submit() {
      if (!this.check()) {
        wx.showToast({ title: '还有点评没写完整，请看标红的提示', icon: 'none', duration: 3000 });
        return Promise.resolve();
      }
      return this.send(true, this.data.entries.filter((en) => en.editable).map((en) => en.reviewId));
    },
    /**
     * Saves (or submits) these reviews in parts of REVIEW_BATCH_MAX, one call each, showing 「正在保存 2/3」
     * between them: each part is forgotten on the phone only once the server has it, so a part that fails
     * leaves its words, and those of every part after it, kept as typed.
     */
    async send(submit: boolean, ids: readonly string[], quiet = false) {
      const form = submit ? 'submit' : 'save';
      const entries = this.data.entries.filter((en) => en.editable && ids.includes(en.reviewId));
      if (!entries.length) return;
      const parts: Entry[][] = [];
      for (let i = 0; i < entries.length; i += REVIEW_BATCH_MAX) parts.push(entries.slice(i, i + REVIEW_BATCH_MAX));
      this.setData({ busy: form, conflict: false });
      for (const [n, part] of parts.entries()) {
        const progress = parts.length > 1 ? `${submit ? '正在提交' : '正在保存'} ${n + 1}/${parts.length}` : '';
        this.setData({ progress });
        const partIds = part.map((en) => en.reviewId);
        const intent = `${form}:${partIds.join(',')}`;
        const reply = await call(
          'review.saveBatch',
          {
            sessionId: this.data.id,
            submit,
            entries: part.map((en) => ({
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
          { intent: formsOf(this).of(intent), loading: quiet ? false : progress || (submit ? '提交中' : '保存中'), quiet: quiet ? ['CONFLICT', 'NETWORK'] : ['CONFLICT'] },
        );
        if (!reply.ok) {
          this.setData({ busy: '', progress: '' });
          // Every word stays on the phone (kept as typed); a conflict takes the new versions to save over.
          if (reply.error.code === 'CONFLICT') return this.keepAfterConflict(intent);
          return;
        }
        formsOf(this).done(intent);
        this.forget(partIds);
        const byId = new Map(reply.data.reviews.map((r) => [r.reviewId, r]));
        const entriesNow = this.data.entries.map((en) => {
          const r = byId.get(en.reviewId);
          return r ? { ...en, version: r.version, editable: mayEnter(r.status) } : en;
        });
        const editable = entriesNow.filter((en) => en.editable).length;
        const unsaved = entriesNow.some((en) => en.editable && keptOf(this.data.id)[en.reviewId]);
        this.setData({ dirty: unsaved, entries: entriesNow, editable });
      }
      this.setData({ busy: '', progress: '' });
      if (submit) {
        wx.showToast({ title: '点评已提交', icon: 'success' });
        this.setData({ result: `已提交${entries.length}份点评。下一步：整理汇总，发布点评通报。` });
      }
      else if (!quiet) wx.showToast({ title: '草稿已保存', icon: 'success' });
      if (submit) wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    /** Someone saved these reviews meanwhile: keep every word typed here, take the new versions to save over. */
    async keepAfterConflict(form: string) {
      const v = await this.fetch();
      if (!v) return;
      const byId = new Map(v.reviews.map((r) => [r.id, r]));
      formsOf(this).done(form);
      this.setData({ conflict: true, entries: this.data.entries.map((en) => ({ ...en, version: byId.get(en.reviewId)?.version ?? en.version })) });
      this.data.entries.forEach((en, i) => (en.editable ? this.keep(i) : undefined));
    },
    toPublish() {
      wx.redirectTo({ url: `/pages/publication/publish/publish?sessionId=${encodeURIComponent(this.data.id)}&orgId=${encodeURIComponent(this.data.orgId)}` });
    },
  },
});
