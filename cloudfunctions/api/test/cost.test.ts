/**
 * Round-trip budgets: the database requests of each action (its frame case, as it succeeds) on the
 * seed-000 tenant with its 23 persons and with 2,000 more, counted by the local cloud. Every action
 * costs the same at both sizes except the listings that read whole collections page by page
 * (org.tree, roster.import), whose growth must be exactly their extra pages. The figures are kept
 * in docs/api-round-trips.json, from which scripts/api-docs.ts renders docs/api.md; both are checked
 * here (UPDATE_API_DOCS=1 rewrites them).
 */
import * as fs from 'fs';
import * as path from 'path';
import { PERMISSIONS, type ActionName } from '../../../miniprogram/core/domain/permissions';
import { renderApiDocs, TRIPS_FILE, DOCS_FILE, type TripsTable } from '../../../scripts/api-docs';
import { actions } from '../src/actions';
import type { ActionTable } from '../src/frame/router';
import { apiHarness, buildDistrict, type Harness, type District } from './harness';
import { FRAME_BOOTSTRAP, FRAME_CASES, callerOf, type FrameCase } from './frame-cases';

const h = apiHarness({ BOOTSTRAP_ADMINS: FRAME_BOOTSTRAP });
const ACTION_NAMES = Object.keys(PERMISSIONS) as ActionName[];
const SIZES = { small: 0, large: 2000 } as const;
const PAGE = 1000;
const UPDATE = process.env.UPDATE_API_DOCS === '1';

/** Frame cases that the use case refuses are replaced by one that succeeds. */
const SUCCEEDING: Partial<Record<ActionName, FrameCase>> = {
  'org.retire': {
    concerns: 'org',
    caller: 'admin',
    setup: (hh, d) => hh.ok(d.users.admin, 'org.create', { name: '待撤销党支部', kind: 'BRANCH', parentId: d.org.gw }),
    payload: ({ s }) => ({ orgId: s.id, version: s.version }),
  },
};

/** Listings whose cost grows with the tenant by whole pages, and the collections they page through. */
const PAGED: Partial<Record<ActionName, string[]>> = {
  'org.tree': ['orgs'],
  'roster.import': ['orgs', 'persons'],
};

/** Jobs that read and rewrite a whole tenant (the progress plan): batched, at most one request per BATCHED persons. */
const JOBS: Partial<Record<ActionName, true>> = { 'campaign.plan': true };
const BATCHED = 100;

const pages = (hh: Harness, collection: string) => Math.max(1, Math.ceil((hh.local.store.get(collection)?.docs.size ?? 0) / PAGE));

interface Measure {
  total: number;
  reads: number;
  writes: number;
  pages: Record<string, number>;
}

/**
 * Each size's district is built through the api once, and its database folder kept: every case starts
 * from a fresh copy of it (a case's writes never reach the next), instead of rebuilding it per case.
 */
const built = new Map<number, { d: District; dir: string }>();
async function districtOf(extra: number): Promise<District> {
  const database = path.join(h.local.dataDir, 'database');
  const kept = built.get(extra);
  if (kept) {
    h.local.store.close();
    fs.rmSync(database, { recursive: true, force: true });
    fs.cpSync(kept.dir, database, { recursive: true });
    h.local.restart();
    return kept.d;
  }
  h.local.reset();
  const d = await buildDistrict(h, extra);
  // Compacted, so that reopening the copy reads one snapshot rather than replaying every write of the build.
  h.local.store.compact();
  h.local.restart();
  const dir = path.join(h.local.dataDir, `district-${extra}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(database, dir, { recursive: true });
  built.set(extra, { d, dir });
  return d;
}

async function measure(action: ActionName, extra: number): Promise<Measure> {
  const d = await districtOf(extra);
  const c = SUCCEEDING[action] ?? FRAME_CASES[action];
  const s = c.setup ? await c.setup(h, d) : undefined;
  const payload = await c.payload({ h, d, s });
  const listed = Object.fromEntries((PAGED[action] ?? []).map((col) => [col, pages(h, col)]));
  const { reply, counts } = await h.trips(callerOf(c, d), action, payload);
  expect({ action, extra, reply }).toEqual({ action, extra, reply: expect.objectContaining({ ok: true }) });
  // The reply is what the action's output contract (and so docs/api.md) says it is.
  const output = (actions as ActionTable)[action].output;
  if (output && reply.ok) expect({ action, issues: output.safeParse(reply.data).error?.issues ?? [] }).toEqual({ action, issues: [] });
  const reads = (counts.byAction.getDocument ?? 0) + (counts.byAction.calculateDocument ?? 0) + (counts.byAction.aggregateDocuments ?? 0);
  return { total: counts.total, reads, writes: counts.total - reads, pages: listed };
}

const measured: TripsTable = {};

describe('round trips per action at two tenant sizes', () => {
  it.each(ACTION_NAMES)('when %s runs on 23 and on 2,023 persons, then its round trips do not grow (listings: by whole pages only)', async (action) => {
    // Arrange + Act
    const small = await measure(action, SIZES.small);
    const large = await measure(action, SIZES.large);

    // Assert
    const paged = PAGED[action];
    if (JOBS[action]) {
      expect(large.total).toBeGreaterThanOrEqual(small.total);
      expect(large.total - small.total).toBeLessThanOrEqual(SIZES.large / BATCHED);
    } else if (!paged) expect({ action, large: large.total }).toEqual({ action, large: small.total });
    else {
      const extraPages = paged.reduce((n, col) => n + large.pages[col] - small.pages[col], 0);
      expect({ action, growth: large.total - small.total }).toEqual({ action, growth: extraPages });
    }
    measured[action] = { small: small.total, large: large.total, reads: small.reads, writes: small.writes, paged: paged ?? (JOBS[action] ? ['persons (job, batched)'] : null) };
  }, 30_000);

  it('when the figures are printed and compared with docs/api-round-trips.json, then they match', () => {
    const rows = ACTION_NAMES.map((a) => ({ action: a, ...measured[a] }));
    // The one table this test prints: round trips per action (small tenant / large tenant).
    console.log(['action | 23 persons | 2,023 persons | reads | writes+tx', ...rows.map((r) => `${r.action} | ${r.small} | ${r.large} | ${r.reads} | ${r.writes}`)].join('\n'));
    if (UPDATE) fs.writeFileSync(TRIPS_FILE, `${JSON.stringify(measured, null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(TRIPS_FILE, 'utf8'))).toEqual(measured);
  });

  it('when docs/api.md is regenerated from the contracts, PERMISSIONS and the round trips, then it is what is committed', () => {
    const text = renderApiDocs();
    if (UPDATE) fs.writeFileSync(DOCS_FILE, text);
    expect(fs.readFileSync(DOCS_FILE, 'utf8')).toBe(text);
    expect(path.basename(DOCS_FILE)).toBe('api.md');
  });
});
