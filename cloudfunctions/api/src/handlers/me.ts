/** Me: who the caller is, their orgs and roles, and the tenant's campaigns — what the app needs to start. */
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { ModerationReleaseInput } from '../../../../miniprogram/core/contracts/api/work';
import { defineAction } from '../frame/action';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { OrgDoc, CommitmentDoc } from '../repositories/docs';
import { findMany } from '../repositories/read';
import { C, getCommitment, getPerson, getTenant, listCampaigns } from '../repositories/store';
import { noScope, tenantScope } from './scope';

export const meActions = {
  me: defineAction({
    input: EmptyInput,
    mutating: false,
    scope: noScope,
    run: async ({ db, caller }) => {
      if (!caller.tenantId) return { bound: false as const, openid: caller.openid };
      const _ = db.command;
      const [tenant, person, campaigns] = await Promise.all([
        getTenant(db, caller.tenantId),
        caller.personId ? getPerson(db, caller.personId) : Promise.resolve(null),
        listCampaigns(db, caller.tenantId),
      ]);
      const ids = [...new Set([...(person ? [person.orgId] : []), ...caller.secretaryOf, ...caller.liaisonOf])];
      const [orgs, committees] = await Promise.all([
        ids.length ? findMany(db, C.orgs, OrgDoc, { _id: _.in(ids) }, { limit: ids.length }) : Promise.resolve([]),
        person ? findMany(db, C.orgs, OrgDoc, { tenantId: caller.tenantId, committeeMemberIds: person._id }, { limit: 50 }) : Promise.resolve([]),
      ]);
      const brief = (o: OrgDoc) => ({ id: o._id, name: o.name, kind: o.kind });
      const byId = new Map(orgs.map((o) => [o._id, o]));
      const pick = (list: readonly string[]) => list.map((id) => byId.get(id)).filter((o): o is OrgDoc => !!o && !o.retired).map(brief);
      return {
        bound: true as const,
        openid: caller.openid,
        tenant: tenant ? { id: tenant._id, name: tenant.name } : null,
        person: person ? { id: person._id, name: person.name, unitAndPost: person.unitAndPost, isMember: person.isMember, flags: person.flags } : null,
        org: person && byId.get(person.orgId) ? brief(byId.get(person.orgId) as OrgDoc) : null,
        roles: {
          admin: caller.admin,
          secretaryOf: pick(caller.secretaryOf),
          committeeOf: committees.filter((o) => !o.retired).map(brief),
          liaisonOf: pick(caller.liaisonOf),
        },
        campaigns: campaigns.map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end })),
      };
    },
  }),

  'moderation.list': defineAction({
    input: EmptyInput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => ({
      commitments: (await findMany(db, C.commitments, CommitmentDoc, { tenantId: caller.tenantId, moderation: 'HELD' }, { limit: 100, orderBy: [['updatedAt', 'asc']] })).map((d) => ({
        id: d._id,
        owner: d.owner,
        items: d.items,
        version: d.version,
      })),
    }),
  }),

  'moderation.release': defineAction({
    input: ModerationReleaseInput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const doc = await getCommitment(db, input.id);
      if (!doc || doc.tenantId !== caller.tenantId) throw new AppError('COMMITMENT.NOT_FOUND');
      if (doc.moderation !== 'HELD') throw new AppError('MODERATION.NOT_HELD');
      // Released text becomes visible; refused text is cleared and its owner must write it again.
      const patch = input.approve ? { moderation: 'PASS' } : { moderation: 'PASS', items: db.command.set(doc.items.map((i) => ({ ...i, content: '（内容未通过审核，请重新填写）', fulfilmentNotes: '' }))) };
      return mutation({ id: doc._id, released: input.approve }, [{ kind: 'update', collection: C.commitments, id: doc._id, expectedVersion: doc.version, patch }]);
    },
  }),
};
