/**
 * The slice of the org tree that decides reach from one org (core/domain/reach.ts), read in three
 * queries whatever the tenant's size: the tenant, the org's children, and the persons its duties may
 * name (paged by the org's own size, never cut short).
 */
import type { Org, Person } from '../../../../miniprogram/core/contracts/org';
import type { ReachSlice } from '../../../../miniprogram/core/domain/reach';
import type { Db } from '../frame/db';
import { OrgDoc, PersonDoc, type TenantDoc } from './docs';
import { findAll, getTenant, C } from './store';

/** The domain's view of a stored org. */
export function orgOf(o: OrgDoc): Org {
  return { id: o._id, tenantId: o.tenantId, name: o.name, kind: o.kind, parentId: o.parentId, secretaryId: o.secretaryId, committeeMemberIds: o.committeeMemberIds, retired: o.retired ?? false };
}

/** The domain's view of a stored person. */
export function personOf(p: PersonDoc): Person {
  return { id: p._id, tenantId: p.tenantId, name: p.name, orgId: p.orgId, unitAndPost: p.unitAndPost, flags: p.flags, isMember: p.isMember, left: p.left ?? false };
}

export interface LoadedSlice {
  slice: ReachSlice;
  tenant: TenantDoc;
  /** The org's active children, stored form (paths for target scoping). */
  children: OrgDoc[];
  /** Every person read, stored form. */
  persons: Map<string, PersonDoc>;
}

/**
 * Reads the slice of `org`, with the persons named in `people` (the reviewer, whoever enters). With `only`, persons are limited to those targets (and
 * the posts reach needs to know who holds them): a session of picked or planned targets reads no more
 * than it names. Without it, everyone the org's duties may name is read, page by page.
 */
export async function loadReachSlice(db: Db, org: OrgDoc, people: ReadonlyArray<string | null>, only?: readonly string[]): Promise<LoadedSlice> {
  const _ = db.command;
  const [tenant, allChildren] = await Promise.all([getTenant(db, org.tenantId), findAll(db, C.orgs, OrgDoc, { parentId: org._id })]);
  if (!tenant) throw new Error(`tenant ${org.tenantId} of org ${org._id} is missing`);
  const children = allChildren.filter((c) => !c.retired && c.tenantId === org.tenantId);
  const memberOrgs = org.kind === 'GROUP' ? [] : [org._id, ...children.filter((c) => c.kind === 'GROUP').map((c) => c._id)];
  // The org's secretary decides who holds its duties; `people` (the reviewer, the enterer) are read too.
  const posts = [org.secretaryId, ...people].filter((id): id is string => !!id);
  const where = only
    ? { _id: _.in([...new Set([...only, ...posts])]) }
    : _.or([
        { orgId: _.in(memberOrgs) },
        { 'flags.mobile.inflowOrgId': _.in(memberOrgs) },
        { _id: _.in([...new Set([...posts, ...org.committeeMemberIds, ...children.map((c) => c.secretaryId).filter((id): id is string => !!id)])]) },
        { liaisonOf: org._id },
      ]);
  const docs = (await findAll(db, C.persons, PersonDoc, where)).filter((p) => p.tenantId === org.tenantId);
  const persons = new Map(docs.map((p) => [p._id, p]));
  return {
    tenant,
    children,
    persons,
    slice: {
      topReviewer: tenant.topReviewer ?? null,
      org: orgOf(org),
      children: children.map(orgOf),
      persons: new Map(docs.map((p) => [p._id, personOf(p)])),
      liaisonLeaderIds: docs.filter((p) => p.liaisonOf.includes(org._id)).map((p) => p._id),
      assistances: (tenant.assistances ?? []).filter((a) => a.assistingOrgId === org._id),
    },
  };
}
