/**
 * Test support for the progress actions: the seed-000 district made exactly like the domain fixture
 * (gx left, his liaison to zb1 kept), completions committed through a test-only unit of work, and
 * the domain's progressReport over the same data as the oracle.
 */
import type { Campaign, ProgressSnapshot } from '../../../miniprogram/core/contracts/campaign';
import type { Person } from '../../../miniprogram/core/contracts/org';
import type { TargetKind } from '../../../miniprogram/core/contracts/review';
import { progressReport, type ProgressReport } from '../../../miniprogram/core/domain/coverage';
import { currentCycles } from '../../../miniprogram/core/domain/cycles';
import { seed000Input } from '../../../miniprogram/core/domain/fixtures/seed000';
import { requiredReviews, type RequiredReview } from '../../../miniprogram/core/domain/required';
import { indexTree, type OrgTree } from '../../../miniprogram/core/domain/tree';
import type { Db } from '../src/frame/db';
import { commit } from '../src/repositories/commit';
import type { Write } from '../src/frame/uow';
import { completionWrites } from '../src/shared/progress-counters';
import { buildDistrict, type District, type Harness } from './harness';
import { localClock } from '../../../local/src/clock';

let seq = 0;

/** The database the function under test uses (the local cloud, once the harness has loaded it). */
export function testDb(): Db {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as { database(): Db };
  return cloud.database();
}

/** Builds seed 000 through the API as in the fixture: gx (left) keeps his liaison point zb1. */
export async function buildSeed000(h: Harness, extraMembers = 0): Promise<District> {
  const d = await buildDistrict(h, extraMembers);
  await h.ok(d.users.admin, 'liaison.assign', { leaderId: d.person.gx, orgId: d.org.zb1 });
  const gx = h.local.store.get('persons')?.docs.get(d.person.gx) as { version: number };
  await h.ok(d.users.admin, 'person.retire', { personId: d.person.gx, version: gx.version });
  return d;
}

/** The fixture's tree with the ids the API gave (the oracle's independent view of the roster). */
export function oracleTree(d: District, extraMembers = 0): OrgTree {
  const input = seed000Input();
  const o = (id: string) => d.org[id] ?? id;
  const p = (id: string) => d.person[id] ?? id;
  const branches = ['xx1', 'zb1', 'zb2', 'wsy', 'jg'];
  const extra = Array.from({ length: extraMembers }, (_, i): Person => ({ id: `x${i}`, tenantId: 't000', name: `党员${i}`, orgId: branches[i % branches.length], unitAndPost: '教师', isMember: true }));
  const tree = indexTree({
    tenant: input.tenant,
    orgs: input.orgs.map((x) => ({ ...x, id: o(x.id), parentId: x.parentId && o(x.parentId), secretaryId: x.secretaryId && p(x.secretaryId), committeeMemberIds: x.committeeMemberIds.map(p) })),
    persons: [...input.persons, ...extra].map((x: Person) => ({
      ...x,
      id: p(x.id),
      orgId: o(x.orgId),
      ...(x.flags?.mobile ? { flags: { ...x.flags, mobile: { inflowOrgId: o(x.flags.mobile.inflowOrgId) } } } : {}),
    })),
    liaisons: input.liaisons.map((l) => ({ leaderId: p(l.leaderId), orgId: o(l.orgId) })),
    assistances: [],
  });
  if (!tree.ok) throw new Error(JSON.stringify(tree.error.rows));
  return tree.value;
}

export function campaignOfDistrict(d: District): Campaign {
  return { id: d.campaignId, tenantId: 't000', name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31', reportDeadlines: ['2026-07-15', '2027-01-28'] };
}

/** The domain's required reviews for the campaign's current cycles. */
export function oracleItems(d: District, tree: OrgTree, now: number): RequiredReview[] {
  const cycles = currentCycles(campaignOfDistrict(d), now);
  if (!cycles.ok) throw new Error(cycles.error.code);
  return requiredReviews(tree, campaignOfDistrict(d), cycles.value).items;
}

interface StoredRequirement {
  key: string;
  done: boolean;
  doneAt: number | null;
  campaignId: string;
}

/** Completions as stored (requirement key → when recorded). */
export function storedCompletions(h: Harness, campaignId: string): Map<string, number> {
  const docs = (h.local.store.get('requirements')?.docs.values() ?? []) as Iterable<StoredRequirement>;
  const out = new Map<string, number>();
  for (const r of docs) if (r.campaignId === campaignId && r.done && r.doneAt !== null) out.set(r.key, r.doneAt);
  return out;
}

/** The oracle: the domain's report for `rootOrgId` computed from scratch. */
export function oracle(h: Harness, d: District, tree: OrgTree, rootOrgId: string, asOf: number, previous: ProgressSnapshot | null): ProgressReport {
  const r = progressReport({ tree, campaignId: d.campaignId, items: oracleItems(d, tree, asOf), completions: storedCompletions(h, d.campaignId), asOf, previous, rootOrgId });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

/** Records one review as completed through the test-only unit of work; returns the writes committed. */
export async function complete(d: District, reviewer: string | null, targetKind: TargetKind, target: string, now = localClock().now()): Promise<Write[]> {
  const db = testDb();
  const targetId = targetKind === 'ORG' ? d.org[target] : d.person[target];
  const writes = await completionWrites(db, { campaignId: d.campaignId, reviewerId: reviewer === null ? null : d.person[reviewer], targetKind, targetId, reviewedAt: now, reviewId: `rev-${++seq}`, now });
  await commit(db, writes, { tenantId: d.tenantId, actorOpenid: 'o-test', actorPersonId: null, action: 'test.complete', now, requestKey: `o-test:c${seq}`, reply: { ok: true, data: null } });
  return writes;
}
