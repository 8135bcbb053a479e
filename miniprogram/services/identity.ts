/**
 * Who this phone's user is, kept from the last `me` reply: the tenant, person, branch and active campaign
 * that some screens need as the input of their one call. `me` refreshes it (我的, joining); a screen
 * only calls `me` itself when nothing is kept yet (the first start after joining on another page).
 */
import { call, type ActionOutput, type ApiResult } from './api';
import type { OrgKind } from '../core/contracts/org';

/** Storage key of the kept identity. */
export const IDENTITY_KEY = 'identity';

/** What screens need to know about the user. */
export interface Identity {
  personId: string;
  personName: string;
  orgId: string;
  orgName: string;
  /** The newest campaign of the tenant (members take part in one at a time). */
  campaignId: string;
  secretaryOf: string[];
  /** The orgs the user leads (secretary or liaison leader), with their kind: headers and defaults of 发起点评. */
  leads?: Array<{ id: string; name: string; kind: OrgKind }>;
}

type Me = ActionOutput<'me'>;

/** Keeps the identity from a `me` reply (or forgets it when unbound); returns it. */
export function keepIdentity(me: Me): Identity | null {
  if (!me.bound || !me.person || !me.org) {
    wx.removeStorageSync(IDENTITY_KEY);
    return null;
  }
  const campaigns = [...me.campaigns].sort((a, b) => b.start.localeCompare(a.start));
  const identity: Identity = {
    personId: me.person.id,
    personName: me.person.name,
    orgId: me.org.id,
    orgName: me.org.name,
    campaignId: campaigns[0]?.id ?? '',
    secretaryOf: me.roles.secretaryOf.map((o) => o.id),
    leads: [...me.roles.secretaryOf, ...me.roles.liaisonOf],
  };
  wx.setStorageSync(IDENTITY_KEY, identity);
  return identity;
}

/** The kept identity, or null. */
export function keptIdentity(): Identity | null {
  const kept = wx.getStorageSync(IDENTITY_KEY) as Identity | '';
  return kept && typeof kept === 'object' && kept.personId ? kept : null;
}

/**
 * The identity, calling `me` only when none is kept — or when it was kept by an older version without the
 * orgs the user leads (发起点评 would otherwise title a liaison point 「本组织」 and miss its duty).
 */
export async function identity(): Promise<ApiResult<Identity | null>> {
  const kept = keptIdentity();
  if (kept && kept.leads) return { ok: true, data: kept };
  const reply = await call('me', {});
  return reply.ok ? { ok: true, data: keepIdentity(reply.data) } : reply;
}

/**
 * The org and campaign a leader's screen is about: those in its link, else the org the user leads (or
 * belongs to) and their newest campaign. Calls `me` only when the link lacks one and nothing is kept.
 */
export async function unitOf(query: { orgId?: string; campaignId?: string }): Promise<{ orgId: string; campaignId: string }> {
  if (query.orgId && query.campaignId) return { orgId: query.orgId, campaignId: query.campaignId };
  const me = await identity();
  const mine = me.ok ? me.data : null;
  return { orgId: query.orgId || (mine ? mine.secretaryOf[0] || mine.orgId : ''), campaignId: query.campaignId || (mine ? mine.campaignId : '') };
}
