/**
 * Who may read what (DOMAIN §6 step 4, 在一定范围内公开): publication audiences over the org tree,
 * and redaction of reviews and opinions for each reader.
 *
 * Two guarantees, by construction (views are built by whitelisting fields, never by deleting):
 * - a review's `privateNotes` (and its audit history) reach only its own reviewer;
 * - an anonymous opinion has no author anywhere: not in storage (`toStoredOpinion`), not in any view.
 */
import {
  AnonymousStoredOpinionSchema,
  NamedStoredOpinionSchema,
  type OpinionSubmission,
  type StoredOpinion,
} from '../contracts/opinion';
import type { Commitment } from '../contracts/commitment';
import type { OrgKind } from '../contracts/org';
import { SCOPE_KIND_LABELS, type Publication, type PublicationScope } from '../contracts/publication';
import type {
  AspectEntry,
  MeetingType,
  RectificationRequirement,
  Review,
  ReviewHint,
  ReviewMode,
  ReviewRule,
  ReviewStatus,
  TargetRef,
  TransitionRecord,
} from '../contracts/review';
import { REVIEW_HINT_LABELS } from '../contracts/review';
import type { ReviewSession } from '../contracts/session';
import { fail, ok, zodIssues, type Result } from '../errors';
import { cstEndOfDay, cstStartOfDay } from './cst';
import { ruleView } from './reach';

/** The minimal org tree scope needs: ids and parents (one tenant). */
export interface OrgNode {
  orgId: string;
  parentId: string | null;
}

/**
 * A reader as the server knows them. `manager` is server-derived: the reviewer's superior or the
 * campaign office for the entity concerned. `secretaryOf` lets a secretary act for a reviewed org.
 */
export interface Reader {
  tenantId: string;
  personId: string;
  /** The org the reader's membership is registered in (null for an admin without membership). */
  orgId: string | null;
  manager: boolean;
  secretaryOf: readonly string[];
}

/** Org ids that may read a publication with this scope, sorted; ORG.NOT_FOUND when the anchor is not in the tree. */
export function audienceOfScope(scope: PublicationScope, tree: readonly OrgNode[]): Result<string[]> {
  const byId = new Map(tree.map((o) => [o.orgId, o]));
  const anchor = byId.get(scope.orgId);
  if (!anchor) return fail('ORG.NOT_FOUND', `公开范围所指的党组织（${scope.orgId}）不存在`);
  const orgs = new Set<string>([anchor.orgId]);
  if (scope.kind === 'ORG_AND_UPPER' && anchor.parentId !== null && byId.has(anchor.parentId)) orgs.add(anchor.parentId);
  if (scope.kind === 'TENANT') for (const o of tree) orgs.add(o.orgId);
  if (scope.kind === 'SUBTREE') {
    const children = new Map<string, string[]>();
    for (const o of tree) {
      if (o.parentId === null) continue;
      const list = children.get(o.parentId) ?? [];
      list.push(o.orgId);
      children.set(o.parentId, list);
    }
    const queue = [anchor.orgId];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const child of children.get(id) ?? []) {
        if (orgs.has(child)) continue; // a malformed tree with a cycle must not loop
        orgs.add(child);
        queue.push(child);
      }
    }
  }
  return ok([...orgs].sort());
}

/** Org ids whose members may read the publication once published. */
export function audience(publication: Pick<Publication, 'scope'>, tree: readonly OrgNode[]): Result<string[]> {
  return audienceOfScope(publication.scope, tree);
}

/** True when the reader may read the publication: its organiser always, members of audience orgs once published. */
export function canRead(
  reader: Reader,
  publication: Pick<Publication, 'tenantId' | 'scope' | 'status' | 'organiserId'>,
  tree: readonly OrgNode[],
): boolean {
  if (reader.tenantId !== publication.tenantId) return false;
  if (reader.personId === publication.organiserId) return true;
  if (publication.status !== 'PUBLISHED' || reader.orgId === null) return false;
  const orgs = audience(publication, tree);
  return orgs.ok && orgs.value.includes(reader.orgId);
}

/**
 * The audience a session's notice is first offered with, by the kind of org the session was given from: a
 * branch reviews people registered in it (本支部); an org above branches (党总支, 党委, 工委, 党组) reviews the
 * orgs below it and their secretaries, registered there, so only its own subtree holds them.
 */
export function defaultPublicationScope(kind: OrgKind): 'TARGET_ORG' | 'SUBTREE' {
  return kind === 'BRANCH' || kind === 'GROUP' ? 'TARGET_ORG' : 'SUBTREE';
}

/** Checks that every review in a publication belongs inside its audience and tenant, before publishing. */
export function checkPublicationScope(
  publication: Pick<Publication, 'tenantId' | 'scope' | 'reviewIds'>,
  reviews: readonly Pick<Review, 'id' | 'tenantId' | 'target' | 'status'>[],
  tree: readonly OrgNode[],
): Result<true> {
  const orgs = audienceOfScope(publication.scope, tree);
  if (!orgs.ok) return orgs;
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  publication.reviewIds.forEach((id, i) => {
    const review = reviews.find((r) => r.id === id);
    if (!review || review.tenantId !== publication.tenantId) {
      issues.push({ path: ['reviewIds', i], message: '未找到该点评' });
    } else if (review.status === 'DRAFT') {
      issues.push({ path: ['reviewIds', i], message: `对${review.target.name}的点评尚未提交` });
    } else if (!orgs.value.includes(review.target.orgId)) {
      issues.push({ path: ['reviewIds', i], message: `${review.target.name}不在公开范围内` });
    }
  });
  return issues.length === 0 ? ok(true) : fail('INPUT.INVALID', '部分点评不能在所选范围内公开', issues);
}

/** What anyone but the reviewer may see of a review. */
export interface PublicReviewView {
  visibility: 'PUBLIC';
  id: string;
  campaignId: string;
  cycleKey: string;
  target: TargetRef;
  reviewer: { name: string; unitAndPost: string };
  /** 录入人, when the review was entered on the reviewer's behalf. */
  enteredBy: { name: string } | null;
  /** The rule that made the review (null for a review nobody required) and its explanation. */
  rule: ReviewRule | null;
  ruleLabel: string | null;
  mode: ReviewMode;
  meetingType: MeetingType | null;
  topic: string | null;
  place: string;
  reviewedAt: number;
  aspects: AspectEntry[];
  achievements: string;
  problems: string;
  direction: string;
  rectification: RectificationRequirement;
  exemplary: boolean;
  exemplaryNote: string;
  status: ReviewStatus;
  publishedAt: number | null;
}

/** The reviewer's own view: the public fields plus private notes and the audit history. */
export interface OwnReviewView extends Omit<PublicReviewView, 'visibility'> {
  visibility: 'OWN';
  /** How to review this member [001], for the reviewer (REVIEW_HINT_LABELS); null when nothing special. */
  hint: { kind: ReviewHint; label: string } | null;
  privateNotes: string;
  history: TransitionRecord[];
  version: number;
}

export type ReviewView = PublicReviewView | OwnReviewView;

/** Whitelists the public fields of a review. */
export function publicReviewView(review: Review): PublicReviewView {
  return {
    visibility: 'PUBLIC',
    id: review.id,
    campaignId: review.campaignId,
    cycleKey: review.cycleKey,
    target: { kind: review.target.kind, orgId: review.target.orgId, personId: review.target.personId, name: review.target.name },
    reviewer: { name: review.reviewer.name, unitAndPost: review.reviewer.unitAndPost },
    enteredBy: review.enteredBy ? { name: review.enteredBy.name } : null,
    ...(review.rule ? ruleView(review.rule, review.additional === true) : { rule: null, ruleLabel: null }),
    mode: review.mode,
    meetingType: review.meetingType,
    topic: review.topic,
    place: review.place,
    reviewedAt: review.reviewedAt,
    aspects: review.aspects.map((a) => ({ key: a.key, text: a.text })),
    achievements: review.achievements,
    problems: review.problems,
    direction: review.direction,
    rectification: {
      required: review.rectification.required,
      requirement: review.rectification.requirement,
      deadline: review.rectification.deadline,
      imposed: review.rectification.imposed,
    },
    exemplary: review.exemplary,
    exemplaryNote: review.exemplaryNote,
    status: review.status,
    publishedAt: review.publishedAt,
  };
}

/** True when the reader answers for the target: the person themself, or the secretary of the target org. */
export function answersFor(reader: { personId: string | null; secretaryOf: readonly string[] }, target: Pick<TargetRef, 'personId' | 'orgId'>): boolean {
  return target.personId !== null ? reader.personId === target.personId : reader.secretaryOf.includes(target.orgId);
}

/** True when the reader wrote the review: its reviewer, or whoever entered it on the reviewer's behalf. */
export function ownsReview(review: { reviewer: { personId: string | null }; enteredBy?: { id: string } | null }, reader: { personId: string | null }): boolean {
  return (review.reviewer.personId !== null && reader.personId === review.reviewer.personId) || (review.enteredBy != null && reader.personId === review.enteredBy.id);
}

/**
 * What this reader sees of a review: the reviewer their own view; managers and the target the public
 * view once submitted; members of a published publication's audience the public view once published.
 */
export function redactReviewForReader(
  review: Review,
  reader: Reader,
  ctx: { publications: readonly Publication[]; tree: readonly OrgNode[] },
): Result<ReviewView> {
  if (reader.tenantId !== review.tenantId) return fail('AUTH.OTHER_TENANT');
  if (ownsReview(review, reader)) {
    const { visibility: _public, ...rest } = publicReviewView(review);
    return ok({
      ...rest,
      visibility: 'OWN',
      hint: review.hint ? { kind: review.hint, label: REVIEW_HINT_LABELS[review.hint] } : null,
      privateNotes: review.privateNotes,
      history: review.history.map((h) => ({ ...h })),
      version: review.version,
    });
  }
  if (review.status === 'DRAFT') return fail('SCOPE.FORBIDDEN');
  if (reader.manager || answersFor(reader, review.target)) return ok(publicReviewView(review));
  if (review.status === 'PUBLISHED') {
    const visible = ctx.publications.some((p) => p.reviewIds.includes(review.id) && canRead(reader, p, ctx.tree));
    if (visible) return ok(publicReviewView(review));
  }
  return fail('SCOPE.FORBIDDEN');
}

export interface PublicationView {
  id: string;
  title: string;
  summary: string;
  scope: PublicationScope;
  scopeLabel: string;
  publishedAt: number | null;
  /** Public views only: a publication never carries private notes, even to the reviewer. */
  reviews: PublicReviewView[];
}

function publicationView(publication: Publication, reviews: readonly Review[], includeSubmitted: boolean): PublicationView {
  const shown = publication.reviewIds
    .map((id) => reviews.find((r) => r.id === id && r.tenantId === publication.tenantId))
    .filter((r): r is Review => r !== undefined && (r.status === 'PUBLISHED' || (includeSubmitted && r.status === 'SUBMITTED')))
    .map(publicReviewView);
  return {
    id: publication.id,
    title: publication.title,
    summary: publication.summary,
    scope: { kind: publication.scope.kind, orgId: publication.scope.orgId },
    scopeLabel: SCOPE_KIND_LABELS[publication.scope.kind],
    publishedAt: publication.publishedAt,
    reviews: shown,
  };
}

/** A published notice's public content, for a reader the server admitted by other means (a masses' link, notice.ts). */
export function publishedView(publication: Publication, reviews: readonly Review[]): PublicationView {
  return publicationView(publication, reviews, false);
}

/** The publication as this reader may see it, or SCOPE.FORBIDDEN. */
export function redactPublicationForReader(
  publication: Publication,
  reviews: readonly Review[],
  reader: Reader,
  tree: readonly OrgNode[],
): Result<PublicationView> {
  if (!canRead(reader, publication, tree)) return fail('SCOPE.FORBIDDEN');
  const organiser = reader.personId === publication.organiserId;
  return ok(publicationView(publication, reviews, organiser && publication.status !== 'PUBLISHED'));
}

/**
 * For the organiser before publishing: exactly what a plain member of `orgId` would see once the
 * publication is out, or SCOPE.FORBIDDEN when that org is outside the scope.
 */
export function previewAsAudience(
  publication: Publication,
  reviews: readonly Review[],
  orgId: string,
  tree: readonly OrgNode[],
): Result<PublicationView> {
  const orgs = audience(publication, tree);
  if (!orgs.ok) return orgs;
  if (!orgs.value.includes(orgId)) return fail('SCOPE.FORBIDDEN', '该党组织不在公开范围内，看不到这份通报');
  // Reviews still SUBMITTED will be PUBLISHED together with the publication.
  return ok(publicationView(publication, reviews, true));
}

/** True when the reader may see a commitment: public within the owner's org, and to managers. */
export function canReadCommitment(reader: Reader, commitment: Commitment): boolean {
  if (reader.tenantId !== commitment.tenantId) return false;
  if (reader.manager) return true;
  if (commitment.owner.kind === 'PERSON' && commitment.owner.personId === reader.personId) return true;
  return reader.orgId !== null && reader.orgId === commitment.owner.orgId;
}



export interface StoreOpinionContext {
  id: string;
  tenantId: string;
  session: Pick<ReviewSession, 'id' | 'tenantId' | 'targets' | 'opinionsAnonymous' | 'opinionDeadline' | 'publishedAt'>;
  /** The caller as the server identified them (never a payload field). */
  caller: { personId: string; name: string };
  /** True when the organiser types in a representative's opinion (座谈会, 意见表, 意见函). */
  enteredForRepresentative: boolean;
  /** For anonymous opinions: hash of a random withdraw secret given only to the giver's device, or null. */
  withdrawKeyHash: string | null;
  /** 录入人 when a roster person types in someone else's opinion; never set for a giver's own. */
  enteredByName?: string;
  now: number;
}

/**
 * Why a session takes no more opinions at `now`, or null while it does: its opinion deadline's day has
 * ended, or its reviews were published (an opinion can no longer inform them).
 */
export function opinionsClosed(session: Pick<ReviewSession, 'opinionDeadline' | 'publishedAt'>, now: number): 'OPINION.CLOSED' | 'OPINION.PUBLISHED' | null {
  if (session.publishedAt !== undefined) return 'OPINION.PUBLISHED';
  if (session.opinionDeadline !== null && now > cstEndOfDay(session.opinionDeadline)) return 'OPINION.CLOSED';
  return null;
}

/**
 * Builds the document to store for an opinion. The server must store this, never the submission:
 * an anonymous opinion leaves here with no author, no enterer and a day-granular time.
 */
export function toStoredOpinion(submission: OpinionSubmission, ctx: StoreOpinionContext): Result<StoredOpinion> {
  const { session } = ctx;
  if (submission.sessionId !== session.id || ctx.tenantId !== session.tenantId) {
    return fail('INPUT.INVALID', '意见不属于该点评活动', [{ path: ['sessionId'], message: '点评活动不符' }]);
  }
  if (!session.targets.some((t) => t.kind === submission.target.kind && t.orgId === submission.target.orgId && t.personId === submission.target.personId)) {
    return fail('INPUT.INVALID', '该对象不在本次点评范围内', [{ path: ['target'], message: '不是本次点评对象' }]);
  }
  const closed = opinionsClosed(session, ctx.now);
  if (closed) return fail(closed);
  const target = session.targets.find((t) => t.kind === submission.target.kind && t.orgId === submission.target.orgId && t.personId === submission.target.personId) as TargetRef;
  const base = {
    id: ctx.id,
    tenantId: ctx.tenantId,
    sessionId: session.id,
    target: { kind: target.kind, orgId: target.orgId, personId: target.personId, name: target.name },
    giverKind: submission.giverKind,
    channel: submission.channel,
    content: submission.content,
    status: 'SUBMITTED' as const,
    withdrawnAt: null,
    version: 0,
  };
  if (session.opinionsAnonymous || submission.anonymous) {
    const parsed = AnonymousStoredOpinionSchema.safeParse({
      ...base,
      submittedAt: cstStartOfDay(ctx.now),
      anonymous: true,
      withdrawKeyHash: ctx.withdrawKeyHash,
      ...(ctx.enteredByName ? { enteredByName: ctx.enteredByName } : {}),
    });
    return parsed.success ? ok(parsed.data) : fail('INPUT.INVALID', undefined, zodIssues(parsed.error.issues));
  }
  let author: { authorId: string | null; authorName: string };
  if (ctx.enteredForRepresentative) {
    if (!submission.giverName) {
      return fail('INPUT.INVALID', '请填写提意见人的姓名，或选择匿名', [{ path: ['giverName'], message: '请填写姓名' }]);
    }
    author = { authorId: null, authorName: submission.giverName };
  } else {
    author = { authorId: ctx.caller.personId, authorName: ctx.caller.name };
  }
  const parsed = NamedStoredOpinionSchema.safeParse({
    ...base,
    submittedAt: ctx.now,
    anonymous: false,
    ...author,
    enteredById: ctx.caller.personId,
    ...(ctx.enteredByName ? { enteredByName: ctx.enteredByName } : {}),
  });
  return parsed.success ? ok(parsed.data) : fail('INPUT.INVALID', undefined, zodIssues(parsed.error.issues));
}

/** What a reader sees of an opinion. `author` exists only on named opinions. */
export interface OpinionView {
  id: string;
  sessionId: string;
  target: TargetRef;
  giverKind: StoredOpinion['giverKind'];
  channel: StoredOpinion['channel'];
  content: string;
  status: StoredOpinion['status'];
  submittedAt: number;
  anonymous: boolean;
  author?: { personId: string | null; name: string };
  /** 录入人: who typed it in on the giver's behalf. */
  enteredBy?: { name: string };
}

/**
 * Opinions are read by the session's reviewer and managers (withdrawn ones no longer), and a named
 * giver reads their own. Anonymous opinions never show an author, whatever the stored document holds.
 */
export function redactOpinionForReader(
  opinion: StoredOpinion,
  reader: Reader,
  ctx: { sessionReviewerId: string | null },
): Result<OpinionView> {
  if (reader.tenantId !== opinion.tenantId) return fail('AUTH.OTHER_TENANT');
  const anonymous = opinion.anonymous !== false; // anything but an explicit false is treated as anonymous
  const ownNamed = !anonymous && 'enteredById' in opinion && (opinion.authorId === reader.personId || opinion.enteredById === reader.personId);
  const official = reader.manager || (ctx.sessionReviewerId !== null && reader.personId === ctx.sessionReviewerId);
  if (!ownNamed && !(official && opinion.status === 'SUBMITTED')) return fail('SCOPE.FORBIDDEN');
  const view: OpinionView = {
    id: opinion.id,
    sessionId: opinion.sessionId,
    target: { kind: opinion.target.kind, orgId: opinion.target.orgId, personId: opinion.target.personId, name: opinion.target.name },
    giverKind: opinion.giverKind,
    channel: opinion.channel,
    content: opinion.content,
    status: opinion.status,
    submittedAt: opinion.submittedAt,
    anonymous,
  };
  if (!anonymous && 'authorName' in opinion) view.author = { personId: opinion.authorId, name: opinion.authorName };
  if (opinion.enteredByName) view.enteredBy = { name: opinion.enteredByName };
  return ok(view);
}
