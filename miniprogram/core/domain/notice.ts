/**
 * 通报 as the seeds mean it (整理汇总…在一定范围内将点评情况以书面形式向党员干部群众公开 [001][002][004]):
 * a notice compiles the reviews of several sessions, within one area the publisher leads, never wider than
 * any review was already published; it is printed as a formal written notice and can reach the masses,
 * who are not on the roster, through a link that shows that notice and nothing else.
 *
 * Audiences themselves (who on the roster reads a publication) stay in scope.ts.
 */
import type { PublicationScope } from '../contracts/publication';
import { REVIEW_MODE_LABELS, type ReviewMode } from '../contracts/review';
import { fail, ok, type Result } from '../errors';
import { cstDateOf } from './cst';
import type { PublicReviewView, PublicationView } from './visibility';

/** A scope with its anchor's ancestry (root first, parent last), enough to compare audiences without the whole tree. */
export interface AnchoredScope {
  kind: PublicationScope['kind'];
  orgId: string;
  path: readonly string[];
}

/**
 * True when every org that may read `inner` may also read `outer`. Decided from ancestry alone; where
 * that is not enough (a SUBTREE inside an org and its parent) the answer is no, so a notice is never wider.
 */
export function scopeWithin(inner: AnchoredScope, outer: AnchoredScope): boolean {
  if (outer.kind === 'TENANT') return true;
  const line = [...inner.path, inner.orgId];
  const parentOfOuter = outer.path.length ? outer.path[outer.path.length - 1] : null;
  if (outer.kind === 'SUBTREE') {
    if (inner.kind === 'TENANT') return outer.path.length === 0;
    // An org and its parent lie in the subtree when the parent does (a root has no parent: only itself).
    if (inner.kind === 'ORG_AND_UPPER') return inner.path.length === 0 ? inner.orgId === outer.orgId : inner.path.includes(outer.orgId);
    return line.includes(outer.orgId);
  }
  if (outer.kind === 'ORG_AND_UPPER') {
    if (inner.kind === 'TARGET_ORG') return inner.orgId === outer.orgId || inner.orgId === parentOfOuter;
    return inner.kind === 'ORG_AND_UPPER' && inner.orgId === outer.orgId;
  }
  return inner.kind === 'TARGET_ORG' && inner.orgId === outer.orgId;
}

/** Who compiles: the campaign office (any scope) or a secretary (within the orgs they lead and those below). */
export interface Publisher {
  admin: boolean;
  /** The orgs the publisher is secretary of, anchored. */
  leads: readonly AnchoredScope[];
}

/** Why a compiled notice may not use this scope: it must lie within the publisher's own subtree. */
export function noticeAreaRefusal(scope: AnchoredScope, publisher: Publisher): Result<true> {
  if (publisher.admin) return ok(true);
  if (publisher.leads.some((o) => scopeWithin(scope, { ...o, kind: 'SUBTREE' }))) return ok(true);
  return fail('NOTICE.OUT_OF_AREA');
}

/** A review already published: the audiences it was published to. */
export interface EarlierPublication {
  reviewIds: readonly string[];
  scope: AnchoredScope;
}

/**
 * Reviews already published may be compiled again only for readers who could already read them: a review
 * published to one branch never reaches the whole unit through a later notice. Not yet published reviews are
 * published by the notice itself (scope.ts checks their targets lie inside it).
 */
export function wideningRefusal(
  reviews: ReadonlyArray<{ id: string; status: string; target: { name: string } }>,
  earlier: readonly EarlierPublication[],
  scope: AnchoredScope,
): Result<true> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  reviews.forEach((r, i) => {
    if (r.status !== 'PUBLISHED') return;
    if (earlier.some((p) => p.reviewIds.includes(r.id) && scopeWithin(scope, p.scope))) return;
    issues.push({ path: ['reviewIds', i], message: `对${r.target.name}的点评此前只在较小范围内公开，不能在更大范围通报` });
  });
  return issues.length ? fail('NOTICE.WIDER_THAN_PUBLISHED', undefined, issues) : ok(true);
}

/** Distinct session ids, the primary first; a compiled notice holds at most this many sessions. */
export const NOTICE_MAX_SESSIONS = 20;

/** What the masses see through a notice link: the notice's words and no id, roster or other data. */
export interface MassesNotice {
  title: string;
  issuer: string;
  date: string;
  summary: string;
  items: Array<{
    target: string;
    reviewer: string;
    mode: string;
    achievements: string;
    problems: string;
    direction: string;
    rectification: string;
  }>;
}

const rectificationText = (r: PublicReviewView['rectification']) =>
  r.required ? `${r.requirement}${r.deadline ? `（${dateWords(r.deadline)}前书面回复）` : ''}` : r.requirement || '继续保持';

/** `2026-12-08` as 2026年12月8日. */
function dateWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A notice as the masses read it: whitelisted words, names of those reviewed and reviewing, nothing else. */
export function massesNotice(view: PublicationView, issuer: string): MassesNotice {
  return {
    title: view.title,
    issuer,
    date: view.publishedAt === null ? '' : dateWords(cstDateOf(view.publishedAt)),
    summary: view.summary,
    items: view.reviews.map((r) => ({
      target: r.target.kind === 'ORG' ? r.target.name : `${r.target.name}同志`,
      reviewer: `${r.reviewer.name}（${r.reviewer.unitAndPost}）`,
      mode: REVIEW_MODE_LABELS[r.mode as ReviewMode],
      achievements: r.achievements,
      problems: r.problems,
      direction: r.direction,
      rectification: rectificationText(r.rectification),
    })),
  };
}

/** A masses' link to one notice. */
export interface NoticeLink {
  tenantId: string;
  publicationId: string;
  expiresAt: number;
  revokedAt: number | null;
}

/** Why a link no longer opens its notice, or null while it does. */
export function noticeLinkRefusal(link: NoticeLink | null, now: number): { code: 'NOTICE.LINK_NOT_FOUND' | 'NOTICE.LINK_REVOKED' | 'NOTICE.LINK_EXPIRED' } | null {
  if (!link) return { code: 'NOTICE.LINK_NOT_FOUND' };
  if (link.revokedAt !== null) return { code: 'NOTICE.LINK_REVOKED' };
  return now > link.expiresAt ? { code: 'NOTICE.LINK_EXPIRED' } : null;
}

/** The longest a masses' link lives, in days: a notice is read in the days after it is issued. */
export const NOTICE_LINK_MAX_DAYS = 90;

/** The written notice as a layout the export draws: the parts of a formal 通报, in order. */
export interface NoticeDocument {
  issuer: string;
  title: string;
  /** 主送: who the notice is addressed to. */
  addressee: string;
  opening: string;
  sections: Array<{ heading: string; paragraphs: Array<{ label: string; text: string }> }>;
  closing: string;
  signature: string;
  date: string;
  /** 公开范围, printed under a line at the foot. */
  scopeLine: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 一、二、… 十一、 for headings. */
function numeral(i: number): string {
  const n = i + 1;
  if (n <= 10) return NUMERALS[n - 1];
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

/** The notice's written form: one section per org or person reviewed, with the review summary and the rectification required. */
export function noticeDocument(view: PublicationView, issuer: string): NoticeDocument {
  const masses = massesNotice(view, issuer);
  return {
    issuer,
    title: view.title,
    addressee: '各党组织、全体党员：',
    opening: view.summary,
    sections: masses.items.map((item, i) => ({
      heading: `${numeral(i)}、对${item.target}的点评`,
      paragraphs: [
        { label: '点评人及方式', text: `${item.reviewer}，${item.mode}` },
        { label: '主要成绩', text: item.achievements },
        { label: '存在的问题', text: item.problems },
        { label: '努力方向', text: item.direction },
        { label: '整改要求', text: item.rectification },
      ],
    })),
    closing: '请被点评的党组织和党员认真研究点评意见，落实整改措施，整改情况以书面形式及时回复点评领导。',
    signature: issuer,
    date: masses.date,
    scopeLine: `公开范围：${view.scopeLabel}`,
  };
}
