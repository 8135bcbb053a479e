/** Repositories of the review work: every query here is one round trip with a bounded page. */
import { COL } from './collections';
import type { Db } from '../frame/db';
import { findMany, getById } from './read';
import { findAll } from './store';
import {
  OpinionDoc,
  OpinionInvitationDoc,
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
export const getOpinionInvitation = (db: Db, id: string) => getById(db, COL.opinionInvitations, OpinionInvitationDoc, id);
export const getPublication = (db: Db, id: string) => getById(db, COL.publications, PublicationDoc, id);
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
export const findOpinionByWithdrawKey = async (db: Db, withdrawKeyHash: string) =>
  (await findMany(db, COL.opinions, OpinionDoc, { withdrawKeyHash }, { limit: 1 }))[0] ?? null;
export const listMyReportsInSession = (db: Db, sessionId: string, authorId: string) =>
  findMany(db, COL.reports, ReportDoc, { sessionId, authorId }, { limit: 10 });
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
