/** Repositories: the only code that calls the database; every read is parsed with its contract. */
import { COL } from './collections';
import type { Db } from '../frame/db';
import {
  CampaignDoc,
  ClaimDoc,
  CommitmentDoc,
  InvitationDoc,
  OrgDoc,
  PersonDoc,
  TenantDoc,
} from './docs';
import { UserDoc } from './users';
import { findMany, getById, type Where } from './read';

/** Largest page the cloud returns to a server-side get. */
export const PAGE = 1000;

export const getTenant = (db: Db, id: string) => getById(db, COL.tenants, TenantDoc, id);
export const getUser = (db: Db, openid: string) => getById(db, COL.users, UserDoc, openid);
export const getOrg = (db: Db, id: string) => getById(db, COL.orgs, OrgDoc, id);
export const getPerson = (db: Db, id: string) => getById(db, COL.persons, PersonDoc, id);
export const getInvitation = (db: Db, id: string) => getById(db, COL.invitations, InvitationDoc, id);
export const getClaim = (db: Db, id: string) => getById(db, COL.claims, ClaimDoc, id);
export const getCampaign = (db: Db, id: string) => getById(db, COL.campaigns, CampaignDoc, id);
export const getCommitment = (db: Db, id: string) => getById(db, COL.commitments, CommitmentDoc, id);

/**
 * Reads every page of a query, in `orderBy` order (then `_id`, so pages never overlap): for listings
 * whose size is the answer (a tenant's orgs, an org's people, an import). Nothing is cut at a page.
 */
export async function findAll<T>(db: Db, collection: string, schema: Parameters<typeof findMany<T>>[2], where: Where, orderBy: Array<[string, 'asc' | 'desc']> = []): Promise<T[]> {
  const all: T[] = [];
  const order: Array<[string, 'asc' | 'desc']> = [...orderBy.filter(([f]) => f !== '_id'), ['_id', 'asc']];
  for (let skip = 0; ; skip += PAGE) {
    const page = await findMany(db, collection, schema, where, { limit: PAGE, skip, orderBy: order });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

export const listOrgs = (db: Db, tenantId: string) => findAll(db, COL.orgs, OrgDoc, { tenantId });
export const listPersons = (db: Db, tenantId: string) => findAll(db, COL.persons, PersonDoc, { tenantId });
/** Everyone registered in an org, by name, every page. */
export const listOrgPersons = (db: Db, orgId: string) => findAll(db, COL.persons, PersonDoc, { orgId }, [['name', 'asc']]);
/** Orgs by id (one query: callers pass at most a page of ids). */
export const listOrgsByIds = (db: Db, ids: readonly string[]) => findMany(db, COL.orgs, OrgDoc, { _id: db.command.in([...ids]) }, { limit: ids.length });
/** An org's children, by name, every page. */
export const listChildOrgs = (db: Db, parentId: string) => findAll(db, COL.orgs, OrgDoc, { parentId }, [['name', 'asc']]);
export const listCampaigns = (db: Db, tenantId: string) => findMany(db, COL.campaigns, CampaignDoc, { tenantId }, { limit: 100, orderBy: [['start', 'desc']] });
/** Pending claims on a person, or by an openid (what one approval settles for both). */
export const pendingClaimsOn = (db: Db, personId: string, openid: string) =>
  // Each branch of the $or is served by its own index (person_status, openid).
  findAll(db, COL.claims, ClaimDoc, db.command.or([{ personId, status: 'PENDING' }, { openid, status: 'PENDING' }]));

/** An org's pending claims, oldest first, every page (at most one per person of the org). */
export const listPendingClaims = (db: Db, orgId: string) => findAll(db, COL.claims, ClaimDoc, { orgId, status: 'PENDING' }, [['createdAt', 'asc']]);
/** An org's own people (by name) and the leaders who have it as a liaison point (联系点), every page. */
export const listOrgPeople = (db: Db, orgId: string) => findAll(db, COL.persons, PersonDoc, db.command.or([{ orgId }, { liaisonOf: orgId }]), [['name', 'asc']]);
/** The entries of an org still open to claim (not bound, still in post), by name, every page. */
export const listClaimablePersons = (db: Db, orgId: string) => findAll(db, COL.persons, PersonDoc, { orgId, openid: null, left: db.command.neq(true) }, [['name', 'asc']]);
/** Persons by id, every page. */
export const listPersonsByIds = (db: Db, ids: readonly string[]) => (ids.length ? findAll(db, COL.persons, PersonDoc, { _id: db.command.in([...ids]) }) : Promise.resolve([]));
export const listOrgCommitments = (db: Db, campaignId: string, orgId: string) =>
  findMany(db, COL.commitments, CommitmentDoc, { campaignId, orgId }, { limit: PAGE, orderBy: [['ownerKey', 'asc']] });
/** The commitments of these owners (`PERSON:<id>` / `ORG:<id>`) in a campaign: one page, one per owner. */
export const listCommitmentsByOwners = (db: Db, campaignId: string, ownerKeys: readonly string[]) =>
  ownerKeys.length ? findMany(db, COL.commitments, CommitmentDoc, { campaignId, ownerKey: db.command.in([...ownerKeys].slice(0, PAGE)) }, { limit: PAGE }) : Promise.resolve([]);
export const findCommitmentByOwner = async (db: Db, campaignId: string, ownerKey: string) =>
  (await findMany(db, COL.commitments, CommitmentDoc, { campaignId, ownerKey }, { limit: 1 }))[0] ?? null;
export const findOrgByGroup = async (db: Db, opengid: string) => (await findMany(db, COL.orgs, OrgDoc, { opengid }, { limit: 1 }))[0] ?? null;

/** The tenant's active top org, if it has one. */
export const findActiveRoot = async (db: Db, tenantId: string) => (await findMany(db, COL.orgs, OrgDoc, { tenantId, parentId: null, retired: db.command.neq(true) }, { limit: 1 }))[0] ?? null;
/** Every org below an org (its id is on their path), every page. */
export const listDescendants = (db: Db, orgId: string) => findAll(db, COL.orgs, OrgDoc, { path: orgId });
/** True when an org still has an active child org. */
export const hasActiveChild = async (db: Db, orgId: string) => (await findMany(db, COL.orgs, OrgDoc, { parentId: orgId, retired: db.command.neq(true) }, { limit: 1 })).length > 0;
/** True when someone still in post is registered in an org. */
export const hasPersonInPost = async (db: Db, orgId: string) => (await findMany(db, COL.persons, PersonDoc, { orgId, left: db.command.neq(true) }, { limit: 1 })).length > 0;
/** The active orgs whose committee a person sits on (at most 50: nobody sits on more). */
export const listCommitteesOf = (db: Db, tenantId: string, personId: string) => findMany(db, COL.orgs, OrgDoc, { tenantId, committeeMemberIds: personId }, { limit: 50 });
/** True when a person sits on the committee of an active org. */
export const sitsOnACommittee = async (db: Db, personId: string) => (await findMany(db, COL.orgs, OrgDoc, { committeeMemberIds: personId, retired: db.command.neq(true) }, { limit: 1 })).length > 0;
/** Documents of a moderated collection held for human review, up to `limit`. */
export const listHeld = <T>(db: Db, collection: string, schema: Parameters<typeof findMany<T>>[2], tenantId: string | null, limit: number) =>
  findMany(db, collection, schema, { tenantId, moderation: 'HELD' }, { limit });
/** The claims made from a WeChat openid since an instant (the day's rate limit: a handful at most). */
export const listClaimsOf = (db: Db, openid: string, since: number) => findMany(db, COL.claims, ClaimDoc, { openid, createdAt: db.command.gt(since) }, { limit: 20 });
/** The latest claim made from a WeChat openid, if any. */
export const findLatestClaimOf = async (db: Db, openid: string) => (await findMany(db, COL.claims, ClaimDoc, { openid }, { limit: 1, orderBy: [['createdAt', 'desc']] }))[0] ?? null;
