/**
 * 征求意见: members of the targets' orgs give opinions; non-member representatives give them through
 * an invitation link; the reviewer or organiser may type in a representative's opinion. Anonymity is
 * the server's: an anonymous opinion is stored by `toStoredOpinion` with no author field at all, a
 * random id and a day-granular time, and its audit entry does not name it. The reviewer reads the
 * opinions aggregated per target.
 */
import { OpinionGivenOutput, OpinionInviteOutput, OpinionListOutput, OpinionOpenInviteOutput, OpinionWithdrawOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { createHash, randomBytes } from 'crypto';
import {
  OpinionInvitationRefInput,
  OpinionInviteInput,
  OpinionSubmitByInviteInput,
  OpinionSubmitInput,
  OpinionWithdrawInput,
  SessionRefInput,
} from '../../../../miniprogram/core/contracts/api/review-work';
import type { OpinionGiverKind, OpinionSubmission } from '../../../../miniprogram/core/contracts/opinion';
import { targetId, type TargetKind } from '../../../../miniprogram/core/contracts/review';
import { answersFor, redactOpinionForReader, toStoredOpinion, type OpinionView } from '../../../../miniprogram/core/domain/scope';
import { cstEndOfDay, withdrawOpinion, type EntityRole } from '../../../../miniprogram/core/domain/workflow';
import { type Caller, type Deps } from '../frame/action';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { getPerson } from '../repositories/store';
import { findOpinionByWithdrawKey, getOpinion, getOpinionInvitation, getSession, listSessionOpinions } from '../repositories/work';
import type { OpinionDoc, OpinionInvitationDoc, SessionDoc } from '../repositories/work-docs';
import { defineAction, newId, scopeOfOrg, withEntity, type EntityScope } from '../shared/scope';
import { actorId, isSessionOfficial, isUpper, opinionOf, readerOf, requireOfficial, sessionTarget, sessionScope } from '../shared/work';

const DAY = 24 * 3600 * 1000;

/** The audit names anonymous opinions by this, never by their id: the audit row knows the caller. */
export const ANONYMOUS_AUDIT_ID = 'anonymous';

/** SHA-256 of the withdraw key the giver's device chose; only the hash is kept. */
export function withdrawKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

interface Giving {
  session: SessionDoc;
  submission: OpinionSubmission;
  caller: { personId: string; name: string };
  enteredForRepresentative: boolean;
  withdrawKey?: string;
  now: number;
  requestKey: string;
  moderation: 'PASS' | 'HELD';
}

/** Builds the stored opinion with the domain's `toStoredOpinion` and the write that keeps it. */
function give(g: Giving) {
  const anonymous = g.session.opinionsAnonymous || g.submission.anonymous;
  // Anonymous: a random id, so neither its time nor the request that made it can be read off the id.
  const id = anonymous ? `op_${randomBytes(12).toString('hex')}` : newId('op', g.now, g.requestKey);
  const stored = unwrap(
    toStoredOpinion(g.submission, {
      id,
      tenantId: g.session.tenantId,
      session: { ...g.session, id: g.session._id },
      caller: g.caller,
      enteredForRepresentative: g.enteredForRepresentative,
      withdrawKeyHash: anonymous && g.withdrawKey ? withdrawKeyHash(g.withdrawKey) : null,
      now: g.now,
    }),
  );
  const { id: _id, version: _v, ...doc } = stored;
  const write: Write = { kind: 'create', collection: COL.opinions, id, doc: { ...doc, moderation: g.moderation }, ...(stored.anonymous ? { auditId: ANONYMOUS_AUDIT_ID } : {}) };
  // The reply is kept for retries in the audit row: an anonymous one carries nothing that points back.
  const data = stored.anonymous ? { anonymous: true as const, withdrawable: stored.withdrawKeyHash !== null } : { anonymous: false as const, opinionId: id };
  return mutation({ ...data, held: g.moderation === 'HELD' }, [write]);
}

/**
 * The org an opinion is given at: the caller's own org when the session asks it for opinions (a mobile
 * member's inflow branch, the reviewing org), else the target's org, where members, secretaries above
 * and liaison leaders may give one.
 */
async function opinionScope(input: { sessionId: string; target: { kind: TargetKind; id: string } }, caller: Caller, deps: Deps): Promise<EntityScope<SessionDoc>> {
  const session = await getSession(deps.db, input.sessionId);
  if (!session) throw new AppError(caller.tenantId ? 'SESSION.NOT_FOUND' : 'AUTH.UNBOUND');
  if (caller.tenantId && session.tenantId !== caller.tenantId) throw new AppError('AUTH.OTHER_TENANT');
  const target = sessionTarget(session, input.target);
  const asked = caller.orgId !== null && session.tenantId === caller.tenantId && session.opinionOrgIds.includes(caller.orgId);
  return withEntity(await scopeOfOrg(asked ? (caller.orgId as string) : target.orgId, caller, deps), session);
}

async function liveInvitation(deps: Deps, invitationId: string): Promise<{ invitation: OpinionInvitationDoc; session: SessionDoc }> {
  const invitation = await getOpinionInvitation(deps.db, invitationId);
  if (!invitation) throw new AppError('INVITATION.NOT_FOUND');
  if (invitation.expiresAt <= deps.now) throw new AppError('INVITATION.EXPIRED');
  const session = await getSession(deps.db, invitation.sessionId);
  if (!session) throw new AppError('INVITATION.NOT_FOUND');
  return { invitation, session };
}

/** Opinions of one target, counted by kind of giver. */
function aggregate(targets: SessionDoc['targets'], views: OpinionView[], held: Map<string, number>) {
  return targets.map((t) => {
    const mine = views.filter((v) => v.target.kind === t.kind && targetId(v.target) === targetId(t));
    const byGiverKind: Partial<Record<OpinionGiverKind, number>> = {};
    for (const v of mine) byGiverKind[v.giverKind] = (byGiverKind[v.giverKind] ?? 0) + 1;
    return { target: t, count: mine.length, byGiverKind, held: held.get(`${t.kind}:${targetId(t)}`) ?? 0, opinions: mine };
  });
}

export const opinionActions = {
  'opinion.submit': defineAction({
    input: OpinionSubmitInput,
    output: OpinionGivenOutput,
    mutating: true,
    texts: (i) => [i.content],
    scope: opinionScope,
    run: async ({ db, input, caller, scope, now, requestKey, moderation }) => {
      const session = scope.entity;
      const target = sessionTarget(session, input.target);
      const me = caller.personId;
      if (!me) throw new AppError('AUTH.FORBIDDEN', '只有名册中的人员可以提意见');
      const person = await getPerson(db, me);
      if (!person) throw new AppError('PERSON.NOT_FOUND');
      // The reviewer or organiser types in a representative's opinion (座谈会, 意见表, 意见函).
      const enteredForRepresentative = me === session.reviewerId || me === session.organiserId;
      if (!enteredForRepresentative) {
        if (answersFor(caller, target)) throw new AppError('OPINION.SELF');
        if (!caller.orgId || !session.opinionOrgIds.includes(caller.orgId)) throw new AppError('AUTH.FORBIDDEN', '只有被点评对象所在党组织的人员可以提意见');
      }
      const giverKind: OpinionGiverKind = enteredForRepresentative ? input.giverKind : person.isMember ? 'MEMBER' : input.giverKind === 'MEMBER' ? 'MASSES' : input.giverKind;
      const submission: OpinionSubmission = {
        sessionId: session._id,
        target: { kind: target.kind, orgId: target.orgId, personId: target.personId, name: target.name },
        giverKind,
        channel: enteredForRepresentative ? input.channel : 'ONLINE',
        content: input.content,
        anonymous: input.anonymous,
        ...(input.giverName ? { giverName: input.giverName } : {}),
      };
      return give({ session, submission, caller: { personId: me, name: person.name }, enteredForRepresentative, withdrawKey: input.withdrawKey, now, requestKey, moderation });
    },
  }),

  'opinion.invite': defineAction({
    input: OpinionInviteInput,
    output: OpinionInviteOutput,
    mutating: true,
    scope: sessionScope,
    run: async ({ input, caller, scope, now, requestKey }) => {
      const session = scope.entity;
      requireOfficial(caller, session, scope.orgDoc);
      const id = newId('oinv', now, requestKey);
      const closes = session.opinionDeadline === null ? Infinity : cstEndOfDay(session.opinionDeadline);
      const expiresAt = Math.min(now + (input.days ?? 7) * DAY, closes);
      return mutation({ invitationId: id, expiresAt }, [
        { kind: 'create', collection: COL.opinionInvitations, id, doc: { tenantId: session.tenantId, sessionId: session._id, giverKind: input.giverKind, createdBy: actorId(caller), createdAt: now, expiresAt } },
      ]);
    },
  }),

  'opinion.openInvite': defineAction({
    input: OpinionInvitationRefInput,
    output: OpinionOpenInviteOutput,
    mutating: false,
    scope: async () => ({ tenantId: null, org: null }),
    run: async (uc) => {
      const { session, invitation } = await liveInvitation(uc, uc.input.invitationId);
      // What a representative needs to give an opinion: the targets by name, nothing else of the session.
      return {
        giverKind: invitation.giverKind,
        expiresAt: invitation.expiresAt,
        mode: session.mode,
        topic: session.topic,
        date: session.date,
        anonymous: session.opinionsAnonymous,
        targets: session.targets.map((t) => ({ kind: t.kind, id: targetId(t), name: t.name })),
      };
    },
  }),

  'opinion.submitByInvite': defineAction({
    input: OpinionSubmitByInviteInput,
    output: OpinionGivenOutput,
    mutating: true,
    texts: (i) => [i.content],
    scope: async (input: { invitationId: string }, _caller: Caller, deps: Deps): Promise<EntityScope<{ invitation: OpinionInvitationDoc; session: SessionDoc }>> => {
      const loaded = await liveInvitation(deps, input.invitationId);
      return withEntity({ tenantId: loaded.session.tenantId, org: null }, loaded);
    },
    run: async ({ input, scope, now, requestKey, moderation }) => {
      const { session, invitation } = scope.entity;
      const target = sessionTarget(session, input.target);
      const submission: OpinionSubmission = {
        sessionId: session._id,
        target: { kind: target.kind, orgId: target.orgId, personId: target.personId, name: target.name },
        giverKind: invitation.giverKind,
        channel: 'ONLINE',
        content: input.content,
        anonymous: input.anonymous,
        ...(input.giverName ? { giverName: input.giverName } : {}),
      };
      // A representative has no roster entry: a named opinion carries the name they give and the link that brought it.
      return give({ session, submission, caller: { personId: invitation._id, name: input.giverName ?? '群众代表' }, enteredForRepresentative: true, withdrawKey: input.withdrawKey, now, requestKey, moderation });
    },
  }),

  'opinion.withdraw': defineAction({
    input: OpinionWithdrawInput,
    output: OpinionWithdrawOutput,
    mutating: true,
    scope: async (input: { opinionId?: string; withdrawKey?: string }, caller: Caller, deps: Deps): Promise<EntityScope<OpinionDoc>> => {
      const doc = input.opinionId ? await getOpinion(deps.db, input.opinionId) : await findOpinionByWithdrawKey(deps.db, withdrawKeyHash(input.withdrawKey ?? ''));
      if (!doc) throw new AppError(caller.tenantId || input.withdrawKey ? 'OPINION.NOT_FOUND' : 'AUTH.UNBOUND');
      return withEntity({ tenantId: doc.tenantId, org: null }, doc);
    },
    run: async ({ input, caller, scope, now }) => {
      const doc = scope.entity;
      // By id, only within one's own tenant; by key, the key itself is the proof.
      if (input.opinionId && doc.tenantId !== caller.tenantId) throw new AppError('OPINION.NOT_FOUND');
      // The key proves authorship of an anonymous opinion; a named one belongs to its giver or enterer.
      const author = input.withdrawKey !== undefined ? doc.anonymous : !doc.anonymous && caller.personId !== null && (doc.authorId === caller.personId || doc.enteredById === caller.personId);
      const roles: EntityRole[] = author ? ['AUTHOR'] : [];
      const next = unwrap(withdrawOpinion(opinionOf(doc), { roles, now }));
      const write: Write = { kind: 'update', collection: COL.opinions, id: doc._id, expectedVersion: doc.version, patch: { status: next.status, withdrawnAt: next.withdrawnAt } };
      return mutation({ withdrawn: true }, [doc.anonymous ? { ...write, auditId: ANONYMOUS_AUDIT_ID } : write]);
    },
  }),

  'opinion.list': defineAction({
    input: SessionRefInput,
    output: OpinionListOutput,
    mutating: false,
    scope: sessionScope,
    run: async ({ db, caller, scope }) => {
      const session = scope.entity;
      const official = isSessionOfficial(caller, session, scope.orgDoc);
      const reader = readerOf(caller, caller.admin || isUpper(caller, scope.orgDoc) || actorId(caller) === session.organiserId);
      const docs = await listSessionOpinions(db, session._id);
      const views: OpinionView[] = [];
      const held = new Map<string, number>();
      for (const doc of docs) {
        const view = redactOpinionForReader(opinionOf(doc), reader, { sessionReviewerId: session.reviewerId });
        if (!view.ok) continue;
        const own = view.value.author?.personId === caller.personId && caller.personId !== null;
        if (doc.moderation === 'HELD' && !own) {
          const k = `${doc.target.kind}:${targetId(doc.target)}`;
          held.set(k, (held.get(k) ?? 0) + 1);
          continue;
        }
        views.push(view.value);
      }
      return { official, anonymous: session.opinionsAnonymous, targets: aggregate(session.targets, views, held) };
    },
  }),

};
