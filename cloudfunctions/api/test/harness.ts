/**
 * Test harness for the `api` function: a fresh local cloud per test file, `main(event)` called
 * through the real wx-server-sdk as a named openid, and a seed-000-shaped tenant built through
 * the API itself (bootstrap → roster import → invitations → claims → approvals).
 */
import { useLocalCloud, keepDatabase, requestCounter, restoreDatabase, type Clock, type CounterSnapshot } from '../../../local/src/testing';
import { DEFAULT_APPID, runAsCaller, setSecWords, DEFAULT_SEC_WORDS } from '../../../local/src/services';
import { seed000Input } from '../../../miniprogram/core/domain/fixtures/seed000';
import { rosterRowsOf } from '../../../miniprogram/core/domain/fixtures/roster-rows';
import type { Reply } from '../../../miniprogram/core/contracts/envelope';

export type Main = (event: unknown) => Promise<Reply<unknown>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = any;

/** The instant every api test starts at unless it says otherwise: the fixtures' campaign is mid-way then. */
export const FIXTURE_NOW = '2026-11-21T10:00+08:00';

export interface Harness {
  local: ReturnType<typeof useLocalCloud>;
  /** The local cloud's clock, which the function reads: set and advance it, never the machine's. */
  clock: Clock;
  /** Calls an action as `openid`; mutating calls get a fresh requestId unless one is given. */
  call(openid: string, action: string, payload?: unknown, requestId?: string | null): Promise<Reply<Data>>;
  /** Calls and expects success; returns data or throws with the error. */
  ok(openid: string, action: string, payload?: unknown): Promise<Data>;
  /** Sends a whole event (envelope fields beside action and payload, e.g. the top-level CloudID `g`). */
  send(openid: string, event: Record<string, unknown>): Promise<Reply<Data>>;
  /** Round trips of one call, by action and collection. */
  trips(openid: string, action: string, payload?: unknown): Promise<{ reply: Reply<Data>; counts: CounterSnapshot }>;
}

let seq = 0;

/** Installs the local cloud for this test file and loads the function against it. */
export function apiHarness(env: Record<string, string> = {}, { now = FIXTURE_NOW }: { now?: string | number } = {}): Harness {
  const local = useLocalCloud({ now });
  Object.assign(process.env, { BOOTSTRAP_ADMINS: 't000=o-admin,t003=o-admin3,tother=o-other-admin', ...env });
  setSecWords(DEFAULT_SEC_WORDS);
  // Required after the local cloud is installed, exactly as the platform loads the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require('../src/index') as { main: Main };
  const send = (openid: string, event: Record<string, unknown>) =>
    runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `t${++seq}` }, () => main(event));
  // A payload's `group` travels as the top-level `g`, as services/api.ts sends it (the only field WeChat resolves).
  const lifted = (payload: unknown) => {
    if (!payload || typeof payload !== 'object' || !('group' in payload)) return { payload };
    const { group, ...rest } = payload as Record<string, unknown>;
    return { payload: rest, g: group };
  };
  const call = (openid: string, action: string, payload: unknown = {}, requestId?: string | null) =>
    send(openid, { action, ...lifted(payload), ...(requestId === null ? {} : { requestId: requestId ?? `req-${process.pid.toString(36)}-${++seq}` }) });
  const ok = async (openid: string, action: string, payload: unknown = {}) => {
    const reply = await call(openid, action, payload);
    if (!reply.ok) throw new Error(`${action} as ${openid} failed: ${JSON.stringify(reply.error)}`);
    return reply.data;
  };
  const trips = async (openid: string, action: string, payload: unknown = {}) => {
    requestCounter.reset();
    const reply = await call(openid, action, payload);
    return { reply, counts: requestCounter.snapshot() };
  };
  return { local, clock: local.clock, call, send, ok, trips };
}

/** Named users of the seed-000 tenant: openid by role, and the person ids behind them. */
export interface District {
  tenantId: string;
  /** Fixture key (gw, xx1, …) → org id. */
  org: Record<string, string>;
  /** Fixture key (g1, s1, …) → person id. */
  person: Record<string, string>;
  campaignId: string;
  users: {
    admin: string; // bootstrap admin, not on the roster
    committeeSecretary: string; // g1 周建国, secretary of the 工委
    committeeMember: string; // g2 陈立, 工委 committee, liaison leader of wsy and zx
    branchSecretary: string; // s1 吴敏, secretary of 实验小学党支部
    member: string; // s3 李娜, member of 实验小学党支部
    otherBranchMember: string; // w3 罗德福, member of 卫生院党支部
    generalBranchSecretary: string; // z1 黄海, secretary of the 党总支
    otherTenantAdmin: string; // admin of another tenant
    stranger: string; // never bound
  };
}

/** Keys of the seed-000 persons bound to openids, and their openids. */
const BOUND: Array<[key: string, openid: string]> = [
  ['g1', 'o-g1'],
  ['g2', 'o-g2'],
  ['s1', 'o-s1'],
  ['s3', 'o-s3'],
  ['w3', 'o-w3'],
  ['z1', 'o-z1'],
];

/** Roster import rows for seed 000 (the domain fixture, as an admin would import it). */
export function seed000Rows(extraMembers = 0): { orgs: unknown[]; persons: unknown[] } {
  const rows = rosterRowsOf(seed000Input());
  // Bulk members spread over the branches, for cost tests at larger sizes.
  const branches = ['xx1', 'zb1', 'zb2', 'wsy', 'jg'];
  for (let i = 0; i < extraMembers; i++) rows.persons.push({ name: `党员${i}`, org: branches[i % branches.length], unitAndPost: '教师', isMember: true, secretaryOf: [], committeeOf: [], liaisonOrgs: [] });
  return rows;
}

/** Builds the seed-000 tenant through the API and binds the named users. */
export async function buildDistrict(h: Harness, extraMembers = 0): Promise<District> {
  const admin = 'o-admin';
  await h.ok(admin, 'tenant.bootstrap', { tenantId: 't000', name: '常州市新北区社会事业局' });
  const rows = seed000Rows(extraMembers);
  const imported = await h.ok(admin, 'roster.import', rows);
  const input = seed000Input();
  const org: Record<string, string> = imported.orgIds;
  const person: Record<string, string> = {};
  input.persons.forEach((p, i) => (person[p.id] = imported.personIds[i]));
  const tenant = await h.ok(admin, 'tenant.get', {});
  await h.ok(admin, 'tenant.update', { version: tenant.version, topReviewer: input.tenant.topReviewer });

  for (const [key, openid] of BOUND) {
    const orgId = org[input.persons.find((p) => p.id === key)!.orgId];
    const invitation = await h.ok(admin, 'invitation.create', { orgId });
    const claim = await h.ok(openid, 'claim.submit', { invitationId: invitation.invitationId, personId: person[key] });
    await h.ok(admin, 'claim.decide', { claimId: claim.claimId, approve: true });
  }
  const campaign = await h.ok(admin, 'campaign.create', { name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31', reportDeadlines: ['2026-07-15', '2027-01-28'] });

  await h.ok('o-other-admin', 'tenant.bootstrap', { tenantId: 'tother', name: '另一单位' });
  return {
    tenantId: 't000',
    org,
    person,
    campaignId: campaign.id,
    users: {
      admin,
      committeeSecretary: 'o-g1',
      committeeMember: 'o-g2',
      branchSecretary: 'o-s1',
      member: 'o-s3',
      otherBranchMember: 'o-w3',
      generalBranchSecretary: 'o-z1',
      otherTenantAdmin: 'o-other-admin',
      stranger: 'o-stranger',
    },
  };
}

/** How far the clock may be from where a kept state was built for that copy to stand in for a new build. */
const KEEP_WITHIN_MS = 60_000;
const kept = new Map<string, { dir: string; value: unknown; from: number; to: number }>();

/**
 * The state `build` makes on an empty database, for one test: built through the api on the first call of a file
 * (and again when the clock has moved elsewhere), afterwards put back from a copy of the database it left, which
 * is what `h.local.reset()` then the same calls would leave, without their hundreds of round trips.
 */
export async function freshState<T>(h: Harness, name: string, build: () => Promise<T>): Promise<T> {
  const at = h.clock.now();
  const known = kept.get(name);
  if (known && Math.abs(at - known.from) <= KEEP_WITHIN_MS) {
    restoreDatabase(h.local, known.dir);
    // Building would have taken the clock past the build's last write: so does the copy.
    if (h.clock.now() < known.to) h.clock.advance(known.to - h.clock.now());
    return structuredClone(known.value) as T;
  }
  h.local.reset();
  const value = await build();
  const to = h.clock.now();
  kept.set(name, { dir: keepDatabase(h.local, `${name}-${kept.size}`), value: structuredClone(value), from: at, to });
  return value;
}

/** A fresh seed-000 district for one test (buildDistrict on an empty database), built once per file and size (freshState). */
export function freshDistrict(h: Harness, extraMembers = 0): Promise<District> {
  return freshState(h, `district-${extraMembers}`, () => buildDistrict(h, extraMembers));
}
