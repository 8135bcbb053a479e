/**
 * Review quality (issue 27): quiet hints on a review being written, never a refusal. The seeds ask that
 * a review be specific to its target (增强点评的针对性和实效性 [000][003]; 有针对性地提出点评要求 [001]),
 * grounded in the facts and complete (实事求是地肯定成绩，又要认真分析指出存在问题和努力方向，确保点评质量 [000]).
 *
 * Four kinds of hint:
 * - COPIED_OTHER / COPIED_LAST: a part of the text is the same as, or very close to, what the same
 *   reviewer wrote for another target this cycle, or for this target last cycle (named);
 * - GENERIC: 存在的问题 or 努力方向 is only stock phrases (review-phrases.ts, with their sources);
 * - NO_COMMITMENT: the review mentions none of the target's public commitments nor their fulfilment;
 * - PRAISE_AS_PROBLEM: 存在的问题 holds praise dressed as criticism (伪批评).
 *
 * Similarity is MinHash over character 3-gram shingles: no word segmentation (no library shipped to the
 * front end), and a review is compared through a fixed-size fingerprint, so the client can be given the
 * fingerprints of the reviewer's other reviews instead of their text and the cost of a comparison does
 * not depend on how long the texts are. Everything here is pure: no clock, no randomness (the hash
 * seeds are constants).
 */
import { FILLERS, OTHER_DIRECTED, PRAISE_AS_CRITICISM, STOCK_DIRECTIONS, STOCK_PROBLEMS, type Phrase } from './review-phrases';

export const HINT_CODES = ['COPIED_OTHER', 'COPIED_LAST', 'GENERIC', 'NO_COMMITMENT', 'PRAISE_AS_PROBLEM'] as const;
export type HintCode = (typeof HINT_CODES)[number];

/** Short labels of the hint kinds, for the office's counts. */
export const HINT_LABELS: Record<HintCode, string> = {
  COPIED_OTHER: '与写给他人的点评雷同',
  COPIED_LAST: '与上一周期点评雷同',
  GENERIC: '问题或方向只有套话',
  NO_COMMITMENT: '未提及公开承诺',
  PRAISE_AS_PROBLEM: '以表扬代替批评',
};

/** The compared parts of a review: what it says (aspects and achievements), its problems, its direction. */
export const SECTIONS = ['body', 'problems', 'direction'] as const;
export type Section = (typeof SECTIONS)[number];
export const SECTION_LABELS: Record<Section, string> = { body: '点评内容和成绩', problems: '存在的问题', direction: '努力方向' };

/** The text of a review as the contracts hold it (ReviewSchema's content fields). */
export interface ReviewText {
  /** The target's name, left out of comparisons: a copy with the name changed is still a copy. */
  targetName: string;
  aspects: ReadonlyArray<{ key: string; text: string }>;
  achievements: string;
  problems: string;
  direction: string;
  /** 整改要求 ("继续保持" is normal for everyone, so it is read for commitments only, never compared). */
  requirement: string;
}

/** MinHash signatures of a review's sections ('' when a section is too short to compare). */
export type Fingerprint = Record<Section, string>;

/** Another review by the same reviewer, known by its fingerprint. */
export interface OtherReview {
  targetName: string;
  /** THIS: another target in the same cycle; LAST: this target in an earlier cycle. */
  cycle: 'THIS' | 'LAST';
  fingerprint: Fingerprint;
}

/** A public commitment item of the target (公开承诺): what was promised and how it was kept. */
export interface CommitmentText {
  content: string;
  fulfilmentNotes: string;
}

export interface QualityInput {
  review: ReviewText;
  others: readonly OtherReview[];
  commitments: readonly CommitmentText[];
}

export interface QualityHint {
  code: HintCode;
  /** Why, and what would make the text specific (Chinese, shown under the review). */
  message: string;
  /** The part of the review the hint is about, when it is one part. */
  section: Section | null;
  /** COPIED_OTHER / COPIED_LAST: whose review it resembles. */
  otherTarget: string | null;
}

/** Estimated Jaccard similarity at or above which two sections are called the same or very close (tuned on the corpus). */
export const COPY_THRESHOLD = 0.5;
/** Sections shorter than this (characters, after normalising) are not compared: "无" is the same everywhere. */
export const MIN_COMPARED = 12;
/** A clause with at least this many characters left after removing stock phrases and fillers says something. */
export const MIN_SPECIFIC = 4;
const HASHES = 64;

// Punctuation, spaces and symbols carry nothing; letters, digits and Han characters are kept.
const NOISE = /[^\p{L}\p{N}]/gu;

/** The text as compared: NFKC (full-width digits and letters as half-width), without spaces, punctuation or the target's name. */
export function normalise(text: string, name = ''): string {
  let t = text.normalize('NFKC').replace(NOISE, '');
  const n = name.normalize('NFKC').replace(NOISE, '');
  if (n.length >= 2) t = t.split(n).join('');
  return t;
}

/** The set of character n-grams of a normalised text (the whole text when it is shorter than n). */
export function shingles(text: string, n: number): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  if (chars.length === 0) return out;
  if (chars.length < n) {
    out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** FNV-1a over UTF-16 units: a stable 32-bit hash of a shingle. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: mixes a seed into a hash so each seed acts as an independent permutation. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

// Fixed seeds (a Weyl sequence): the same text has the same fingerprint on every phone and server.
const SEEDS = Array.from({ length: HASHES }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9) >>> 0));

/**
 * The MinHash signature of a text: for each seed, the least mixed hash of its 3-grams, kept to its low
 * 16 bits (b-bit MinHash: two different minima agree by chance once in 65,536), as 4 hex digits each.
 * '' when the normalised text is shorter than MIN_COMPARED.
 */
export function signature(text: string, name = ''): string {
  const t = normalise(text, name);
  if (Array.from(t).length < MIN_COMPARED) return '';
  const hashes = [...shingles(t, 3)].map(fnv1a);
  let out = '';
  for (const seed of SEEDS) {
    let min = 0xffffffff;
    for (const h of hashes) {
      const v = mix(h ^ seed);
      if (v < min) min = v;
    }
    out += (min & 0xffff).toString(16).padStart(4, '0');
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures: the share of agreeing minima (0 when either is empty). */
export function similarity(a: string, b: string): number {
  if (!a || !b || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i += 4) if (a.slice(i, i + 4) === b.slice(i, i + 4)) same++;
  return same / (a.length / 4);
}

/** What a review says about the target apart from problems and direction: its aspects and achievements. */
function bodyOf(r: ReviewText): string {
  return [...r.aspects.map((a) => a.text), r.achievements].join('\n');
}

/** The fingerprint of a review: what the server sends instead of the text of the reviewer's other reviews. */
export function fingerprintOf(r: ReviewText): Fingerprint {
  return { body: signature(bodyOf(r), r.targetName), problems: signature(r.problems, r.targetName), direction: signature(r.direction, r.targetName) };
}

// Clause boundaries: sentence and list punctuation, line breaks, and enumerations (一是, 1., （2）).
const CLAUSE = /[。；;，,、！!？?：:\n\r]+|(?:[一二三四五六七八九十]是)|(?:[（(]?\d+[)）.、])/;

/** The clauses of a text, trimmed, empty ones dropped. */
export function clauses(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(CLAUSE)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

const FILLERS_BY_LENGTH = [...FILLERS].sort((a, b) => b.length - a.length);

/** What is left of a clause once stock phrases, fillers, the target's name and punctuation are taken out. */
export function remainder(clause: string, phrases: readonly Phrase[], name = ''): string {
  let t = normalise(clause, name);
  for (const p of phrases) t = t.replace(p.pattern, '');
  for (const f of FILLERS_BY_LENGTH) t = t.split(f).join('');
  return t;
}

/** True when a clause says something of its own: a figure, or enough left after the stock phrases and fillers. */
function specificClause(clause: string, phrases: readonly Phrase[], name: string): boolean {
  if (/\p{N}/u.test(clause.normalize('NFKC').replace(/[一二三四五六七八九十]是/g, ''))) return true;
  return Array.from(remainder(clause, phrases, name)).length >= MIN_SPECIFIC;
}

/** True when a problems or direction text is non-empty and none of its clauses says anything specific. */
export function isGeneric(text: string, phrases: readonly Phrase[], name = ''): boolean {
  const parts = clauses(text);
  return parts.length > 0 && !parts.some((c) => specificClause(c, phrases, name));
}

// Sentence boundaries: the praise check reads a whole sentence, so its other clauses can turn it.
const SENTENCE = /[。；;！!？?\n\r]+/;

/** The parts of 存在的问题 that are praise dressed as criticism, in sentences not aimed at others or turned by "但…". */
export function praiseClauses(problems: string): string[] {
  const found: string[] = [];
  for (const sentence of problems.normalize('NFKC').split(SENTENCE)) {
    if (OTHER_DIRECTED.test(sentence)) continue;
    for (const clause of clauses(sentence)) {
      if (PRAISE_AS_CRITICISM.some((p) => clause.replace(p.pattern, '\u0000').includes('\u0000'))) found.push(clause);
    }
  }
  return found;
}

// Two-character words too common in reviews to show that a commitment is meant.
const COMMON_BIGRAMS = new Set([
  '工作', '党员', '群众', '承诺', '完成', '兑现', '活动', '开展', '组织', '服务', '支部', '进一', '一步', '加强', '提高', '同志',
  '问题', '情况', '方面', '能够', '积极', '认真', '按时', '全年', '今年', '本年', '年度', '创先', '先争', '争优', '做好', '落实',
]);

/** The distinctive character bigrams of a text (Han, letters, digits), common review words left out. */
function keyBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const g of shingles(normalise(text), 2)) if (Array.from(g).length === 2 && !COMMON_BIGRAMS.has(g)) out.add(g);
  return out;
}

/** Distinctive bigrams a review must share with one commitment item to be said to mention it. */
export const MENTION_MIN_SHARED = 3;
/** …and the share of that item's distinctive bigrams they must make up. */
export const MENTION_MIN_SHARE = 0.2;

/** True when the review text shares enough of one commitment's (or its fulfilment's) distinctive wording. */
export function mentionsCommitment(reviewText: string, commitments: readonly CommitmentText[]): boolean {
  const review = keyBigrams(reviewText);
  return commitments.some((c) =>
    [c.content, c.fulfilmentNotes].some((t) => {
      const item = keyBigrams(t);
      if (item.size === 0) return false;
      let shared = 0;
      for (const g of item) if (review.has(g)) shared++;
      return shared >= Math.min(MENTION_MIN_SHARED, item.size) && shared / item.size >= MENTION_MIN_SHARE;
    }),
  );
}

const percent = (s: number) => `${Math.round(s * 100)}%`;

/** The copy hints: per other target, the most similar section at or above the threshold. */
function copyHints(mine: Fingerprint, others: readonly OtherReview[]): QualityHint[] {
  const best = new Map<string, { other: OtherReview; section: Section; score: number }>();
  for (const other of others) {
    for (const section of SECTIONS) {
      const score = similarity(mine[section], other.fingerprint[section]);
      if (score < COPY_THRESHOLD) continue;
      const key = `${other.cycle}|${other.targetName}`;
      const prev = best.get(key);
      if (!prev || score > prev.score) best.set(key, { other, section, score });
    }
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ other, section, score }) => {
      const how = score >= 0.9 ? '几乎相同' : `十分相近（约 ${percent(score)} 相同）`;
      const code: HintCode = other.cycle === 'THIS' ? 'COPIED_OTHER' : 'COPIED_LAST';
      const whose = other.cycle === 'THIS' ? `本周期写给${other.targetName}的点评` : `上一周期写给${other.targetName}的点评`;
      const fix = other.cycle === 'THIS' ? '请写出这位同志自己的具体表现、事例和问题。' : '请写出这一周期的新变化、上次问题的整改情况和新的要求。';
      return { code, section, otherTarget: other.targetName, message: `“${SECTION_LABELS[section]}”与您${whose}${how}。${fix}` };
    });
}

/** The quality hints of a review being written: quiet, never a refusal; [] when nothing is worth saying. */
export function reviewHints(input: QualityInput): QualityHint[] {
  const { review, others, commitments } = input;
  const hints: QualityHint[] = copyHints(fingerprintOf(review), others);
  const name = review.targetName;
  if (isGeneric(review.problems, STOCK_PROBLEMS, name)) {
    hints.push({
      code: 'GENERIC',
      section: 'problems',
      otherTarget: null,
      message: '“存在的问题”只有套话（如“理论学习不够深入”“创新意识不强”），放在谁身上都一样。请写出具体的事：哪项工作、什么时候、差在哪里、群众有什么意见。',
    });
  }
  if (isGeneric(review.direction, STOCK_DIRECTIONS, name)) {
    hints.push({
      code: 'GENERIC',
      section: 'direction',
      otherTarget: null,
      message: '“努力方向”只有套话（如“进一步加强学习”“充分发挥先锋模范作用”），对方不知道具体做什么。请针对指出的问题，写明要做的事和完成时间。',
    });
  }
  const everything = [bodyOf(review), review.problems, review.direction, review.requirement].join('\n');
  if (commitments.length > 0 && !mentionsCommitment(everything, commitments)) {
    const first = commitments[0].content.trim();
    const example = Array.from(first).length > 20 ? `${Array.from(first).slice(0, 20).join('')}…` : first;
    hints.push({
      code: 'NO_COMMITMENT',
      section: null,
      otherTarget: null,
      message: `点评没有提到对方的公开承诺及兑现情况（如“${example}”）。请写明承诺了什么、做到了哪一步，没做到的原因。`,
    });
  }
  const praise = praiseClauses(review.problems);
  if (praise.length > 0) {
    hints.push({
      code: 'PRAISE_AS_PROBLEM',
      section: 'problems',
      otherTarget: null,
      message: `“${praise.slice(0, 2).join('”“')}”其实是表扬，不是问题（明贬暗褒的“伪批评”）。请写出确实存在、需要改进的具体问题。`,
    });
  }
  return hints;
}

/** The distinct hint kinds a list of hints carries: what a submitted review adds to its unit's counts. */
export function hintKinds(hints: readonly QualityHint[]): HintCode[] {
  return HINT_CODES.filter((code) => hints.some((h) => h.code === code));
}

/** A review of a session as it stands (typed on the phone, or applied on the server), with its target's id. */
export interface SessionReview extends ReviewText {
  /** `personId ?? orgId` of the target (contracts' `targetId`). */
  targetKey: string;
}

/** What the server gives the hints beyond the session: the reviewer's other reviews (fingerprints) and the targets' commitments. */
export interface HintContext {
  others: ReadonlyArray<OtherReview & { targetKey: string }>;
  commitments: Readonly<Record<string, readonly CommitmentText[]>>;
}

/**
 * The hints of one review of a session, the one function the page (as the reviewer types) and the api
 * (when the review is submitted, for the counts) both call: compared with the session's other reviews
 * as they stand, the reviewer's reviews of other targets this cycle, and this target's last one.
 */
export function sessionReviewHints(review: SessionReview, session: readonly SessionReview[], context: HintContext): QualityHint[] {
  const others: OtherReview[] = [
    ...session.filter((r) => r.targetKey !== review.targetKey).map((r) => ({ targetName: r.targetName, cycle: 'THIS' as const, fingerprint: fingerprintOf(r) })),
    ...context.others.filter((o) => (o.cycle === 'THIS' ? o.targetKey !== review.targetKey : o.targetKey === review.targetKey)),
  ];
  return reviewHints({ review, others, commitments: context.commitments[review.targetKey] ?? [] });
}
