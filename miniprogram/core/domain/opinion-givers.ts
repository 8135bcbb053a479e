/**
 * Who is asked for opinions in a session (DOMAIN §6.2 征求意见): the people registered in one of the
 * session's opinion orgs (the targets' orgs and the session's own), except its reviewer and organiser
 * (they type in representatives' opinions instead), each on every target they do not answer for
 * (nobody gives an opinion on themself or on the org they are secretary of). The home screen lists
 * these, and the reminder asks exactly these people.
 */
import type { TargetRef } from '../contracts/review';
import { answersFor } from './visibility';
import { runsSession } from './session-officials';
import { targetsByWho } from './session-stage';

/** The session fields this rule reads. */
export interface OpinionSession {
  reviewerId: string | null;
  organiserId: string;
  opinionOrgIds: readonly string[];
  targets: readonly TargetRef[];
  date: string;
  opinionDeadline: string | null;
}

/** A possible giver: their person id, registered org and the orgs they are secretary of. */
export interface OpinionGiver {
  personId: string | null;
  orgId: string | null;
  secretaryOf: readonly string[];
}

/** The targets of `session` this giver is asked to give opinions on (empty when not asked at all). */
export function opinionTargetsFor(session: OpinionSession, giver: OpinionGiver): TargetRef[] {
  if (giver.personId === null || giver.orgId === null || !session.opinionOrgIds.includes(giver.orgId)) return [];
  if (runsSession(session, giver.personId)) return [];
  return session.targets.filter((t) => !answersFor(giver, t));
}

/**
 * Whom this giver is asked about, each once: a person owed under two duties is one subject holding both
 * targets, and one opinion on either covers them (the picker names them once, 待办 stops asking after it).
 */
export function opinionSubjectsFor(session: OpinionSession, giver: OpinionGiver): TargetRef[][] {
  return targetsByWho(opinionTargetsFor(session, giver)).map((g) => g.items);
}

/** The last CST day opinions are accepted: the opinion deadline, or the session's date when it has none. */
export function opinionDeadlineOf(session: Pick<OpinionSession, 'date' | 'opinionDeadline'>): string {
  return session.opinionDeadline ?? session.date;
}

/**
 * True when a giver has given on every subject they were asked about: `slots` holds, per subject, the ids
 * of their slots on its targets (named and anonymous), and `taken` the slot ids found taken.
 */
export function givenOnEveryTarget(slots: ReadonlyArray<readonly string[]>, taken: ReadonlySet<string>): boolean {
  return slots.every((ids) => ids.some((id) => taken.has(id)));
}

/**
 * Who a target is, for someone off the roster (群众代表, 服务对象) who does not know the names: a person's org
 * and post (「新北区实验小学党支部 实习教师」); an org is named by itself, so nothing is added.
 */
export function targetUnitLine(target: Pick<TargetRef, 'kind'>, orgName: string | null, unitAndPost: string | null | undefined): string {
  if (target.kind === 'ORG') return '';
  return [orgName ?? '', (unitAndPost ?? '').trim()].filter(Boolean).join(' ');
}
