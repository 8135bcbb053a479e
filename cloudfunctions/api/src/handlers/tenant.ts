/** Tenant bootstrap and administrators. */
import { TenantAddAdminOutput, TenantBootstrapOutput, TenantGetOutput, TenantUpdateOutput } from '../../../../miniprogram/core/contracts/api/outputs';
import { COL } from '../repositories/collections';
import { EmptyInput } from '../../../../miniprogram/core/contracts/api/common';
import { TenantAddAdminInput, TenantBootstrapInput, TenantUpdateInput } from '../../../../miniprogram/core/contracts/api/org';
import { AppError } from '../frame/errors';
import { mutation } from '../frame/uow';
import { getPerson, getTenant, listOrgsByIds } from '../repositories/store';
import { defineAction, noScope, tenantScope } from '../shared/scope';

/**
 * Who may create which tenant is deployment configuration, not data: the function's environment
 * variable BOOTSTRAP_ADMINS lists `tenantId=openid` pairs, comma-separated.
 */
export function bootstrapAdmins(env: NodeJS.ProcessEnv = process.env): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const pair of (env.BOOTSTRAP_ADMINS ?? '').split(',')) {
    const [tenantId, openid] = pair.split('=').map((s) => s.trim());
    if (!tenantId || !openid) continue;
    map.set(tenantId, new Set([...(map.get(tenantId) ?? []), openid]));
  }
  return map;
}

/** The tenants deployment configuration lets this openid create (its 「创建我的单位」 screen offers these). */
export function foundableTenants(openid: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return [...bootstrapAdmins(env)].filter(([, openids]) => openids.has(openid)).map(([tenantId]) => tenantId);
}

export const tenantActions = {
  'tenant.bootstrap': defineAction({
    input: TenantBootstrapInput,
    output: TenantBootstrapOutput,
    mutating: true,
    scope: noScope,
    run: async ({ db, input, caller, now }) => {
      if (!foundableTenants(caller.openid).includes(input.tenantId)) throw new AppError('AUTH.FORBIDDEN', '您不是部署配置中指定的管理员，不能创建单位');
      if (caller.tenantId) throw new AppError('TENANT.ALREADY_BOUND');
      if (await getTenant(db, input.tenantId)) throw new AppError('TENANT.EXISTS');
      return mutation({ tenantId: input.tenantId }, [
        { kind: 'create', collection: COL.tenants, id: input.tenantId, doc: { name: input.name, topReviewer: null, createdAt: now } },
        { kind: 'create', collection: COL.users, id: caller.openid, doc: { tenantId: input.tenantId, personId: null, admin: true, boundAt: now } },
      ]);
    },
  }),

  'tenant.addAdmin': defineAction({
    input: TenantAddAdminInput,
    output: TenantAddAdminOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const person = await getPerson(db, input.personId);
      if (!person || person.tenantId !== caller.tenantId) throw new AppError('PERSON.NOT_FOUND');
      if (person.left) throw new AppError('PERSON.LEFT');
      if (person.admin) return mutation({ personId: person._id, admin: true }, []);
      const writes = [{ kind: 'update' as const, collection: COL.persons, id: person._id, expectedVersion: person.version, patch: { admin: true } }];
      return mutation({ personId: person._id, admin: true }, writes);
    },
  }),

  'tenant.get': defineAction({
    input: EmptyInput,
    output: TenantGetOutput,
    mutating: false,
    scope: tenantScope,
    run: async ({ db, caller }) => {
      const tenant = await getTenant(db, caller.tenantId ?? '');
      if (!tenant) throw new AppError('TENANT.NOT_FOUND');
      return tenant;
    },
  }),

  'tenant.update': defineAction({
    input: TenantUpdateInput,
    output: TenantUpdateOutput,
    mutating: true,
    scope: tenantScope,
    run: async ({ db, input, caller }) => {
      const tenant = await getTenant(db, caller.tenantId ?? '');
      if (!tenant) throw new AppError('TENANT.NOT_FOUND');
      const patch: Record<string, unknown> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.topReviewer !== undefined) patch.topReviewer = input.topReviewer;
      if (input.assistances !== undefined) {
        // An assisting org must be an active org of this tenant; the assisted org is outside it.
        const ids = [...new Set(input.assistances.map((a) => a.assistingOrgId))];
        const orgs = ids.length ? await listOrgsByIds(db, ids) : [];
        const active = new Set(orgs.filter((o) => o.tenantId === tenant._id && !o.retired).map((o) => o._id));
        const bad = input.assistances.findIndex((a) => !active.has(a.assistingOrgId));
        if (bad >= 0) throw new AppError('ORG.NOT_FOUND', `协助点评第${bad + 1}项的党组织不存在`, [{ path: ['assistances', bad, 'assistingOrgId'], message: '党组织不存在' }]);
        // R7 reviews an org outside one's own tree: a target that is the assisting org, or any org here, is not one.
        const inside = input.assistances.findIndex((a) => a.targetOrgId === a.assistingOrgId || active.has(a.targetOrgId));
        if (inside >= 0) throw new AppError('ORG.EXTERNAL_ID_CLASH', `协助点评第${inside + 1}项的被协助党组织是本单位的党组织，协助点评只针对外单位`, [{ path: ['assistances', inside, 'targetOrgId'], message: '被协助的党组织：须是外单位的党组织，不能是协助的党组织自己' }]);
        patch.assistances = db.command.set(input.assistances);
      }
      return mutation({ tenantId: tenant._id, version: input.version + 1 }, [
        { kind: 'update', collection: COL.tenants, id: tenant._id, expectedVersion: input.version, patch },
      ]);
    },
  }),
};

