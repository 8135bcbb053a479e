/**
 * Joining: a secretary invites; a person opening the invitation claims one roster entry; the
 * secretary approves or rejects; only an approval binds the openid to that person.
 */
import { ClaimDecideOutput, ClaimListOutput, ClaimSubmitOutput, InvitationCreateOutput, InvitationOpenOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { ClaimDecideInput, ClaimListInput, ClaimSubmitInput, InvitationCreateInput, InvitationRefInput } from '../../../../miniprogram/core/contracts/api/work';
import { type Caller, type Deps } from '../frame/action';
import { AppError, unwrap } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { Db } from '../frame/db';
import { getClaim, getInvitation, getOrg, getPerson, getUser, listClaimablePersons, listClaimsOf, pendingClaimsOn, listPendingClaims, listPersonsByIds } from '../repositories/store';
import { makeInvitationCode } from '../shared/invitation-code';
import { claimApprovalRefusal, claimedEntry, claimRateRefusal, phoneCheck } from '../../../../miniprogram/core/domain/claims';
import { defineAction, newId, noScope, orgScope, scopedOrg, scopeOfOrg, type Scope } from '../shared/scope';
import { claimDecided } from '../../../../miniprogram/core/domain/workflow';

const DAY = 24 * 3600 * 1000;

async function liveInvitation(db: Db, invitationId: string, now: number) {
  const invitation = await getInvitation(db, invitationId);
  if (!invitation) throw new AppError('INVITATION.NOT_FOUND');
  if (invitation.expiresAt <= now) throw new AppError('INVITATION.EXPIRED');
  return invitation;
}

export const joiningActions = {
  'invitation.create': defineAction({
    input: InvitationCreateInput,
    output: InvitationCreateOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ cloud, input, scope, caller, requestKey, now }) => {
      const org = scopedOrg(scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      const id = newId('inv', now, requestKey);
      const days = input.days ?? 7;
      const expiresAt = now + days * DAY;
      // The code is made before the write: a retry of this request replays the reply with the same code.
      const code = await makeInvitationCode(cloud, org.tenantId, id, days);
      return mutation({ invitationId: id, expiresAt, orgName: org.name, code }, [
        { kind: 'create', collection: COL.invitations, id, doc: { tenantId: org.tenantId, orgId: org._id, createdBy: caller.personId ?? caller.openid, createdAt: now, expiresAt } },
      ]);
    },
  }),

  'invitation.open': defineAction({
    input: InvitationRefInput,
    output: InvitationOpenOutput,
    mutating: false,
    scope: noScope,
    run: async ({ db, input, now }) => {
      const invitation = await liveInvitation(db, input.invitationId, now);
      const org = await getOrg(db, invitation.orgId);
      if (!org || org.retired) throw new AppError('INVITATION.NOT_FOUND');
      // No names: the newcomer types their own, so the link is not a list of who has yet to join.
      return { org: { id: org._id, name: org.name }, expiresAt: invitation.expiresAt };
    },
  }),

  'claim.submit': defineAction({
    input: ClaimSubmitInput,
    output: ClaimSubmitOutput,
    mutating: true,
    scope: noScope,
    run: async ({ db, input, caller, requestKey, now }) => {
      const invitation = await liveInvitation(db, input.invitationId, now);
      if (caller.tenantId || (await getUser(db, caller.openid))) throw new AppError('CLAIM.OPENID_BOUND');
      // Counted before the roster is read, so a guesser learns nothing more once the day's claims are used.
      unwrap(claimRateRefusal((await listClaimsOf(db, caller.openid, now - DAY)).map((c) => c.createdAt), now));
      const person = input.name !== undefined ? claimedEntry(await listClaimablePersons(db, invitation.orgId), input.name, input.phoneTail) : await getPerson(db, input.personId ?? '');
      if (!person) throw new AppError(input.name !== undefined ? 'CLAIM.NAME_NOT_FOUND' : 'PERSON.NOT_FOUND');
      if (person.orgId !== invitation.orgId || person.left) throw new AppError('PERSON.NOT_FOUND', '该人员不在邀请所属党组织的名册中');
      if (person.openid !== null) throw new AppError('CLAIM.ALREADY_BOUND');
      const id = newId('claim', now, requestKey);
      // The reply does not say whether the tail matched: that would let a stranger test guesses; the secretary sees it.
      return mutation({ claimId: id, status: 'PENDING' }, [
        {
          kind: 'create',
          collection: COL.claims,
          id,
          doc: {
            tenantId: invitation.tenantId,
            orgId: invitation.orgId,
            invitationId: invitation._id,
            personId: person._id,
            openid: caller.openid,
            status: 'PENDING',
            createdAt: now,
            ...(input.name !== undefined ? { enteredName: input.name } : {}),
            ...(input.phoneTail !== undefined ? { enteredPhoneTail: input.phoneTail } : {}),
            phoneCheck: phoneCheck(person.phoneTail, input.phoneTail),
          },
        },
      ]);
    },
  }),

  'claim.list': defineAction({
    input: ClaimListInput,
    output: ClaimListOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, scope }) => {
      const org = scopedOrg(scope);
      const claims = await listPendingClaims(db, org._id);
      const persons = new Map((await listPersonsByIds(db, [...new Set(claims.map((c) => c.personId))])).map((p) => [p._id, p]));
      return {
        claims: claims.map((c) => ({
          claimId: c._id,
          personId: c.personId,
          personName: persons.get(c.personId)?.name ?? '',
          createdAt: c.createdAt,
          version: c.version,
          enteredName: c.enteredName ?? null,
          enteredPhoneTail: c.enteredPhoneTail ?? null,
          phoneCheck: c.phoneCheck ?? null,
        })),
      };
    },
  }),

  'claim.decide': defineAction({
    input: ClaimDecideInput,
    output: ClaimDecideOutput,
    mutating: true,
    scope: async (input: { claimId: string }, caller: Caller, deps: Deps): Promise<Scope> => {
      const claim = await getClaim(deps.db, input.claimId);
      if (!claim) throw new AppError(caller.tenantId ? 'CLAIM.NOT_FOUND' : 'AUTH.UNBOUND');
      return scopeOfOrg(claim.orgId, caller, deps);
    },
    run: async ({ db, input, now }) => {
      const claim = await getClaim(db, input.claimId);
      if (!claim) throw new AppError('CLAIM.NOT_FOUND');
      if (claimDecided(claim.status)) throw new AppError('CLAIM.DECIDED');
      if (!input.approve) {
        return mutation({ claimId: claim._id, status: 'REJECTED' }, [
          { kind: 'update', collection: COL.claims, id: claim._id, expectedVersion: claim.version, patch: { status: 'REJECTED', decidedAt: now } },
        ]);
      }
      unwrap(claimApprovalRefusal(claim.phoneCheck));
      const person = await getPerson(db, claim.personId);
      if (!person || person.left) throw new AppError('PERSON.NOT_FOUND');
      if (person.openid !== null) throw new AppError('CLAIM.ALREADY_BOUND');
      if (await getUser(db, claim.openid)) throw new AppError('CLAIM.OPENID_BOUND', '申请人的微信已绑定到其他人员');
      // Once bound, the person's other claims and the claimant's claims on others can never be approved:
      // they are closed (已关闭, with the reason) with this approval, so they stop waiting on the secretary's home
      // and the other claimant is told the name was taken rather than that the secretary refused them.
      const others = (await pendingClaimsOn(db, person._id, claim.openid)).filter((c) => c._id !== claim._id);
      // The users doc is created, so a second approval for the same openid fails inside the transaction.
      return mutation({ claimId: claim._id, status: 'APPROVED', personId: person._id }, [
        { kind: 'update', collection: COL.claims, id: claim._id, expectedVersion: claim.version, patch: { status: 'APPROVED', decidedAt: now } },
        ...others.map((c): Write => ({
          kind: 'update',
          collection: COL.claims,
          id: c._id,
          expectedVersion: c.version,
          patch: { status: 'CLOSED', decidedAt: now, closedReason: c.personId === person._id ? 'PERSON_BOUND' : 'CLAIMANT_BOUND' },
        })),
        { kind: 'update', collection: COL.persons, id: person._id, expectedVersion: person.version, patch: { openid: claim.openid } },
        { kind: 'create', collection: COL.users, id: claim.openid, doc: { tenantId: person.tenantId, personId: person._id, admin: false, boundAt: now } },
      ]);
    },
  }),
};
