/** People: create, edit, move between orgs (keeping history), retire; liaison points. */
import { EditedOutput, LiaisonOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { LiaisonInput, PersonCreateInput, PersonMoveInput, PersonRetireInput, PersonUpdateInput } from '../../../../miniprogram/core/contracts/api/org';
import { type Caller, type Deps } from '../frame/action';
import { AppError, expectVersion } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import type { Db } from '../frame/db';
import { type PersonDoc } from '../repositories/docs';
import { getOrg, getPerson, listCommitteesOf, sitsOnACommittee } from '../repositories/store';
import { liaisonRefusal } from '../../../../miniprogram/core/domain/posts';
import { requireMember } from '../shared/posts';
import { defineAction, newId, orgScope, scopedOrg, scopeOfOrg, type Scope } from '../shared/scope';

/** Scope of an action on a person: the org they are registered in. */
function personScope<I extends { personId: string }>() {
  return async (input: I, caller: Caller, deps: Deps): Promise<Scope> => {
    const person = await getPerson(deps.db, input.personId);
    if (!person) throw new AppError(caller.tenantId ? 'PERSON.NOT_FOUND' : 'AUTH.UNBOUND');
    return scopeOfOrg(person.orgId, caller, deps);
  };
}

/** A mobile member's inflow org must be an active org of the same tenant, as the roster import requires. */
async function checkInflow(deps: Deps, tenantId: string, ownOrgId: string, flags: { mobile?: { inflowOrgId: string } } | undefined): Promise<void> {
  const inflowOrgId = flags?.mobile?.inflowOrgId;
  if (inflowOrgId === undefined) return;
  // A member flows from their own org into another: the same org on both ends is a slip, not a flow.
  if (inflowOrgId === ownOrgId) throw new AppError('INPUT.INVALID', '流入地党组织不能是本人所在的党组织', [{ path: ['flags', 'mobile', 'inflowOrgId'], message: '流入党组织：不能是本人所在的党组织，请重新选择' }]);
  const org = await getOrg(deps.db, inflowOrgId);
  if (!org || org.tenantId !== tenantId) throw new AppError('ORG.NOT_FOUND', '流入地党组织不存在，请重新选择');
  if (org.retired) throw new AppError('ORG.RETIRED', `流入地党组织“${org.name}”已撤销，请重新选择`);
}

async function personOf(deps: Deps, caller: Caller, personId: string) {
  const person = await getPerson(deps.db, personId);
  if (!person || person.tenantId !== caller.tenantId) throw new AppError('PERSON.NOT_FOUND');
  return person;
}

/**
 * Secretaries, committee members and liaison leaders must be party members (the domain's tree
 * rule): a post-holder cannot be turned into a non-member while holding the post.
 */
async function refuseIfHoldsPosts(db: Db, person: PersonDoc): Promise<void> {
  if (person.secretaryOf.length || person.liaisonOf.length || (await sitsOnACommittee(db, person._id))) {
    throw new AppError('PERSON.NOT_MEMBER', '该人员担任书记、班子成员或联系点领导，请先调整其职务，再改为非党员');
  }
}

/** A person of the caller's tenant for an edit: still at the version the client saw, and not left. */
async function editablePerson(deps: Deps & { caller: Caller }, input: { personId: string; version: number }) {
  const person = await personOf(deps, deps.caller, input.personId);
  expectVersion(person, input.version);
  if (person.left) throw new AppError('PERSON.LEFT');
  return person;
}

export const personActions = {
  'person.create': defineAction({
    input: PersonCreateInput,
    output: EditedOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async (uc) => {
      const { input, scope, requestKey, now } = uc;
      const org = scopedOrg(scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      await checkInflow(uc, org.tenantId, org._id, input.flags);
      const id = newId('p', now, requestKey);
      const doc = {
        tenantId: org.tenantId,
        name: input.name,
        orgId: org._id,
        unitAndPost: input.unitAndPost,
        flags: input.flags ?? {},
        isMember: input.isMember ?? true,
        left: false,
        openid: null,
        admin: false,
        secretaryOf: [],
        liaisonOf: [],
        history: [],
      };
      return mutation({ id, version: 1 }, [{ kind: 'create', collection: COL.persons, id, doc: JSON.parse(JSON.stringify(doc)) }]);
    },
  }),

  'person.update': defineAction({
    input: PersonUpdateInput,
    output: EditedOutput,
    mutating: true,
    scope: personScope(),
    run: async (uc) => {
      const person = await editablePerson(uc, uc.input);
      await checkInflow(uc, person.tenantId, person.orgId, uc.input.flags);
      if (uc.input.isMember === false && person.isMember) await refuseIfHoldsPosts(uc.db, person);
      const { personId: _p, version, ...fields } = uc.input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      // flags replace as a whole: an update merges nested objects field by field otherwise.
      if (patch.flags) patch.flags = uc.db.command.set(patch.flags);
      return mutation({ id: person._id, version: version + 1 }, [{ kind: 'update', collection: COL.persons, id: person._id, expectedVersion: version, patch }]);
    },
  }),

  'person.move': defineAction({
    input: PersonMoveInput,
    output: EditedOutput,
    mutating: true,
    scope: personScope(),
    run: async (uc) => {
      const person = await editablePerson(uc, uc.input);
      const target = await getOrg(uc.db, uc.input.orgId);
      if (!target || target.tenantId !== person.tenantId) throw new AppError('ORG.NOT_FOUND');
      if (target.retired) throw new AppError('ORG.RETIRED');
      if (target._id === person.orgId) return mutation({ id: person._id, version: person.version }, []);
      const patch = { orgId: target._id, history: [...person.history, { orgId: person.orgId, until: uc.now }] };
      return mutation({ id: person._id, version: uc.input.version + 1 }, [
        { kind: 'update', collection: COL.persons, id: person._id, expectedVersion: uc.input.version, patch },
      ]);
    },
  }),

  'person.retire': defineAction({
    input: PersonRetireInput,
    output: EditedOutput,
    mutating: true,
    scope: personScope(),
    run: async (uc) => {
      const person = await editablePerson(uc, uc.input);
      // Their posts stay recorded: the domain reports the vacancies they leave as gaps.
      return mutation({ id: person._id, version: uc.input.version + 1 }, [
        { kind: 'update', collection: COL.persons, id: person._id, expectedVersion: uc.input.version, patch: { left: true, history: [...person.history, { orgId: person.orgId, until: uc.now }] } },
      ]);
    },
  }),

  'liaison.assign': defineAction({
    input: LiaisonInput,
    output: LiaisonOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async (uc) => {
      const org = scopedOrg(uc.scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      const leader = await personOf(uc, uc.caller, uc.input.leaderId);
      if (leader.left) throw new AppError('PERSON.LEFT');
      requireMember(leader);
      // The rule reads the leader's committee posts only for their own org: elsewhere one read is spared.
      const committees = leader.orgId === org._id ? await listCommitteesOf(uc.db, leader.tenantId, leader._id) : [];
      const postOrgIds = [...leader.secretaryOf, ...committees.filter((o) => !o.retired).map((o) => o._id)];
      const refusal = liaisonRefusal({ id: leader._id, name: leader.name, orgId: leader.orgId }, { id: org._id, name: org.name, secretaryId: org.secretaryId }, postOrgIds);
      if (refusal) throw new AppError(refusal.code, refusal.message, [{ path: ['orgId'], message: `党组织：${refusal.message}，请重新选择` }]);
      if (leader.liaisonOf.includes(org._id)) return mutation({ leaderId: leader._id, orgId: org._id }, []);
      const writes: Write[] = [{ kind: 'update', collection: COL.persons, id: leader._id, expectedVersion: leader.version, patch: { liaisonOf: [...leader.liaisonOf, org._id] } }];
      return mutation({ leaderId: leader._id, orgId: org._id }, writes);
    },
  }),

  'liaison.remove': defineAction({
    input: LiaisonInput,
    output: LiaisonOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async (uc) => {
      const org = scopedOrg(uc.scope);
      const leader = await personOf(uc, uc.caller, uc.input.leaderId);
      if (!leader.liaisonOf.includes(org._id)) return mutation({ leaderId: leader._id, orgId: org._id }, []);
      return mutation({ leaderId: leader._id, orgId: org._id }, [
        { kind: 'update', collection: COL.persons, id: leader._id, expectedVersion: leader.version, patch: { liaisonOf: leader.liaisonOf.filter((id) => id !== org._id) } },
      ]);
    },
  }),
};
