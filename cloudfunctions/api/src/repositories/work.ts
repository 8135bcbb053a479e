/** Repositories of the review work: every query here is one round trip with a bounded page. */
import { COL } from './collections';
import type { Db } from '../frame/db';
import { findMany, getById } from './read';
import { findAll } from './store';
import {
  OpinionDoc,
  NoticeLinkDoc,
  OpinionInvitationDoc,
  OpinionSlotDoc,
  PublicationDoc,
  RectificationDoc,
  ReportDoc,
  ReviewDoc,
  SessionDoc,
} from './work-docs';
import { RequirementDoc } from './progress-docs';

/** Most targets one session may have, and so most reviews, reports and rectifications per session. */
export const SESSION_MAX = 500;

export const getSession = (db: Db, id: string) => getById(db, COL.sessions, SessionDoc, id);
export const getReview = (db: Db, id: string) => getById(db, COL.reviews, ReviewDoc, id);
export const getReport = (db: Db, id: string) => getById(db, COL.reports, ReportDoc, id);
export const getOpinion = (db: Db, id: string) => getById(db, COL.opinions, OpinionDoc, id);
export const getOpinionSlot = (db: Db, id: string) => getById(db, COL.opinionSlots, OpinionSlotDoc, id);
export const getOpinionInvitation = (db: Db, id: string) => getById(db, COL.opinionInvitations, OpinionInvitationDoc, id);
export const getPublication = (db: Db, id: string) => getById(db, COL.publications, PublicationDoc, id);
export const getNoticeLink = (db: Db, id: string) => getById(db, COL.noticeLinks, NoticeLinkDoc, id);
export const getRectification = (db: Db, id: string) => getById(db, COL.rectifications, RectificationDoc, id);

export const listSessionReviews = (db: Db, sessionId: string) =>
  findMany(db, COL.reviews, ReviewDoc, { sessionId }, { limit: SESSION_MAX, orderBy: [['_id', 'asc']] });
export const listSessionReports = (db: Db, sessionId: string) =>
  findMany(db, COL.reports, ReportDoc, { sessionId }, { limit: SESSION_MAX, orderBy: [['_id', 'asc']] });
/** Opinions of a session, newest first; a page of 1,000 is the most a reviewer reads at once. */
export const listSessionOpinions = (db: Db, sessionId: string) =>
  findMany(db, COL.opinions, OpinionDoc, { sessionId }, { limit: 1000, orderBy: [['submittedAt', 'desc']] });
export const listReviewsByIds = (db: Db, ids: readonly string[]) =>
  ids.length ? findMany(db, COL.reviews, ReviewDoc, { _id: db.command.in([...ids]) }, { limit: ids.length }) : Promise.resolve([]);
/** Rectifications by id (the states of those a member's received reviews opened). */
export const listRectificationsByIds = (db: Db, ids: readonly string[]) =>
  ids.length ? findMany(db, COL.rectifications, RectificationDoc, { _id: db.command.in([...ids]) }, { limit: ids.length }) : Promise.resolve([]);
export const findOpinionByWithdrawKey = async (db: Db, withdrawKeyHash: string) =>
  (await findMany(db, COL.opinions, OpinionDoc, { withdrawKeyHash }, { limit: 1 }))[0] ?? null;
export const listMyReportsInSession = (db: Db, sessionId: string, authorId: string) =>
  findMany(db, COL.reports, ReportDoc, { sessionId, authorId }, { limit: 10 });
/** Every review of a campaign on these targets (any reviewer, any status): which owed reviews are already held. */
export const listReviewsOfTargets = (db: Db, tenantId: string, campaignId: string, targetKeys: readonly string[]) =>
  targetKeys.length ? findAll(db, COL.reviews, ReviewDoc, { tenantId, targetKey: db.command.in([...targetKeys]), campaignId }) : Promise.resolve([]);
/** A reviewer's reviews in a campaign (for "already reviewed this cycle"), every page: a secretary of a large branch writes thousands. */
export const listReviewerReviews = (db: Db, campaignId: string, reviewerId: string | null) => findAll(db, COL.reviews, ReviewDoc, { campaignId, reviewerId }, [['updatedAt', 'desc']]);
/**
 * Requirements still open for a reviewer (written by `campaign.plan`), every page; null is the tenant's named
 * outside reviewer (a gap has no match key, so it is never anyone's to do).
 */
export const listOpenRequirements = (db: Db, campaignIds: readonly string[], reviewerId: string | null) =>
  campaignIds.length
    ? findAll(db, COL.requirements, RequirementDoc, { campaignId: db.command.in([...campaignIds]), reviewerId, done: false, ...(reviewerId === null ? { matchKey: db.command.neq(null) } : {}) })
    : Promise.resolve([]);

/** True when the campaign has a session dated outside [start, end] (two reads of one row at most). */
export async function hasSessionOutside(db: Db, campaignId: string, start: string, end: string): Promise<boolean> {
  const _ = db.command;
  const [before, after] = await Promise.all([
    findMany(db, COL.sessions, SessionDoc, { campaignId, date: _.lt(start) }, { limit: 1 }),
    findMany(db, COL.sessions, SessionDoc, { campaignId, date: _.gt(end) }, { limit: 1 }),
  ]);
  return before.length + after.length > 0;
}

/** Sessions an actor reviews in or organised, newest first (a page of 100). */
export function listSessionsOfActor(db: Db, tenantId: string | null, actorId: string, campaignId?: string): Promise<SessionDoc[]> {
  const _ = db.command;
  const where = { tenantId, ...(campaignId ? { campaignId } : {}) };
  return findMany(db, COL.sessions, SessionDoc, _.and([where, _.or([{ reviewerId: actorId }, { organiserId: actorId }])]), { limit: 100, orderBy: [['date', 'desc']] });
}

/** Reviews of these sessions (a compiled notice's, at most 20 sessions of at most SESSION_MAX each), one page. */
export const listReviewsOfSessions = (db: Db, sessionIds: readonly string[]) =>
  sessionIds.length ? findMany(db, COL.reviews, ReviewDoc, { sessionId: db.command.in([...sessionIds]) }, { limit: 1000, orderBy: [['_id', 'asc']] }) : Promise.resolve([]);
/** Sessions by id (a compiled notice's). */
export const listSessionsByIds = (db: Db, ids: readonly string[]) =>
  ids.length ? findMany(db, COL.sessions, SessionDoc, { _id: db.command.in([...ids]) }, { limit: ids.length }) : Promise.resolve([]);
/** Sessions of a tenant, newest first (a page of 100): what the office may compile. */
export const listTenantSessions = (db: Db, tenantId: string | null, campaignId?: string) =>
  findMany(db, COL.sessions, SessionDoc, { tenantId, ...(campaignId ? { campaignId } : {}) }, { limit: 100, orderBy: [['date', 'desc']] });
/** Published publications that carry any of these reviews: where each was already made public. */
export const listPublishedWithReviews = (db: Db, reviewIds: readonly string[]) =>
  reviewIds.length ? findMany(db, COL.publications, PublicationDoc, { reviewIds: db.command.in([...reviewIds]), status: 'PUBLISHED' }, { limit: 100 }) : Promise.resolve([]);

/** The published publications that carry a review. */
export const listPublishedWithReview = (db: Db, reviewId: string) => findMany(db, COL.publications, PublicationDoc, { reviewIds: reviewId, status: 'PUBLISHED' }, { limit: 20 });

/**
 * Exemplary reviews a reader may see, newest first (a page of 100): those published to them, and
 * for the office every submitted one, for a leader those under the orgs they lead.
 */
export function listExemplaryReviews(
  db: Db,
  q: { tenantId: string | null; campaignId?: string; publishedIds: readonly string[]; everyOrg: boolean; underOrgs: readonly string[] },
): Promise<ReviewDoc[]> {
  const _ = db.command;
  const base = { tenantId: q.tenantId, exemplary: true, ...(q.campaignId ? { campaignId: q.campaignId } : {}) };
  const branches: Array<Record<string, unknown>> = [];
  if (q.publishedIds.length) branches.push({ ...base, _id: _.in(q.publishedIds.slice(0, 1000)), status: 'PUBLISHED' });
  if (q.everyOrg) branches.push({ ...base, status: _.in(['SUBMITTED', 'PUBLISHED']) });
  else if (q.underOrgs.length) branches.push({ ...base, targetOrgPath: _.in([...q.underOrgs]), status: _.in(['SUBMITTED', 'PUBLISHED']) });
  if (!branches.length) return Promise.resolve([]);
  return findMany(db, COL.reviews, ReviewDoc, _.or(branches), { limit: 100, orderBy: [['updatedAt', 'desc']] });
}

/**
 * Publications whose audience may include a reader of `readerOrg` (and the organiser's own drafts),
 * newest first, in one query: audiences run along ancestry, so the org and its ancestors decide it.
 */
export function listPublicationsFor(db: Db, tenantId: string | null, organiserId: string, readerOrg: { _id: string; path: readonly string[] } | null): Promise<PublicationDoc[]> {
  const _ = db.command;
  const branches: Array<Record<string, unknown>> = [{ tenantId, organiserId }];
  if (readerOrg) {
    const chain = [...readerOrg.path, readerOrg._id];
    const published = { tenantId, status: 'PUBLISHED' };
    branches.push(
      { ...published, 'scope.kind': 'TENANT' },
      { ...published, 'scope.kind': 'SUBTREE', 'scope.orgId': _.in(chain) },
      { ...published, 'scope.kind': _.in(['TARGET_ORG', 'ORG_AND_UPPER']), 'scope.orgId': readerOrg._id },
      { ...published, 'scope.kind': 'ORG_AND_UPPER', anchorParentId: readerOrg._id },
    );
  }
  return findMany(db, COL.publications, PublicationDoc, _.or(branches), { limit: 100, orderBy: [['updatedAt', 'desc']] });
}
