/**
 * 征求意见: members of the targets' orgs give opinions; non-member representatives give them through
 * an invitation link; the reviewer or organiser may type in a representative's opinion (shown with
 * 录入人). Anonymity is the server's (docs/anonymity.md): an anonymous opinion is stored by
 * `toStoredOpinion` with no author, a random id and day-granular times; its request record names
 * nobody; one opinion per giver per target is kept by a slot only the function's key can name; and
 * readers see anonymous opinions only past the session's threshold, as of the start of the day.
 */
import { OpinionGivenOutput, OpinionInviteOutput, OpinionListOutput, OpinionOpenInviteOutput, OpinionWithdrawOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { randomBytes } from 'crypto';
import {
  OpinionInvitationRefInput,
  OpinionInviteInput,
  OpinionSubmitByInviteInput,
  OpinionSubmitInput,
  OpinionWithdrawInput,
  SessionRefInput,
} from '../../../../miniprogram/core/contracts/api/review-work';
import { DEFAULT_ANONYMITY_THRESHOLD } from '../../../../miniprogram/core/contracts/campaign';
import { type OpinionGiverKind, type OpinionSubmission } from '../../../../miniprogram/core/contracts/opinion';
import { targetId, type TargetKind } from '../../../../miniprogram/core/contracts/review';
import { cstStartOfDay } from '../../../../miniprogram/core/domain/cst';
import { answersFor, opinionsClosed, toStoredOpinion } from '../../../../miniprogram/core/domain/visibility';
import { ERROR_MESSAGES } from '../../../../miniprogram/core/errors';
import { cstEndOfDay, withdrawOpinion, type EntityRole } from '../../../../miniprogram/core/domain/workflow';
import { type Caller, type Deps } from '../frame/action';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { getPerson, listOrgsByIds, listPersonsByIds } from '../repositories/store';
import { targetUnitLine } from '../../../../miniprogram/core/domain/opinion-givers';
import { findOpinionByWithdrawKey, getOpinion, getOpinionInvitation, getOpinionSlot, getSession, listSessionOpinions } from '../repositories/work';
import type { OpinionDoc, OpinionInvitationDoc, SessionDoc } from '../repositories/work-docs';
import { anonymityKey, namedOpinionSlotId, opinionSlotId, opinionSlotTag, withdrawKeyHash } from '../shared/anonymity';
import { defineAction, newId, scopeOfOrg, withEntity, type EntityScope } from '../shared/scope';
import { actorId, opinionOf, readerOf, requireOfficial, sessionActorOf, sessionTarget, sessionScope } from '../shared/work';
import { isSessionOfficial, managesSessionOpinions, runsSession } from '../../../../miniprogram/core/domain/session-officials';
import { sessionOpinionViews } from '../shared/opinion-views';

const DAY = 24 * 3600 * 1000;

/** The audit names anonymous opinions by this, never by their id. */
export const ANONYMOUS_AUDIT_ID = 'anonymous';

export { withdrawKeyHash };

interface Giving {
  session: SessionDoc;
  submission: OpinionSubmission;
  caller: { personId: string; name: string };
  enteredForRepresentative: boolean;
  /** 录入人, when a roster person types in a representative's opinion. */
  enteredByName?: string;
  withdrawKey?: string;
  now: number;
  requestKey: string;
  moderation: 'PASS' | 'HELD';
}

/** A member's slot on the target: where "one opinion per giver per target per session" is kept. */
interface Slot {
  id: string;
  key: string | null;
  doc: Awaited<ReturnType<typeof getOpinionSlot>>;
  /** The giver's slot of the other kind is taken (read only: writing it would put both on one journal line). */
  otherTaken: boolean;
}

type SlotRef = { tenantId: string; sessionId: string; target: string; personId: string };

/** The id of a giver's slot of one kind. */
function slotIdOf(anonymous: boolean, ref: SlotRef, key: string | null): string {
  // Anonymous: keyed, so only the function can name it. Named: the opinion names its author anyway.
  if (anonymous) return opinionSlotId(key as string, ref);
  return namedOpinionSlotId(ref);
}

/**
 * The giver's slot. Named and anonymous opinions keep separate slots — a named opinion's write names
 * its author, so a slot it wrote would name the giver of a later anonymous one on the same journal
 * line — and each kind reads the other's to keep one opinion per giver per target.
 */
async function slotOf(deps: Deps, anonymous: boolean, ref: SlotRef, checkOther: boolean): Promise<Slot> {
  const key = anonymous ? anonymityKey() : (process.env.ANONYMITY_KEY ?? null);
  const id = slotIdOf(anonymous, ref, key);
  const otherId = checkOther && (!anonymous ? key !== null : true) ? slotIdOf(!anonymous, ref, key) : null;
  const [doc, other] = await Promise.all([getOpinionSlot(deps.db, id), otherId ? getOpinionSlot(deps.db, otherId) : Promise.resolve(null)]);
  return { id, key: anonymous ? key : null, doc, otherTaken: other?.taken === true };
}

const tagOf = (slot: Slot, opinionRef: string) => (slot.key ? opinionSlotTag(slot.key, opinionRef) : opinionRef);

/** Builds the stored opinion with the domain's `toStoredOpinion`, the write that keeps it and, for a member's own, the slot it takes. */
function give(g: Giving, slot: Slot | null) {
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
      ...(g.enteredByName ? { enteredByName: g.enteredByName } : {}),
      now: g.now,
    }),
  );
  const { id: _id, version: _v, ...doc } = stored;
  const writes: Write[] = [{ kind: 'create', collection: COL.opinions, id, doc: { ...doc, moderation: g.moderation }, ...(stored.anonymous ? { auditId: ANONYMOUS_AUDIT_ID } : {}) }];
  if (slot) {
    if (slot.doc?.taken || slot.otherTaken) throw new AppError('OPINION.ALREADY_GIVEN');
    const tag = tagOf(slot, stored.anonymous ? (stored.withdrawKeyHash ?? id) : id);
    writes.push(
      slot.doc
        ? { kind: 'update', collection: COL.opinionSlots, id: slot.id, expectedVersion: slot.doc.version, patch: { taken: true, tag }, auditId: ANONYMOUS_AUDIT_ID }
        : { kind: 'create', collection: COL.opinionSlots, id: slot.id, doc: { tenantId: g.session.tenantId, sessionId: g.session._id, taken: true, tag }, auditId: ANONYMOUS_AUDIT_ID },
    );
  }
  // The reply is kept for retries in the request record: an anonymous one carries nothing that points back.
  const data = stored.anonymous ? { anonymous: true as const, withdrawable: stored.withdrawKeyHash !== null } : { anonymous: false as const, opinionId: id };
  return mutation({ ...data, held: g.moderation === 'HELD' }, writes, { anonymous: stored.anonymous });
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

export const opinionActions = {
  'opinion.submit': defineAction({
    input: OpinionSubmitInput,
    output: OpinionGivenOutput,
    mutating: true,
    texts: (i) => [i.content],
    scope: opinionScope,
    run: async ({ db, cloud, input, caller, scope, now, requestKey, moderation }) => {
      const session = scope.entity;
      const target = sessionTarget(session, input.target);
      const me = caller.personId;
      if (!me) throw new AppError('AUTH.FORBIDDEN', '只有名册中的人员可以提意见');
      const person = await getPerson(db, me);
      if (!person) throw new AppError('PERSON.NOT_FOUND');
      // The reviewer or organiser types in a representative's opinion (座谈会, 意见表, 意见函).
      const enteredForRepresentative = runsSession(session, me);
      // A member's opinion is given by the member: typed in by someone else it could put words in a member's name.
      if (enteredForRepresentative && input.giverKind === 'MEMBER' && !input.anonymous && !session.opinionsAnonymous) throw new AppError('OPINION.ON_BEHALF_MEMBER');
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
      const anonymous = session.opinionsAnonymous || input.anonymous;
      // The enterer gives many (a meeting's opinions); a member gives one per target.
      const slot = enteredForRepresentative ? null : await slotOf({ db, cloud, now }, anonymous, { tenantId: session.tenantId, sessionId: session._id, target: `${target.kind}:${targetId(target)}`, personId: me }, true);
      return give(
        { session, submission, caller: { personId: me, name: person.name }, enteredForRepresentative, ...(enteredForRepresentative ? { enteredByName: person.name } : {}), withdrawKey: input.withdrawKey, now, requestKey, moderation },
        slot,
      );
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
      // Two constant reads, whatever the number of targets: their persons' posts and their orgs' names.
      const personIds = session.targets.flatMap((t) => (t.personId ? [t.personId] : []));
      const [persons, orgs] = await Promise.all([listPersonsByIds(uc.db, personIds), listOrgsByIds(uc.db, [...new Set(session.targets.map((t) => t.orgId))])]);
      const post = new Map(persons.map((p) => [p._id, p.unitAndPost]));
      const orgName = new Map(orgs.map((o) => [o._id, o.name]));
      // What a representative needs to give an opinion: the targets by name, nothing else of the session.
      return {
        giverKind: invitation.giverKind,
        expiresAt: invitation.expiresAt,
        mode: session.mode,
        topic: session.topic,
        date: session.date,
        anonymous: session.opinionsAnonymous,
        // The page tells a representative plainly that the window has closed instead of offering a form to refuse.
        closed: ((c) => (c ? ERROR_MESSAGES[c] : null))(opinionsClosed(session, uc.now)),
        targets: session.targets.map((t) => ({ kind: t.kind, id: targetId(t), name: t.name, unit: targetUnitLine(t, orgName.get(t.orgId) ?? null, t.personId ? post.get(t.personId) : null) })),
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
      // No roster identity to hold a slot by: docs/anonymity.md says what an invitation link can and cannot limit.
      return give({ session, submission, caller: { personId: invitation._id, name: input.giverName ?? '群众代表' }, enteredForRepresentative: true, withdrawKey: input.withdrawKey, now, requestKey, moderation }, null);
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
    run: async ({ db, cloud, input, caller, scope, now }) => {
      const doc = scope.entity;
      // By id, only within one's own tenant; by key, the key itself is the proof.
      if (input.opinionId && doc.tenantId !== caller.tenantId) throw new AppError('OPINION.NOT_FOUND');
      // The key proves authorship of an anonymous opinion; a named one belongs to its giver or enterer.
      const author = input.withdrawKey !== undefined ? doc.anonymous : !doc.anonymous && caller.personId !== null && (doc.authorId === caller.personId || doc.enteredById === caller.personId);
      const roles: EntityRole[] = author ? ['AUTHOR'] : [];
      // Anonymous: the withdrawal is dated to the day, like the opinion, so it matches no one's activity.
      const next = unwrap(withdrawOpinion(opinionOf(doc), { roles, now: doc.anonymous ? cstStartOfDay(now) : now }));
      const write: Write = { kind: 'update', collection: COL.opinions, id: doc._id, expectedVersion: doc.version, patch: { status: next.status, withdrawnAt: next.withdrawnAt } };
      const writes: Write[] = [doc.anonymous ? { ...write, auditId: ANONYMOUS_AUDIT_ID } : write];
      // The giver's slot is freed so that they may give again (replacing = withdraw, then give).
      const self = caller.personId !== null && !(!doc.anonymous && doc.enteredById === caller.personId && doc.authorId !== caller.personId);
      if (self && caller.personId && (!doc.anonymous || process.env.ANONYMITY_KEY)) {
        const slot = await slotOf({ db, cloud, now }, doc.anonymous, { tenantId: doc.tenantId, sessionId: doc.sessionId, target: `${doc.target.kind}:${targetId(doc.target)}`, personId: caller.personId }, false);
        if (slot.doc?.taken && slot.doc.tag === tagOf(slot, doc.anonymous ? (doc.withdrawKeyHash ?? doc._id) : doc._id)) {
          writes.push({ kind: 'update', collection: COL.opinionSlots, id: slot.id, expectedVersion: slot.doc.version, patch: { taken: false, tag: null }, auditId: ANONYMOUS_AUDIT_ID });
        }
      }
      return mutation({ withdrawn: true }, writes, { anonymous: doc.anonymous });
    },
  }),

  'opinion.list': defineAction({
    input: SessionRefInput,
    output: OpinionListOutput,
    mutating: false,
    scope: sessionScope,
    run: async ({ db, caller, scope, now }) => {
      const session = scope.entity;
      const actor = sessionActorOf(caller, scope.orgDoc);
      const official = isSessionOfficial(session, actor);
      const reader = readerOf(caller, managesSessionOpinions(session, actor));
      const threshold = session.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD;
      const docs = await listSessionOpinions(db, session._id);
      const targets = sessionOpinionViews(session, docs, caller, reader, official, now);
      return { official, anonymous: session.opinionsAnonymous, threshold, targets };
    },
  }),
};
