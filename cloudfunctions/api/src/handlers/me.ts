/** Me: who the caller is, their orgs and roles, and the tenant's campaigns — what the app needs to start; unbound, how their latest claim stands. */
import { MeOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { OrgDoc } from '../repositories/docs';
import { findActiveRoot, findLatestClaimOf, getPerson, getTenant, listCampaigns, listCommitteesOf, listOrgsByIds } from '../repositories/store';
import { defineAction, noScope } from '../shared/scope';
import { foundableTenants } from './tenant';

export const meActions = {
  me: defineAction({
    input: EmptyInput,
    output: MeOutput,
    mutating: false,
    scope: noScope,
    run: async ({ db, caller }) => {
      if (!caller.tenantId) {
        // Someone joining learns how their latest claim stands (the join screen's 等待审核 / 未通过).
        // The first administrator named in deployment configuration may create the unit (only while it does not exist yet).
        const named = foundableTenants(caller.openid);
        const [claim, existing] = await Promise.all([findLatestClaimOf(db, caller.openid), Promise.all(named.map((id) => getTenant(db, id)))]);
        const founds = named.filter((_, i) => !existing[i]);
        return { bound: false as const, openid: caller.openid, claim: claim ? { claimId: claim._id, status: claim.status, decidedAt: claim.decidedAt ?? null } : null, founds };
      }
      const _ = db.command;
      const [tenant, person, campaigns, root] = await Promise.all([
        getTenant(db, caller.tenantId),
        caller.personId ? getPerson(db, caller.personId) : Promise.resolve(null),
        listCampaigns(db, caller.tenantId),
        // The office runs the whole tree: its dashboard opens on the top org.
        caller.admin ? findActiveRoot(db, caller.tenantId) : Promise.resolve(null),
      ]);
      const ids = [...new Set([...(person ? [person.orgId] : []), ...caller.secretaryOf, ...caller.liaisonOf])];
      const [orgs, committees] = await Promise.all([
        ids.length ? listOrgsByIds(db, ids) : Promise.resolve([]),
        person ? listCommitteesOf(db, caller.tenantId, person._id) : Promise.resolve([]),
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
          officeOf: root ? brief(root) : null,
        },
        campaigns: campaigns.map((c) => ({ id: c._id, name: c.name, start: c.start, end: c.end })),
      };
    },
  }),
};
