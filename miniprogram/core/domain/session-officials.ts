/**
 * Who stands where in a review session (DOMAIN §6): who runs it, who is one of its officials, who may
 * nudge its targets, who reads its opinions as a manager and who may see it at all. Handlers, the
 * opinion-giver rule, the plan and the card all ask these, each with the slice it loaded.
 */
import type { TargetRef } from '../contracts/review';
import { answersFor } from './visibility';

/** The session fields that decide who runs it. */
export interface SessionPeople {
  /** The reviewer, or null for the tenant's named outside reviewer. */
  reviewerId: string | null;
  /** Who started it: a person, or `admin:<openid>` for an admin off the roster. */
  organiserId: string;
}

/** The asker as these rules need them; `upper` (a secretary above the session's org) is computed by the server from the org tree. */
export interface SessionActor {
  /** The id the asker is recorded by (as `organiserId` is). */
  id: string;
  admin: boolean;
  upper: boolean;
}

/** A refusal with its code and the Chinese message the asker can act on. */
export interface SessionRefusal {
  code: 'AUTH.FORBIDDEN';
  message: string;
}

/**
 * True when this person runs the session: its reviewer or its organiser. They write its reviews from
 * its page, type in representatives' opinions, and are never asked for opinions themselves.
 */
export function runsSession(session: SessionPeople, id: string | null): boolean {
  return id !== null && (id === session.reviewerId || id === session.organiserId);
}

/** True when the actor is an official of the session: who runs it, the office, or a secretary above its org. */
export function isSessionOfficial(session: SessionPeople, actor: SessionActor): boolean {
  return runsSession(session, actor.id) || actor.admin || actor.upper;
}

/** Why the actor may not act as an official of the session (publish, read who reported, enter opinions), or null. */
export function officialRefusal(session: SessionPeople, actor: SessionActor): SessionRefusal | null {
  return isSessionOfficial(session, actor) ? null : { code: 'AUTH.FORBIDDEN', message: '只有点评人、活动组织者或上级书记可以进行此操作' };
}

/**
 * True when the actor reads the session's opinions as a manager (names of non-anonymous givers): the
 * office, a secretary above, or the organiser. The reviewer is not one by office: what a reviewer
 * sees of givers is the anonymity rule's to decide.
 */
export function managesSessionOpinions(session: SessionPeople, actor: SessionActor): boolean {
  return actor.admin || actor.upper || actor.id === session.organiserId;
}

/** True when the actor steers the session itself (nudges, its date and place): who runs it, or the office. */
export function steersSession(session: SessionPeople, actor: Pick<SessionActor, 'id' | 'admin'>): boolean {
  return actor.admin || runsSession(session, actor.id);
}

/** Why the actor may not nudge the session's targets who have not reported, or null when they may. */
export function nudgeRefusal(session: SessionPeople, actor: Pick<SessionActor, 'id' | 'admin'>): SessionRefusal | null {
  return steersSession(session, actor) ? null : { code: 'AUTH.FORBIDDEN', message: '只有点评人、活动组织者或管理员可以提醒未汇报的同志' };
}

/** The session fields that decide who may see it. */
export interface SeenSession extends SessionPeople {
  orgId: string;
  targets: readonly Pick<TargetRef, 'personId' | 'orgId'>[];
  opinionOrgIds: readonly string[];
}

/** The viewer as the session page needs them. */
export interface SessionViewer extends SessionActor {
  personId: string | null;
  orgId: string | null;
  secretaryOf: readonly string[];
  liaisonOf: readonly string[];
}

/**
 * True when the viewer may open the session: an official; someone who answers for one of its targets;
 * someone asked for opinions (registered in one of its opinion orgs); or a leader (secretary or liaison
 * leader) of its org.
 */
export function maySeeSession(session: SeenSession, viewer: SessionViewer): boolean {
  if (isSessionOfficial(session, viewer)) return true;
  if (session.targets.some((t) => answersFor(viewer, t))) return true;
  if (viewer.orgId !== null && session.opinionOrgIds.includes(viewer.orgId)) return true;
  return viewer.secretaryOf.includes(session.orgId) || viewer.liaisonOf.includes(session.orgId);
}
