/**
 * The home screen's queries: each keyed by the caller (the person, the orgs they answer for), one
 * round trip each whatever the tenant's size; a query with nothing to ask for is not made.
 */
import type { Db } from '../frame/db';
import { COL } from './collections';
import { ClaimDoc, CommitmentDoc } from './docs';
import { findMany } from './read';
import { RectificationDoc, ReportDoc, ReviewDoc, SessionDoc } from './work-docs';

/** Who is asking: the person (null for an admin off the roster), what they answer for as a target, their org. */
export interface HomeCaller {
  tenantId: string | null;
  personId: string | null;
  /** Themself and the orgs they are secretary of. */
  keys: readonly string[];
  orgId: string | null;
  secretaryOf: readonly string[];
}

/** The reviews they write (drafts to do, and the states of their sessions' reviews) and those they received, newest first. */
export function listHomeReviews(db: Db, c: HomeCaller): Promise<ReviewDoc[]> {
  if (!c.personId && !c.keys.length) return Promise.resolve([]);
  const _ = db.command;
  return findMany(db, COL.reviews, ReviewDoc, _.or([{ tenantId: c.tenantId, reviewerId: c.personId ?? '-' }, { tenantId: c.tenantId, targetKey: _.in([...c.keys]), status: _.in(['SUBMITTED', 'PUBLISHED']) }]), {
    limit: 1000,
    orderBy: [['updatedAt', 'desc']],
  });
}

/** How many received reviews `review.received` lists (a member receives a few a year). */
export const RECEIVED_MAX = 200;

/** Every review they received (themself, or the orgs they are secretary of), submitted or published, newest first. */
export function listReceivedReviews(db: Db, c: Pick<HomeCaller, 'tenantId' | 'keys'>): Promise<ReviewDoc[]> {
  if (!c.keys.length) return Promise.resolve([]);
  const _ = db.command;
  return findMany(db, COL.reviews, ReviewDoc, { tenantId: c.tenantId, targetKey: _.in([...c.keys]), status: _.in(['SUBMITTED', 'PUBLISHED']) }, { limit: RECEIVED_MAX, orderBy: [['updatedAt', 'desc']] });
}

/** Sessions they review in, are a target of, or whose opinions their org is asked for, newest first. */
export function listHomeSessions(db: Db, c: HomeCaller): Promise<SessionDoc[]> {
  if (!c.keys.length && !c.orgId) return Promise.resolve([]);
  const _ = db.command;
  return findMany(db, COL.sessions, SessionDoc, _.or([...(c.personId ? [{ tenantId: c.tenantId, reviewerId: c.personId }] : []), ...(c.keys.length ? [{ tenantId: c.tenantId, targetIds: _.in([...c.keys]) }] : []), ...(c.orgId ? [{ tenantId: c.tenantId, opinionOrgIds: c.orgId }] : [])]), {
    limit: 100,
    orderBy: [['date', 'desc']],
  });
}

/** Rectifications they must draft or reply to, and those waiting for their confirmation, by deadline. */
export function listHomeRectifications(db: Db, c: HomeCaller): Promise<RectificationDoc[]> {
  if (!c.keys.length) return Promise.resolve([]);
  const _ = db.command;
  return findMany(db, COL.rectifications, RectificationDoc, _.or([{ tenantId: c.tenantId, targetKey: _.in([...c.keys]), status: _.in(['REQUIRED', 'PLANNED']) }, { tenantId: c.tenantId, reviewerId: c.personId ?? '-', status: 'REPLIED' }]), {
    limit: 200,
    orderBy: [['deadline', 'asc']],
  });
}

/** Claims waiting in the orgs they are secretary of, oldest first. */
export function listHomeClaims(db: Db, c: HomeCaller): Promise<ClaimDoc[]> {
  if (!c.secretaryOf.length) return Promise.resolve([]);
  return findMany(db, COL.claims, ClaimDoc, { orgId: db.command.in([...c.secretaryOf]), status: 'PENDING' }, { limit: 100, orderBy: [['createdAt', 'asc']] });
}

/** Their own commitments and their orgs', newest first. */
export function listHomeCommitments(db: Db, c: HomeCaller): Promise<CommitmentDoc[]> {
  if (!c.keys.length) return Promise.resolve([]);
  const owners = [...(c.personId ? [`PERSON:${c.personId}`] : []), ...c.secretaryOf.map((o) => `ORG:${o}`)];
  return findMany(db, COL.commitments, CommitmentDoc, { tenantId: c.tenantId, ownerKey: db.command.in(owners) }, { limit: 50, orderBy: [['updatedAt', 'desc']] });
}

/** The reports they have submitted in these sessions. */
export function listMySubmittedReports(db: Db, sessionIds: readonly string[], authorId: string | null): Promise<ReportDoc[]> {
  if (!authorId || !sessionIds.length) return Promise.resolve([]);
  return findMany(db, COL.reports, ReportDoc, { sessionId: db.command.in([...sessionIds]), authorId, status: 'SUBMITTED' }, { limit: 1000 });
}
