/**
 * What the review-work handlers share: loading an entity once for both its scope and its use case,
 * the caller's relation to a session, readers for core/domain/visibility.ts, partial org trees, domain views.
 */
import * as z from 'zod/mini';
import { StoredOpinionSchema, type StoredOpinion } from '../../../../miniprogram/core/contracts/opinion';
import { PublicationSchema, type Publication } from '../../../../miniprogram/core/contracts/publication';
import { RectificationSchema, type Rectification } from '../../../../miniprogram/core/contracts/rectification';
import { ReportSchema, type Report } from '../../../../miniprogram/core/contracts/report';
import { ReviewSchema, targetId, type Review, type ReviewTemplate, type TargetKind, type TargetRef } from '../../../../miniprogram/core/contracts/review';
import { ReviewSessionSchema, type ReviewSession } from '../../../../miniprogram/core/contracts/session';
import { rolesAt } from '../../../../miniprogram/core/domain/permissions';
import type { ReviewPlace, ReviewReader } from '../../../../miniprogram/core/domain/review-readers';
import { officialRefusal, type SessionViewer } from '../../../../miniprogram/core/domain/session-officials';
import type { OrgNode, Reader } from '../../../../miniprogram/core/domain/visibility';
import { defaultTemplate } from '../../../../miniprogram/core/domain/templates';
import type { Caller, Deps } from '../frame/action';
import { AppError } from '../frame/errors';
import type { ErrorCode } from '../../../../miniprogram/core/errors';
import type { CampaignDoc, OrgDoc } from '../repositories/docs';
import { getReview, getSession } from '../repositories/work';
import type { OpinionDoc, PublicationDoc, RectificationDoc, ReportDoc, ReviewDoc, SessionDoc } from '../repositories/work-docs';
import { scopeOfOrg, withEntity, type EntityScope } from './scope';

/**
 * A scope resolver for an entity: loads it (handed to the use case with the scope), refuses one of
 * another tenant or a missing one with `notFound`, and scopes the org it names.
 */
export function entityScope<I extends object, D extends { tenantId: string }>(
  load: (input: I, deps: Deps) => Promise<D | null>,
  orgIdOf: (doc: D, caller: Caller) => string,
  notFound: ErrorCode,
) {
  return async (input: I, caller: Caller, deps: Deps): Promise<EntityScope<D>> => {
    const doc = await load(input, deps);
    if (!doc) throw new AppError(caller.tenantId ? notFound : 'AUTH.UNBOUND');
    if (caller.tenantId && doc.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
    return withEntity(await scopeOfOrg(orgIdOf(doc, caller), caller, deps), doc);
  };
}

/** The scope of an action on a session: the session's org, with the session for the use case. */
export const sessionScope = entityScope((i: { sessionId: string }, d) => getSession(d.db, i.sessionId), (s) => s.orgId, 'SESSION.NOT_FOUND');

/** The scope of an action on a review: the reviewing org, with the review for the use case. */
export const reviewScope = entityScope((i: { reviewId: string }, d) => getReview(d.db, i.reviewId), (r) => r.orgId, 'REVIEW.NOT_FOUND');

/** The id an actor is recorded by: the person, or the admin's openid for an admin off the roster. */
export function actorId(caller: Caller): string {
  return caller.personId ?? `admin:${caller.openid}`;
}

/** True when the caller is secretary of an org above `org`. */
export function isUpper(caller: Caller, org: OrgDoc | undefined): boolean {
  if (!org) return false;
  return rolesAt(caller, { id: org._id, tenantId: org.tenantId, path: org.path, secretaryId: org.secretaryId, committeeMemberIds: org.committeeMemberIds }, org.tenantId).has('UPPER_SECRETARY');
}

/** The caller as the session rules (core/domain/session-officials.ts) see them, `upper` read off the session's org. */
export function sessionActorOf(caller: Caller, sessionOrg: OrgDoc | undefined): SessionViewer {
  return { id: actorId(caller), admin: caller.admin, upper: isUpper(caller, sessionOrg), personId: caller.personId, orgId: caller.orgId, secretaryOf: caller.secretaryOf, liaisonOf: caller.liaisonOf };
}

/** Refuses a caller who is not an official of the session (`officialRefusal`). */
export function requireOfficial(caller: Caller, session: SessionDoc, sessionOrg: OrgDoc | undefined): void {
  const refusal = officialRefusal(session, sessionActorOf(caller, sessionOrg));
  if (refusal) throw new AppError(refusal.code, refusal.message);
}


/** The session's target named by a pick, or INPUT.INVALID. */
export function sessionTarget(session: Pick<SessionDoc, 'targets'>, pick: { kind: TargetKind; id: string }): TargetRef {
  const t = session.targets.find((x) => x.kind === pick.kind && targetId(x) === pick.id);
  if (!t) throw new AppError('INPUT.INVALID', '该对象不在本次点评范围内', [{ path: ['target'], message: '不是本次点评对象' }]);
  return t;
}

/** The caller as a review reader: `readReview` (review-readers.ts) decides the rest. */
export function reviewReaderOf(caller: Caller): ReviewReader {
  return { tenantId: caller.tenantId ?? '', personId: actorId(caller), orgId: caller.orgId, secretaryOf: caller.secretaryOf, liaisonOf: caller.liaisonOf, admin: caller.admin };
}

/** Where a stored review sits: its reviewing org's ancestors (none when that org is gone), its target's line, its extra readers. */
export function reviewPlaceOf(doc: Pick<ReviewDoc, 'targetOrgPath' | 'readerOrgIds' | 'moderation'>, reviewingOrg: Pick<OrgDoc, 'path'> | undefined): ReviewPlace {
  return { reviewingOrgPath: reviewingOrg?.path ?? [], targetOrgPath: doc.targetOrgPath, readerOrgIds: doc.readerOrgIds ?? [], moderation: doc.moderation };
}

/** A reader for core/domain/visibility.ts; `manager` is decided by the caller of this function. */
export function readerOf(caller: Caller, manager: boolean): Reader {
  return { tenantId: caller.tenantId ?? '', personId: actorId(caller), orgId: caller.orgId, manager, secretaryOf: caller.secretaryOf };
}

/**
 * The part of the org tree an audience question needs: the given orgs with all their ancestors,
 * plus the anchors. Audiences are decided along ancestry (an org, its parent, a subtree, the
 * tenant), so this answers exactly as the whole tree would — without reading the whole tree.
 */
export function partialTree(chains: ReadonlyArray<{ orgId: string; path: readonly string[] }>, anchors: ReadonlyArray<{ orgId: string; parentId: string | null }>): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const { orgId, path } of chains) {
    const line = [...path, orgId];
    line.forEach((id, i) => nodes.set(id, { orgId: id, parentId: i === 0 ? null : line[i - 1] }));
  }
  for (const a of anchors) if (!nodes.has(a.orgId)) nodes.set(a.orgId, { orgId: a.orgId, parentId: a.parentId });
  return [...nodes.values()];
}

/** The template a campaign uses for a target kind. */
export function templateFor(campaign: CampaignDoc, kind: TargetKind): ReviewTemplate {
  return campaign.templates?.[kind] ?? defaultTemplate(kind, campaign.templateOptions ?? {});
}

function domain<T>(schema: z.ZodMiniType<T>, doc: { _id: string }): T {
  const { _id, ...rest } = doc;
  return schema.parse({ ...rest, id: _id });
}

/** Domain views of stored documents (server-only fields dropped by the schemas). */
export const sessionOf = (doc: SessionDoc): ReviewSession => domain(ReviewSessionSchema, doc);
export const reviewOf = (doc: ReviewDoc): Review => domain(ReviewSchema, doc);
export const reportOf = (doc: ReportDoc): Report => domain(ReportSchema, doc);
export const rectificationOf = (doc: RectificationDoc): Rectification => domain(RectificationSchema, doc);
export const publicationOf = (doc: PublicationDoc): Publication => domain(PublicationSchema, doc);
export function opinionOf(doc: OpinionDoc): StoredOpinion {
  const { moderation: _m, ...rest } = doc;
  return domain(StoredOpinionSchema, rest);
}

/** A stored document from a domain entity: `id` → `_id`, version left to the unit of work. */
export function toDoc<T extends { id: string; version: number }>(entity: T, extra: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _v, ...rest } = entity;
  return JSON.parse(JSON.stringify({ ...rest, ...extra }));
}
