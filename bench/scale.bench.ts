/**
 * Benchmark at national size (issue 26): 2,000, 60,000 and 200,000 members on the local cloud, printing per
 * size the database requests, the function's own time, the projected cloud time (own time + 20 ms a request)
 * and the peak heap of: the full plan, its largest slice, an incremental change (person.move → the timer's
 * re-plan), `home`, `progress.get`, and the naive progress table beside the counters.
 *
 * The tenant is built once per size and kept: the roster is written through the store in bulk (the same
 * documents `roster.import` writes; at 2,000 the plan counts the same requirements, units and counters as
 * `npm run bench:progress`'s import-built tenant of the same seed: 2,256, 2,142 and 87), the built store is
 * snapshot to BENCH_SNAPSHOTS (default /dev/shm) and copied back on later runs.
 *
 * Other measurements join the same table through MEASUREMENTS (one function per measurement).
 * Not a test: figures only. `npm run bench:scale` (BENCH_SIZES=2000,60000 while developing).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { installLocalCloud, type LocalCloud } from '../local/src/install';
import { dbBusy, processCpuMs, requestCounter } from '../local/src/db/counter';
import { DEFAULT_APPID, DEFAULT_SEC_WORDS, runAsCaller, setSecWords } from '../local/src/services';
import { generateTenant } from '../miniprogram/core/domain/fixtures/generate';
import type { TreeInput } from '../miniprogram/core/contracts/org';
import type { Reply } from '../miniprogram/core/contracts/envelope';
import type { Db } from '../cloudfunctions/api/src/frame/db';
import type { CampaignDoc } from '../cloudfunctions/api/src/repositories/docs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SIZES = (process.env.BENCH_SIZES ?? '2000,60000,200000').split(',').map(Number);
const SNAPSHOTS = process.env.BENCH_SNAPSHOTS ?? path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'lingdao-scale-snapshots');
/** Bumped when the built tenant's shape changes, so an old snapshot is not reused. */
const SNAPSHOT_VERSION = 1;
const ADMIN = 'o-scale-admin';
const SECRETARY = 'o-scale-secretary';
/** A round trip on the real cloud, for the projected times. */
export const TRIP_MS = 20;

type Main = (event: unknown) => Promise<Reply<unknown>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

/** One row of the table: one invocation (or a sum of them, said in `what`). */
export interface ScaleRow {
  members: number;
  what: string;
  trips: number;
  /**
   * The function's own time: the process's CPU time less the CPU time spent while a database request was in
   * flight (the emulator's). CPU, not wall time: on this machine shared with 7 others the wall time grows with the load.
   */
  functionS: number;
  /** The same from wall time (wall less the time a request was in flight): inflated by the machine's load. */
  functionWallS: number;
  /** Projected cloud time: functionS + 20 ms a request. */
  cloudS: number;
  /** Highest heap used during the call above the heap before it (after a full GC), in MB. */
  peakHeapMB: number;
  note?: string;
}

/** What a measurement gets: the built tenant of one size and a way to call the api as anyone. */
export interface SizeContext {
  members: number;
  local: LocalCloud;
  db: Db;
  tenantId: string;
  campaignId: string;
  rootOrgId: string;
  call: (openid: string, action: string, payload: unknown) => Promise<Data>;
  admin: string;
  secretary: string;
  campaignDoc: () => Promise<CampaignDoc>;
  /** Set by the full plan: false when it did not finish within BENCH_PLAN_WALL_S (the later measurements need a plan). */
  planned: boolean;
}

const skipped = (ctx: SizeContext, what: string): ScaleRow[] => [{ members: ctx.members, what, trips: 0, functionS: 0, functionWallS: 0, cloudS: 0, peakHeapMB: 0, note: 'not measured: the full plan did not finish within the bench time limit' }];

/** One call of `fn` measured: requests, own time, projected cloud time, peak heap above the GC'd baseline. */
export async function measureOnce<T>(fn: () => Promise<T>): Promise<{ value: T; trips: number; wallMs: number; fnMs: number; fnWallMs: number; cloudMs: number; peakHeapMB: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  requestCounter.reset();
  const own = ownClock();
  const t0 = performance.now();
  try {
    const value = await fn();
    const wallMs = performance.now() - t0;
    const fnMs = own.cpu();
    const fnWallMs = own.wall();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const trips = requestCounter.snapshot().total;
    return { value, trips, wallMs, fnMs, fnWallMs, cloudMs: fnMs + trips * TRIP_MS, peakHeapMB: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

/** The function's own time from now on: CPU (and wall) time less the emulator's, i.e. less the time a request was in flight. */
export function ownClock(): { cpu: () => number; wall: () => number } {
  const c0 = processCpuMs();
  const bc0 = dbBusy.cpuMs();
  const t0 = performance.now();
  const b0 = dbBusy.ms();
  return { cpu: () => processCpuMs() - c0 - (dbBusy.cpuMs() - bc0), wall: () => performance.now() - t0 - (dbBusy.ms() - b0) };
}

const s = (ms: number) => Number((ms / 1000).toFixed(2));
const mb = (x: number) => Number(x.toFixed(0));

/** The full plan, slice by slice as the timer and campaign.plan run it; the sum and the largest slice. */
async function fullPlan(ctx: SizeContext): Promise<ScaleRow[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planSlice } = require('../cloudfunctions/api/src/plan/plan') as typeof import('../cloudfunctions/api/src/plan/plan');
  const doc = await ctx.campaignDoc();
  const slices: Array<Awaited<ReturnType<typeof measureOnce>>> = [];
  let result: Data = null;
  const wallLimitMs = Number(process.env.BENCH_PLAN_WALL_S ?? 600) * 1000;
  const started = performance.now();
  for (;;) {
    // The slice's own clock: the emulator's time is not the function's (on the platform it is the 20 ms a request).
    const own = ownClock();
    const m = await measureOnce(() => planSlice(ctx.db, doc, ctx.local.clock.now(), { ownMs: own.cpu }));
    slices.push(m);
    process.stderr.write(`  slice ${slices.length}: ${m.value.state} ${m.value.percent}%, ${m.trips} requests, function ${s(m.fnMs)} s (wall ${s(m.fnWallMs)} s), cloud ${s(m.cloudMs)} s, heap +${mb(m.peakHeapMB)} MB\n`);
    if (m.value.state === 'BUSY') throw new Error('plan job busy');
    result = m.value.result;
    if (m.value.state === 'DONE') break;
    if (performance.now() - started > wallLimitMs) {
      result = null;
      break;
    }
  }
  ctx.planned = result !== null;
  const largest = slices.reduce((a, b) => (b.cloudMs > a.cloudMs ? b : a));
  const sum = (f: (x: (typeof slices)[number]) => number) => slices.reduce((a, x) => a + f(x), 0);
  const done = result !== null;
  return [
    {
      members: ctx.members,
      what: `full plan (${slices.length} slice${slices.length > 1 ? 's' : ''}${done ? '' : ', NOT FINISHED in the bench time limit'})`,
      trips: sum((x) => x.trips),
      functionS: s(sum((x) => x.fnMs)),
      functionWallS: s(sum((x) => x.fnWallMs)),
      cloudS: s(sum((x) => x.cloudMs)),
      peakHeapMB: mb(Math.max(...slices.map((x) => x.peakHeapMB))),
      note: done ? `${result.requirements} requirements, ${result.units} units, ${result.orgs} counters` : undefined,
    },
    { members: ctx.members, what: 'largest plan slice', trips: largest.trips, functionS: s(largest.fnMs), functionWallS: s(largest.fnWallMs), cloudS: s(largest.cloudMs), peakHeapMB: mb(largest.peakHeapMB) },
  ];
}

/** A member moves to another branch; the remind timer's next firing re-plans what it touched. */
async function incremental(ctx: SizeContext): Promise<ScaleRow[]> {
  if (!ctx.planned) return skipped(ctx, 'person.move → timer re-plan');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { replanDirty } = require('../cloudfunctions/remind/src/replan') as typeof import('../cloudfunctions/remind/src/replan');
  const persons = ctx.local.store.get('persons')!.docs;
  const orgs = ctx.local.store.get('orgs')!.docs;
  const mover = [...persons.values()].map((x) => x as Data).find((x) => x.isMember && !x.left && x.secretaryOf.length === 0 && x.liaisonOf.length === 0 && !x.flags?.mobile)!;
  const target = [...orgs.values()].map((x) => x as Data).find((o) => o.kind === 'BRANCH' && o._id !== mover.orgId)!;
  ctx.local.clock.advance?.('1m');
  await ctx.call(ctx.admin, 'person.move', { personId: mover._id, version: mover.version, orgId: target._id });
  ctx.local.clock.advance?.('1m');
  const doc = await ctx.campaignDoc();
  const m = await measureOnce(() => replanDirty(ctx.db, [doc], ctx.local.clock.now(), () => false));
  const mode = m.value[0]?.mode ?? 'nothing';
  return [{ members: ctx.members, what: `person.move → timer re-plan (${mode})`, trips: m.trips, functionS: s(m.fnMs), functionWallS: s(m.fnWallMs), cloudS: s(m.cloudMs), peakHeapMB: mb(m.peakHeapMB) }];
}

/** The median of 5 calls after a warm-up (these are small; one call says little). */
async function median(fn: () => Promise<unknown>) {
  await fn();
  const runs: Array<Awaited<ReturnType<typeof measureOnce>>> = [];
  for (let i = 0; i < 5; i++) runs.push(await measureOnce(fn));
  runs.sort((a, b) => a.cloudMs - b.cloudMs);
  return runs[2];
}

/** The secretary's home screen, and progress.get of the root (counters) beside the naive table of every requirement. */
async function readers(ctx: SizeContext): Promise<ScaleRow[]> {
  if (!ctx.planned) return skipped(ctx, 'home, progress.get, naive progress table');
  const home = await median(() => ctx.call(ctx.secretary, 'home', {}));
  const counters = await median(() => ctx.call(ctx.admin, 'progress.get', { campaignId: ctx.campaignId, orgId: ctx.rootOrgId }));
  const naive = await measureOnce(() => naiveTable(ctx.db, ctx.campaignId, ctx.rootOrgId));
  const ratio = naive.cloudMs / counters.cloudMs;
  return [
    { members: ctx.members, what: 'home (a branch secretary)', trips: home.trips, functionS: s(home.fnMs), functionWallS: s(home.fnWallMs), cloudS: s(home.cloudMs), peakHeapMB: mb(home.peakHeapMB) },
    { members: ctx.members, what: 'progress.get root (counters)', trips: counters.trips, functionS: s(counters.fnMs), functionWallS: s(counters.fnWallMs), cloudS: s(counters.cloudMs), peakHeapMB: mb(counters.peakHeapMB) },
    {
      members: ctx.members,
      what: 'naive progress table (every requirement)',
      trips: naive.trips,
      functionS: s(naive.fnMs),
      functionWallS: s(naive.fnWallMs),
      cloudS: s(naive.cloudMs),
      peakHeapMB: mb(naive.peakHeapMB),
      note: `${naive.value} requirements read; ${ratio.toFixed(0)}× the counters' projected cloud time`,
    },
  ];
}

/**
 * The progress table the obvious way: every requirement of the org's subtree, read page by page, then
 * required and done counted per row org. Its cost grows with the subtree; the counters' does not.
 */
async function naiveTable(db: Db, campaignId: string, rootOrgId: string): Promise<number> {
  const rowsByOrg = new Map<string, { required: number; done: number }>();
  let requirements = 0;
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { campaignId, orgPath: rootOrgId };
    if (after !== null) where._id = db.command.gt(after);
    const page = (await db.collection('requirements').where(where).orderBy('_id', 'asc').limit(1000).get()) as unknown as { data: Array<{ _id: string; orgPath: string[]; done: boolean }> };
    for (const r of page.data) {
      for (const org of r.orgPath) {
        const row = rowsByOrg.get(org) ?? { required: 0, done: 0 };
        row.required += 1;
        if (r.done) row.done += 1;
        rowsByOrg.set(org, row);
      }
    }
    requirements += page.data.length;
    if (page.data.length < 1000) break;
    after = page.data[page.data.length - 1]._id;
  }
  return requirements;
}

/** The measurements, in table order: another measurement (a reminder day, a batch action) is one more function here. */
export const MEASUREMENTS: Array<(ctx: SizeContext) => Promise<ScaleRow[]>> = [fullPlan, incremental, readers];

let seq = 0;
// Request ids unique to this run: a snapshot holds the request records of the run that built it.
const RUN = `${process.pid}-${Date.now()}`;
function caller(main: Main) {
  return async (openid: string, action: string, payload: unknown): Promise<Data> => {
    const reply = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `s${RUN}-${++seq}` }, () => main({ action, payload, requestId: `scale-req-${RUN}-${++seq}` }));
    if (!reply.ok) throw new Error(`${action}: ${JSON.stringify(reply.error).slice(0, 500)}`);
    return reply.data;
  };
}

/**
 * The roster's documents as roster.import writes them (handlers/roster.ts: same fields, paths, posts on both
 * sides), for a tenant the generator made; ids are the generator's, prefixed by the tenant.
 */
export function rosterDocs(input: TreeInput, tenantId: string): { orgs: Array<Record<string, unknown>>; persons: Array<Record<string, unknown>> } {
  const id = (x: string) => `${tenantId}-${x}`;
  const byId = new Map(input.orgs.map((o) => [o.id, o]));
  const pathOf = new Map<string, string[]>();
  const pathTo = (orgId: string): string[] => {
    const known = pathOf.get(orgId);
    if (known) return known;
    const parent = byId.get(orgId)!.parentId;
    const p = parent === null ? [] : [...pathTo(parent), id(parent)];
    pathOf.set(orgId, p);
    return p;
  };
  const persons = input.persons.filter((p) => !p.left);
  const personIds = new Set(persons.map((p) => p.id));
  const secretaryOf = new Map<string, string[]>();
  const liaisonOf = new Map<string, string[]>();
  const orgs = input.orgs.map((o) => {
    const secretaryId = o.secretaryId !== null && personIds.has(o.secretaryId) ? o.secretaryId : null;
    if (secretaryId) secretaryOf.set(secretaryId, [...(secretaryOf.get(secretaryId) ?? []), id(o.id)]);
    return {
      _id: id(o.id),
      version: 1,
      tenantId,
      name: o.name,
      kind: o.kind,
      parentId: o.parentId === null ? null : id(o.parentId),
      secretaryId: secretaryId === null ? null : id(secretaryId),
      committeeMemberIds: o.committeeMemberIds.filter((m) => personIds.has(m)).map(id),
      retired: false,
      opengid: null,
      path: pathTo(o.id),
    };
  });
  for (const l of input.liaisons) if (personIds.has(l.leaderId)) liaisonOf.set(l.leaderId, [...(liaisonOf.get(l.leaderId) ?? []), id(l.orgId)]);
  return {
    orgs,
    persons: persons.map((p) => ({
      _id: id(p.id),
      version: 1,
      tenantId,
      name: p.name,
      orgId: id(p.orgId),
      isMember: p.isMember ?? true,
      flags: JSON.parse(JSON.stringify({ mobile: p.flags?.mobile ? { inflowOrgId: id(p.flags.mobile.inflowOrgId) } : undefined, intern: p.flags?.intern, elderly: p.flags?.elderly })),
      left: false,
      openid: null,
      admin: false,
      secretaryOf: secretaryOf.get(p.id) ?? [],
      liaisonOf: liaisonOf.get(p.id) ?? [],
      history: [],
    })),
  };
}

/** Builds one size's tenant in a fresh store: bootstrap and campaign through the api, the roster in bulk through the store. */
async function buildTenant(local: LocalCloud, call: ReturnType<typeof caller>, members: number): Promise<{ tenantId: string; campaignId: string; rootOrgId: string; ms: number }> {
  const t0 = performance.now();
  const tenantId = `scale${members}`;
  const input = generateTenant({ members, seed: members, topReviewer: true });
  await call(ADMIN, 'tenant.bootstrap', { tenantId, name: input.tenant.name });
  const { orgs, persons } = rosterDocs(input, tenantId);
  const insert = (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 10000) local.store.commit(docs.slice(i, i + 10000).map((doc) => ({ kind: 'insert' as const, collection, doc: doc as Data })));
  };
  insert('orgs', orgs);
  insert('persons', persons);
  // A branch secretary bound to the app, for home.
  const branch = orgs.find((o) => o.kind === 'BRANCH' && o.secretaryId !== null)!;
  insert('users', [{ _id: SECRETARY, tenantId, personId: branch.secretaryId, admin: false, boundAt: local.clock.now() }]);
  const tenant = await call(ADMIN, 'tenant.get', {});
  await call(ADMIN, 'tenant.update', { version: tenant.version, topReviewer: { name: '上级领导' } });
  const campaign = await call(ADMIN, 'campaign.create', { name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' });
  const rootOrgId = orgs.find((o) => o.parentId === null)!._id as string;
  return { tenantId, campaignId: campaign.id, rootOrgId, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  process.env.LOCAL_CLOUD_COMPACT_BYTES ??= String(64 * 1024 ** 3);
  process.env.BOOTSTRAP_ADMINS = SIZES.map((n) => `scale${n}=${ADMIN}`).join(',');
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const rows: ScaleRow[] = [];
  const loads: Array<{ members: number; loadBefore: number[]; loadAfter: number[]; buildS: number; fromSnapshot: boolean }> = [];
  setSecWords(DEFAULT_SEC_WORDS);
  for (const members of SIZES) {
    const dataDir = fs.mkdtempSync(path.join(base, 'bench-scale-'));
    const snap = path.join(SNAPSHOTS, `v${SNAPSHOT_VERSION}-${members}`);
    const fromSnapshot = fs.existsSync(path.join(snap, 'meta.json'));
    if (fromSnapshot) fs.cpSync(path.join(snap, 'database'), path.join(dataDir, 'database'), { recursive: true });
    const local = installLocalCloud({ dataDir, store: { sync: false } });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main: apiMain } = require('../cloudfunctions/api/src/index') as { main: Main };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const db = (require('wx-server-sdk') as { database(): Db }).database();
    const call = caller(apiMain);
    const loadBefore = os.loadavg();
    let meta: { tenantId: string; campaignId: string; rootOrgId: string; ms: number; now: number };
    if (fromSnapshot) {
      meta = JSON.parse(fs.readFileSync(path.join(snap, 'meta.json'), 'utf8'));
      local.clock.set(meta.now);
    } else {
      local.clock.set('2026-11-21T10:00+08:00');
      meta = { ...(await buildTenant(local, call, members)), now: local.clock.now() };
      local.store.compact();
      fs.rmSync(snap, { recursive: true, force: true });
      fs.mkdirSync(snap, { recursive: true });
      fs.cpSync(path.join(dataDir, 'database'), path.join(snap, 'database'), { recursive: true });
      fs.writeFileSync(path.join(snap, 'meta.json'), JSON.stringify(meta));
    }
    console.log(`\n${members.toLocaleString('en')} members: tenant ${fromSnapshot ? 'copied from the snapshot' : `built in ${(meta.ms / 1000).toFixed(1)} s and snapshot`} (${snap}); load average ${loadBefore.map((x) => x.toFixed(1)).join(' ')}`);
    const ctx: SizeContext = {
      members,
      local,
      db,
      tenantId: meta.tenantId,
      campaignId: meta.campaignId,
      rootOrgId: meta.rootOrgId,
      call,
      admin: ADMIN,
      secretary: SECRETARY,
      planned: false,
      campaignDoc: async () => ((await db.collection('campaigns').doc(meta.campaignId).get()) as unknown as { data: CampaignDoc }).data,
    };
    try {
      // BENCH_BUILD_ONLY: make the snapshots now, measure in a later run.
      for (const measurement of process.env.BENCH_BUILD_ONLY ? [] : MEASUREMENTS) {
        const got = await measurement(ctx);
        for (const r of got) console.log(`  ${r.what}: ${r.trips} requests, function ${r.functionS} s (wall ${r.functionWallS} s), cloud ${r.cloudS} s, peak heap +${r.peakHeapMB} MB${r.note ? ` — ${r.note}` : ''}`);
        rows.push(...got);
      }
    } finally {
      loads.push({ members, loadBefore, loadAfter: os.loadavg(), buildS: s(meta.ms), fromSnapshot });
      local.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log('');
  console.table(rows.map((r) => ({ members: r.members, what: r.what, trips: r.trips, 'function CPU s': r.functionS, 'function wall s': r.functionWallS, 'cloud s (function + 20 ms/trip)': r.cloudS, 'peak heap MB': r.peakHeapMB })));
  console.table(loads.map((l) => ({ members: l.members, 'load avg before (1/5/15 min)': l.loadBefore.map((x) => x.toFixed(1)).join(' '), 'load avg after': l.loadAfter.map((x) => x.toFixed(1)).join(' '), 'tenant build s': l.buildS, 'from snapshot': l.fromSnapshot })));
  if (process.env.BENCH_BUILD_ONLY) return;
  const file = path.join(__dirname, 'results', `scale-${SIZES.join('-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ note: 'npm run bench:scale on a shared 2-core machine (load averages beside the figures); function s = the process\'s CPU time less the emulator\'s (function wall s: wall time less the emulator\'s, inflated by the load); cloud s = function s + 20 ms a request; peak heap = above the heap before the call, after a full GC', cpus: os.cpus().length, loads, rows }, null, 2)}\n`);
  console.log(`figures written to ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
