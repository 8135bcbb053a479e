/** The org tree: create, edit, move and retire orgs; secretaries, committees; group binding. */
import { EditedOutput, OrgBindGroupOutput, OrgGetOutput, OrgMoveOutput, OrgResolveGroupOutput, OrgTreeOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import {
  OrgAssignSecretaryInput,
  OrgBindGroupInput,
  OrgCreateInput,
  OrgMoveInput,
  OrgRefInput,
  OrgResolveGroupInput,
  OrgSetCommitteeInput,
  OrgUpdateInput,
  OrgVersionedInput,
} from '../../../../miniprogram/core/contracts/api/org';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { kindsAt, parentKindAllows } from '../../../../miniprogram/core/domain/tree';
import { mayKnowGroupOf, type CallerFacts } from '../../../../miniprogram/core/domain/permissions';
import type { Db } from '../frame/db';
import { AppError, expectVersion } from '../frame/errors';
import { mutation, type Write } from '../frame/uow';
import { withId, type OrgDoc, type PersonDoc } from '../repositories/docs';
import { findActiveRoot, findOrgByGroup, getOrg, getPerson, hasActiveChild, hasPersonInPost, listChildOrgs, listDescendants, listOrgPeople, listOrgs, listOrgsByIds, listPersonsByIds } from '../repositories/store';
import { requireMember } from '../shared/posts';
import { defineAction, newId, orgScope, scopedOrg, tenantScope, type Scope } from '../shared/scope';

/** A person of the caller's tenant who has not left, or an error naming what is wrong. */
async function activePerson(db: Db, tenantId: string, personId: string): Promise<PersonDoc> {
  const person = await getPerson(db, personId);
  if (!person || person.tenantId !== tenantId) throw new AppError('PERSON.NOT_FOUND');
  if (person.left) throw new AppError('PERSON.LEFT');
  return person;
}

/** A refusal that names the form field it concerns, so the screen shows it beside that field. */
function fieldError(code: 'PERSON.NOT_FOUND' | 'PERSON.LEFT' | 'PERSON.NOT_MEMBER', message: string, field: string): AppError {
  return new AppError(code, message, [{ path: [field], message }]);
}

/** A person who may hold a post of an org (in the tenant, not left, a member), or a refusal beside `field`. */
async function postHolder(db: Db, tenantId: string, personId: string, field: string): Promise<PersonDoc> {
  const person = await getPerson(db, personId);
  if (!person || person.tenantId !== tenantId) throw fieldError('PERSON.NOT_FOUND', '未找到该人员', field);
  if (person.left) throw fieldError('PERSON.LEFT', `“${person.name}”已离开，不能担任书记`, field);
  if (!person.isMember) throw fieldError('PERSON.NOT_MEMBER', `“${person.name}”不是党员，不能担任书记`, field);
  return person;
}

/** An active org of the tenant. */
async function activeOrg(db: Db, tenantId: string, orgId: string): Promise<OrgDoc> {
  const org = await getOrg(db, orgId);
  if (!org || org.tenantId !== tenantId) throw new AppError('ORG.NOT_FOUND');
  if (org.retired) throw new AppError('ORG.RETIRED');
  return org;
}

function checkKind(parent: OrgDoc, kind: OrgDoc['kind']): void {
  if (!parentKindAllows(parent.kind, kind)) {
    throw new AppError('ORG.INVALID_PARENT_KIND', kind === 'GROUP' ? '党小组只能设在党支部下' : `“${parent.name}”下不能设立该类党组织`);
  }
}

/** The scoped org for an edit: still at the version the client saw (else CONFLICT) and not retired. */
function editableOrg(scope: Scope, version: number): OrgDoc {
  const org = scopedOrg(scope);
  expectVersion(org, version);
  if (org.retired) throw new AppError('ORG.RETIRED');
  return org;
}

/** Person writes that keep `secretaryOf` in step with an org's secretaryId. */
export function secretaryWrites(orgId: string, from: PersonDoc | null, to: PersonDoc | null): Write[] {
  const writes: Write[] = [];
  if (from && from._id !== to?._id) {
    writes.push({ kind: 'update', collection: COL.persons, id: from._id, expectedVersion: from.version, patch: { secretaryOf: from.secretaryOf.filter((id) => id !== orgId) } });
  }
  if (to && !to.secretaryOf.includes(orgId)) {
    writes.push({ kind: 'update', collection: COL.persons, id: to._id, expectedVersion: to.version, patch: { secretaryOf: [...to.secretaryOf, orgId] } });
  }
  return writes;
}

/** An org as a caller sees it: its bound group id only for those who bind groups (domain: mayKnowGroupOf). */
function orgView(org: OrgDoc, caller: CallerFacts) {
  const view = withId(org);
  return mayKnowGroupOf(caller, org._id) ? view : { ...view, opengid: null };
}

export const orgActions = {
  'org.tree': defineAction({
    input: EmptyInput,
    output: OrgTreeOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => ({ orgs: (await listOrgs(db, caller.tenantId ?? '')).map((o) => orgView(o, caller)) }),
  }),

  'org.get': defineAction({
    input: OrgRefInput,
    output: OrgGetOutput,
    mutating: false,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, scope, caller }) => {
      const org = scopedOrg(scope);
      // One read for the org's own people and its liaison leaders (联系点领导), who sit in upper orgs.
      // Post holders may be registered in another org (the top org's secretary often is): read them by id alongside.
      const postIds = [...new Set([...(org.secretaryId ? [org.secretaryId] : []), ...org.committeeMemberIds])];
      // The parent's kind too: the edit screen offers only the kinds allowed where the org sits (domain: kindsAt).
      const [children, people, holders, parent] = await Promise.all([listChildOrgs(db, org._id), listOrgPeople(db, org._id), listPersonsByIds(db, postIds), org.parentId ? getOrg(db, org.parentId) : null]);
      const persons = people.filter((p) => p.orgId === org._id);
      const liaisons = people.filter((p) => p.tenantId === org.tenantId && !p.left && p.liaisonOf.includes(org._id));
      // Mobile members name their inflow org: read those orgs only when there are any.
      const inflowIds = [...new Set(persons.map((p) => p.flags?.mobile?.inflowOrgId).filter((id): id is string => !!id))];
      const inflow = new Map((inflowIds.length ? await listOrgsByIds(db, inflowIds) : []).map((o) => [o._id, o.name]));
      return {
        org: orgView(org, caller),
        children: children.filter((c) => !c.retired).map((c) => orgView(c, caller)),
        persons: persons.map((p) => ({
          id: p._id,
          version: p.version,
          name: p.name,
          unitAndPost: p.unitAndPost,
          isMember: p.isMember,
          flags: p.flags,
          ...(p.flags?.mobile ? { inflowOrgName: inflow.get(p.flags.mobile.inflowOrgId) ?? '' } : {}),
          left: p.left ?? false,
          bound: p.openid !== null,
        })),
        liaisons: liaisons.map((p) => ({ id: p._id, name: p.name, unitAndPost: p.unitAndPost })),
        holders: holders.filter((p) => p.tenantId === org.tenantId).map((p) => ({ id: p._id, name: p.name })),
        parentKind: parent?.kind ?? null,
      };
    },
  }),

  'org.create': defineAction({
    input: OrgCreateInput,
    output: EditedOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller, requestKey, now }) => {
      const tenantId = caller.tenantId ?? '';
      let path: string[] = [];
      if (input.parentId === null) {
        if (await findActiveRoot(db, tenantId)) throw new AppError('ORG.ROOT_EXISTS');
      } else {
        const parent = await activeOrg(db, tenantId, input.parentId);
        checkKind(parent, input.kind);
        path = [...parent.path, parent._id];
      }
      const id = newId('org', now, requestKey);
      const doc = { tenantId, name: input.name, kind: input.kind, parentId: input.parentId, path, secretaryId: null, committeeMemberIds: [], retired: false, opengid: null };
      return mutation({ id, version: 1 }, [{ kind: 'create', collection: COL.orgs, id, doc }]);
    },
  }),

  'org.update': defineAction({
    input: OrgUpdateInput,
    output: EditedOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = editableOrg(scope, input.version);
      // The whole form is checked before anything is written: one refusal, beside its field, and the org stays as it was.
      if (input.kind && input.kind !== org.kind) {
        const [parent, children] = await Promise.all([org.parentId ? activeOrg(db, org.tenantId, org.parentId) : null, listChildOrgs(db, org._id)]);
        const live = children.filter((c) => !c.retired);
        if (!kindsAt(parent?.kind ?? null, live.map((c) => c.kind)).includes(input.kind)) {
          const child = live.find((c) => !parentKindAllows(input.kind!, c.kind));
          const message = parent && !parentKindAllows(parent.kind, input.kind) ? (input.kind === 'GROUP' ? '党小组只能设在党支部下' : `“${parent.name}”下不能设立该类党组织`) : child ? `改为该类型后，下级“${child.name}”不能再隶属于它` : '最上级党组织不能是党小组';
          throw new AppError('ORG.INVALID_PARENT_KIND', message, [{ path: ['kind'], message }]);
        }
      }
      const secretaryChanges = input.secretaryId !== undefined && input.secretaryId !== org.secretaryId;
      const committee = input.committeeIds === undefined ? undefined : [...new Set(input.committeeIds)];
      const [to, from, members] = await Promise.all([
        secretaryChanges && input.secretaryId ? postHolder(db, org.tenantId, input.secretaryId, 'secretaryId') : null,
        secretaryChanges && org.secretaryId ? getPerson(db, org.secretaryId) : null,
        committee?.length ? listPersonsByIds(db, committee) : [],
      ]);
      if (committee) {
        const known = new Map(members.filter((p) => p.tenantId === org.tenantId && !p.left).map((p) => [p._id, p]));
        const missing = committee.filter((id) => !known.has(id));
        if (missing.length) throw fieldError('PERSON.NOT_FOUND', `以下人员不存在或已离开：${missing.join('、')}`, 'committeeIds');
        const outsider = [...known.values()].find((p) => !p.isMember);
        if (outsider) throw fieldError('PERSON.NOT_MEMBER', `“${outsider.name}”不是党员，不能担任班子成员`, 'committeeIds');
      }
      const patch: Record<string, unknown> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.kind !== undefined) patch.kind = input.kind;
      if (secretaryChanges) patch.secretaryId = input.secretaryId;
      if (committee) patch.committeeMemberIds = committee;
      return mutation({ id: org._id, version: input.version + 1 }, [
        { kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: input.version, patch },
        ...(secretaryChanges ? secretaryWrites(org._id, from, to) : []),
      ]);
    },
  }),

  'org.move': defineAction({
    input: OrgMoveInput,
    output: OrgMoveOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = editableOrg(scope, input.version);
      const parent = await activeOrg(db, org.tenantId, input.parentId);
      if (parent._id === org._id || parent.path.includes(org._id)) throw new AppError('ORG.CYCLE', '不能把党组织移到它自己或它的下级组织之下');
      checkKind(parent, org.kind);
      const newPath = [...parent.path, parent._id];
      // Descendants carry the moved org in their path: rewrite the prefix of each (moving is rare).
      const descendants = await listDescendants(db, org._id);
      const writes: Write[] = [{ kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: input.version, patch: { parentId: parent._id, path: newPath } }];
      for (const d of descendants) {
        const rest = d.path.slice(d.path.indexOf(org._id));
        writes.push({ kind: 'update', collection: COL.orgs, id: d._id, expectedVersion: d.version, patch: { path: [...newPath, ...rest] } });
      }
      return mutation({ id: org._id, version: input.version + 1, movedDescendants: descendants.length }, writes);
    },
  }),

  'org.retire': defineAction({
    input: OrgVersionedInput,
    output: EditedOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = editableOrg(scope, input.version);
      if (await hasActiveChild(db, org._id)) throw new AppError('ORG.HAS_CHILDREN');
      if (await hasPersonInPost(db, org._id)) throw new AppError('ORG.HAS_PERSONS');
      const writes: Write[] = [{ kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: input.version, patch: { retired: true } }];
      if (org.secretaryId) writes.push(...secretaryWrites(org._id, await getPerson(db, org.secretaryId), null));
      return mutation({ id: org._id, version: input.version + 1 }, writes);
    },
  }),

  'org.assignSecretary': defineAction({
    input: OrgAssignSecretaryInput,
    output: EditedOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = editableOrg(scope, input.version);
      const to = input.personId ? requireMember(await activePerson(db, org.tenantId, input.personId)) : null;
      const from = org.secretaryId && org.secretaryId !== input.personId ? await getPerson(db, org.secretaryId) : null;
      return mutation({ id: org._id, version: input.version + 1 }, [
        { kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: input.version, patch: { secretaryId: input.personId } },
        ...secretaryWrites(org._id, from, to),
      ]);
    },
  }),

  'org.setCommittee': defineAction({
    input: OrgSetCommitteeInput,
    output: EditedOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope }) => {
      const org = editableOrg(scope, input.version);
      const ids = [...new Set(input.personIds)];
      const persons = await listPersonsByIds(db, ids);
      const known = new Map(persons.filter((p) => p.tenantId === org.tenantId && !p.left).map((p) => [p._id, p]));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) throw new AppError('PERSON.NOT_FOUND', `以下人员不存在或已离开：${missing.join('、')}`);
      for (const p of known.values()) requireMember(p);
      return mutation({ id: org._id, version: input.version + 1 }, [
        { kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: input.version, patch: { committeeMemberIds: ids } },
      ]);
    },
  }),

  'org.bindGroup': defineAction({
    input: OrgBindGroupInput,
    output: OrgBindGroupOutput,
    mutating: true,
    scope: orgScope((i) => i.orgId),
    run: async ({ db, input, scope, caller }) => {
      const org = scopedOrg(scope);
      if (org.retired) throw new AppError('ORG.RETIRED');
      const opengid = input.group.data.opengid;
      const writes: Write[] = [{ kind: 'update', collection: COL.orgs, id: org._id, expectedVersion: org.version, patch: { opengid } }];
      // One group, one org: a group rebound elsewhere is released from its old org.
      const previous = await findOrgByGroup(db, opengid);
      // Another tenant's binding is not ours to undo.
      if (previous && previous.tenantId !== org.tenantId) throw new AppError('AUTH.FORBIDDEN', '该群已绑定其他单位的党组织，请联系该单位管理员解除绑定');
      // Only whoever answers for the current binding may release it: an admin, or that org's own secretary.
      const mayRelease = caller.admin || (caller.personId !== null && previous?.secretaryId === caller.personId);
      if (previous && previous._id !== org._id && !previous.retired && !mayRelease) throw new AppError('ORG.GROUP_BOUND_ELSEWHERE', `该群已绑定「${previous.name}」，请先由该党组织的书记或管理员解除绑定`);
      if (previous && previous._id !== org._id) writes.push({ kind: 'update', collection: COL.orgs, id: previous._id, expectedVersion: previous.version, patch: { opengid: null } });
      return mutation({ id: org._id, opengid }, writes);
    },
  }),

  'org.resolveGroup': defineAction({
    input: OrgResolveGroupInput,
    output: OrgResolveGroupOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const org = await findOrgByGroup(db, input.group.data.opengid);
      if (!org || org.tenantId !== caller.tenantId || org.retired) throw new AppError('ORG.GROUP_NOT_BOUND');
      return { org: { id: org._id, name: org.name, kind: org.kind } };
    },
  }),
};
