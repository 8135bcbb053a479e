/**
 * The slice of the org tree that decides reach from one org (core/domain/reach.ts), read in three
 * queries whatever the tenant's size: the tenant, the org's children, and the persons its duties may
 * name (paged by the org's own size, never cut short).
 */
import { COL } from './collections';
import type { CoverageOptions } from '../../../../miniprogram/core/contracts/campaign';
import type { Org, Person } from '../../../../miniprogram/core/contracts/org';
import type { ReviewRule, TargetKind } from '../../../../miniprogram/core/contracts/review';
import type { ReachSlice } from '../../../../miniprogram/core/domain/reach';
import type { Db } from '../frame/db';
import { OrgDoc, PersonDoc, type TenantDoc } from './docs';
import { findAll, getTenant } from './store';

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
  const [tenant, allChildren] = await Promise.all([getTenant(db, org.tenantId), findAll(db, COL.orgs, OrgDoc, { parentId: org._id })]);
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
  const docs = (await findAll(db, COL.persons, PersonDoc, where)).filter((p) => p.tenantId === org.tenantId);
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

/**
 * The slice that decides reach for a few known targets (a submission): the targets, the reviewer and
 * the org's secretary first; the children only when a target hangs on them (R2, R3, a 党小组's
 * member); the tenant only for the outside reviewer and R7. A member's submission reads one query.
 */
export async function loadSliceOfTargets(
  db: Db,
  org: OrgDoc,
  reviewerId: string | null,
  targets: ReadonlyArray<{ kind: TargetKind; id: string; rule: ReviewRule | null }>,
  coverage?: CoverageOptions,
): Promise<ReachSlice> {
  const ids = [...new Set([...targets.filter((t) => t.kind !== 'ORG').map((t) => t.id), org.secretaryId, reviewerId].filter((id): id is string => !!id))];
  const docs = (await findAll(db, COL.persons, PersonDoc, { _id: db.command.in(ids) })).filter((p) => p.tenantId === org.tenantId);
  const here = (p: PersonDoc | undefined) => p !== undefined && p.orgId === org._id && (p.flags?.mobile?.inflowOrgId ?? org._id) === org._id;
  const byId = new Map(docs.map((p) => [p._id, p]));
  const needsChildren = targets.some((t) => t.rule === null || t.rule === 'R2' || t.rule === 'R3' || ((t.rule === 'R1' || t.rule === 'R6') && !here(byId.get(t.id))));
  const needsTenant = reviewerId === null || targets.some((t) => t.rule === null || t.rule === 'R7');
  const [tenant, children] = await Promise.all([
    needsTenant ? getTenant(db, org.tenantId) : Promise.resolve(null),
    needsChildren ? findAll(db, COL.orgs, OrgDoc, { parentId: org._id }) : Promise.resolve([]),
  ]);
  return {
    topReviewer: tenant?.topReviewer ?? null,
    org: orgOf(org),
    children: children.filter((c) => !c.retired && c.tenantId === org.tenantId).map(orgOf),
    persons: new Map(docs.map((p) => [p._id, personOf(p)])),
    liaisonLeaderIds: docs.filter((p) => p.liaisonOf.includes(org._id)).map((p) => p._id),
    assistances: (tenant?.assistances ?? []).filter((a) => a.assistingOrgId === org._id),
    ...(coverage ? { coverage } : {}),
  };
}
