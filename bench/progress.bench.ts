/**
 * Benchmark of the progress machinery in the local cloud (issue 5: "the progress call's time at
 * 2,000 and 60,000 members"). For each size: a generated tenant built through the API (roster import
 * in chunks), `campaign.plan`, then progress.get (root and a branch committee), progress.gaps and
 * completionWrites + commit: database round trips, wall time (median of RUNS) and heap.
 * Not a test: figures only. `npm run bench:progress`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { installLocalCloud } from '../local/src/install';
import { dbBusy, requestCounter } from '../local/src/db/counter';
import { DEFAULT_APPID, DEFAULT_SEC_WORDS, runAsCaller, setSecWords } from '../local/src/services';
import { generateTenant } from '../miniprogram/core/domain/fixtures/generate';
import type { TreeInput } from '../miniprogram/core/contracts/org';
import type { Reply } from '../miniprogram/core/contracts/envelope';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SIZES = (process.env.BENCH_SIZES ?? '2000,20000,60000').split(',').map(Number);
const RUNS = 7;
const ADMIN = 'o-bench-admin';

type Main = (event: unknown) => Promise<Reply<unknown>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

let seq = 0;
function caller(main: Main) {
  return async (openid: string, action: string, payload: unknown): Promise<Data> => {
    const reply = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `b${++seq}` }, () =>
      main({ action, payload, requestId: `bench-req-${++seq}` }),
    );
    if (!reply.ok) throw new Error(`${action}: ${JSON.stringify(reply.error).slice(0, 500)}`);
    return reply.data;
  };
}

/** Orgs parents first, so each import chunk names parents that exist already. */
function topDown(input: TreeInput): TreeInput['orgs'] {
  const kids = new Map<string | null, TreeInput['orgs']>();
  for (const o of input.orgs) kids.set(o.parentId, [...(kids.get(o.parentId) ?? []), o]);
  const out: TreeInput['orgs'] = [];
  const queue = [...(kids.get(null) ?? [])];
  while (queue.length) {
    const o = queue.shift()!;
    out.push(o);
    queue.push(...(kids.get(o.id) ?? []));
  }
  return out;
}

/** Builds the generated tenant through tenant.bootstrap and chunked roster.import calls. */
async function buildTenant(call: ReturnType<typeof caller>, input: TreeInput, tenantId: string): Promise<{ orgIds: Map<string, string>; ms: number; imports: number }> {
  const t0 = performance.now();
  await call(ADMIN, 'tenant.bootstrap', { tenantId, name: input.tenant.name });
  const orgIds = new Map<string, string>();
  const ref = (key: string) => orgIds.get(key) ?? key;
  let imports = 0;
  const orgs = topDown(input);
  for (let i = 0; i < orgs.length; i += 2000) {
    const rows = orgs.slice(i, i + 2000).map((o) => ({ key: o.id, name: o.name, kind: o.kind, parent: o.parentId === null ? null : ref(o.parentId) }));
    const r = await call(ADMIN, 'roster.import', { orgs: rows, persons: [] });
    for (const [k, v] of Object.entries(r.orgIds as Record<string, string>)) orgIds.set(k, v);
    imports++;
  }
  const persons = input.persons.filter((p) => !p.left);
  for (let i = 0; i < persons.length; i += 5000) {
    const rows = persons.slice(i, i + 5000).map((p) =>
      JSON.parse(
        JSON.stringify({
          name: p.name,
          org: ref(p.orgId),
          isMember: p.isMember,
          secretaryOf: input.orgs.filter((o) => o.secretaryId === p.id).map((o) => ref(o.id)),
          committeeOf: input.orgs.filter((o) => o.committeeMemberIds.includes(p.id)).map((o) => ref(o.id)),
          liaisonOrgs: input.liaisons.filter((l) => l.leaderId === p.id).map((l) => ref(l.orgId)),
          mobileInflowOrg: p.flags?.mobile ? ref(p.flags.mobile.inflowOrgId) : undefined,
          intern: p.flags?.intern,
          elderly: p.flags?.elderly,
        }),
      ),
    );
    await call(ADMIN, 'roster.import', { orgs: [], persons: rows });
    imports++;
  }
  const tenant = await call(ADMIN, 'tenant.get', {});
  await call(ADMIN, 'tenant.update', { version: tenant.version, topReviewer: { name: '上级领导' } });
  return { orgIds, ms: performance.now() - t0, imports };
}

interface Figure {
  trips: number;
  ms: number;
  heapMB: number;
}

/** Median wall time of RUNS runs (after one warm-up), round trips of one run, heap used after a full GC. */
async function measure(fn: (i: number) => Promise<unknown>): Promise<Figure> {
  await fn(0);
  const times: number[] = [];
  let trips = 0;
  for (let i = 1; i <= RUNS; i++) {
    requestCounter.reset();
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
    trips = requestCounter.snapshot().total;
  }
  gc();
  times.sort((a, b) => a - b);
  return { trips, ms: times[Math.floor(times.length / 2)], heapMB: process.memoryUsage().heapUsed / 1024 / 1024 };
}

/** A round trip on the real cloud, for the projected times. */
const TRIP_MS = 20;

/**
 * The progress table the obvious way: every requirement of the org's subtree, read page by page, then
 * required and done counted per row org. Its cost grows with the subtree; the counters' does not.
 */
async function naiveTable(db: import('../cloudfunctions/api/src/frame/db').Db, campaignId: string, rootOrgId: string): Promise<{ trips: number; ms: number; requirements: number }> {
  requestCounter.reset();
  const t0 = performance.now();
  const rowsByOrg = new Map<string, { required: number; done: number }>();
  let requirements = 0;
  for (let skip = 0; ; skip += 1000) {
    const page = (await db.collection('requirements').where({ campaignId, orgPath: rootOrgId }).orderBy('_id', 'asc').skip(skip).limit(1000).get()) as unknown as { data: Array<{ orgPath: string[]; done: boolean }> };
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
  }
  return { trips: requestCounter.snapshot().total, ms: performance.now() - t0, requirements };
}

/** Where the figures are kept for the deploy dry run's timeout check (scripts/deploy.ts), with the sizes measured. */
export const RESULTS_FILE = path.join(__dirname, 'results', 'progress.json');

interface ResultStep {
  what: string;
  functions: string[];
  trips: number;
  localS: number;
  functionS: number | null;
  cloudS: number;
}

/** Writes the run's figures for the dry run (only a run that measured the default largest size, 60,000, replaces them). */
function writeResults(sizes: Array<{ members: number; steps: ResultStep[] }>): void {
  if (!SIZES.includes(60000) && fs.existsSync(RESULTS_FILE)) {
    console.log(`\n(${path.relative(process.cwd(), RESULTS_FILE)} kept: this run did not measure 60,000 members)`);
    return;
  }
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ note: 'npm run bench:progress on a shared 2-core machine; cloud s = the function\'s own time + 20 ms a round trip', sizes }, null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(process.cwd(), RESULTS_FILE)} (the deploy dry run checks function timeouts against them)`);
}

async function main(): Promise<void> {
  // In memory where the machine has it (BENCH_DATA_DIR to choose): the emulator's fsyncs and snapshots on a disk
  // shared with other work would otherwise count as local time, and they say nothing about the cloud either.
  const base = process.env.BENCH_DATA_DIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
  const dataDir = fs.mkdtempSync(path.join(base, 'bench-progress-'));
  // A throwaway store: no snapshot rewrites while it grows (compaction is the emulator's housekeeping, not a query's cost).
  process.env.LOCAL_CLOUD_COMPACT_BYTES ??= String(4 * 1024 ** 3);
  console.log(`local cloud data dir: ${dataDir} (compaction past ${process.env.LOCAL_CLOUD_COMPACT_BYTES} journal bytes)`);
  process.env.LOCAL_CLOUD_DATA = dataDir;
  process.env.BOOTSTRAP_ADMINS = SIZES.map((n) => `bench${n}=${ADMIN}-${n}`).join(',');
  const local = installLocalCloud({ dataDir });
  setSecWords(DEFAULT_SEC_WORDS);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main: apiMain } = require('../cloudfunctions/api/src/index') as { main: Main };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { completionWrites } = require('../cloudfunctions/api/src/shared/progress-counters') as typeof import('../cloudfunctions/api/src/shared/progress-counters');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { commit } = require('../cloudfunctions/api/src/repositories/commit') as typeof import('../cloudfunctions/api/src/repositories/commit');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = (require('wx-server-sdk') as { database(): import('../cloudfunctions/api/src/frame/db').Db }).database();
  const call = caller(apiMain);
  const rows: Array<Record<string, string | number>> = [];
  type Step = { trips: number; ms: number; fnMs: number; mode: string };
  const plans: Array<{ size: number; planTrips: number; planMs: number; planFnMs: number; slices: number; maxSliceTrips: number; maxSliceMs: number; maxSliceFnMs: number; move: Step; secretary: Step; naive: { trips: number; ms: number }; counters: Figure }> = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { replanDirty } = require('../cloudfunctions/remind/src/replan') as typeof import('../cloudfunctions/remind/src/replan');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planSlice } = require('../cloudfunctions/api/src/plan/plan') as typeof import('../cloudfunctions/api/src/plan/plan');

  try {
    for (const size of SIZES) {
      local.reset();
      const input = generateTenant({ members: size, seed: size, topReviewer: true });
      const tenantId = `bench${size}`;
      const admin = `${ADMIN}-${size}`;
      const as = (action: string, payload: unknown) => call(admin, action, payload);
      const built = await buildTenant((_o, a, p) => as(a, p), input, tenantId);
      const campaign = await as('campaign.create', { name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' });

      // The full plan as the job runs it: slices of at most SLICE_TRIPS requests until done (campaign.plan and the timer run the same slices).
      const campaignRef = async () => ((await db.collection('campaigns').doc(campaign.id).get()) as unknown as { data: import('../cloudfunctions/api/src/repositories/docs').CampaignDoc }).data;
      const firstDoc = await campaignRef();
      gc();
      const sliceTrips: number[] = [];
      const sliceMs: number[] = [];
      // The function's own time in each slice: its wall time less the time a database request was in flight.
      const sliceFnMs: number[] = [];
      let plan: Data = null;
      const p0 = performance.now();
      for (;;) {
        requestCounter.reset();
        const s0 = performance.now();
        const b0 = dbBusy.ms();
        const slice = await planSlice(db, firstDoc, local.clock.now());
        sliceMs.push(performance.now() - s0);
        sliceFnMs.push(sliceMs[sliceMs.length - 1] - (dbBusy.ms() - b0));
        sliceTrips.push(requestCounter.snapshot().total);
        if (slice.state === 'BUSY') throw new Error('plan job busy');
        plan = slice.result;
        if (slice.state === 'DONE') break;
      }
      const planMs = performance.now() - p0;
      const planTrips = sliceTrips.reduce((a, b) => a + b, 0);
      gc();
      const planHeap = process.memoryUsage().heapUsed / 1024 / 1024;

      const root = built.orgIds.get(input.orgs[input.orgs.length - 1].id)!;
      const branchCommittee = built.orgIds.get(input.orgs.find((o) => o.kind === 'COMMITTEE')?.id ?? input.orgs[0].id)!;
      const get = await measure(() => as('progress.get', { campaignId: campaign.id, orgId: root }));
      const getBranch = await measure(() => as('progress.get', { campaignId: campaign.id, orgId: branchCommittee }));
      const gaps = await measure(() => as('progress.gaps', { campaignId: campaign.id, orgId: root }));
      const submit = await measure(() => as('progress.submit', { campaignId: campaign.id, orgId: root }));

      // Pending R1 reviews with a reviewer: each run records a different one.
      const pending = [...(local.store.get('requirements')?.docs.values() ?? [])]
        .map((r) => r as { rule: string; reviewerId: string | null; targetId: string; done: boolean; campaignId: string })
        .filter((r) => r.campaignId === campaign.id && r.rule === 'R1' && r.reviewerId !== null && !r.done)
        .slice(0, RUNS + 1);
      const completion = await measure(async (i) => {
        const r = pending[i];
        const now = Date.now();
        const writes = await completionWrites(db, { campaignId: campaign.id, reviewerId: r.reviewerId, targetKind: 'MEMBER', targetId: r.targetId, reviewedAt: now, reviewId: `bench-${size}-${i}`, now });
        if (writes.length === 0) throw new Error('completion matched nothing');
        await commit(db, writes, { tenantId, actorOpenid: 'o-bench', actorPersonId: null, action: 'bench.complete', now, recordId: `o-bench:${size}:${i}`, fingerprint: '', anonymous: false, reply: null });
      });

      // The obvious way, for the ratio: the progress table from every requirement of the subtree (paged reads), beside the counters.
      const naive = await naiveTable(db, campaign.id, root);

      // Requirement-affecting changes, re-planned by the remind timer with no manual call: a member moves; a branch changes secretary.
      const timerStep = async (what: string) => {
        const doc = await campaignRef();
        requestCounter.reset();
        const t0 = performance.now();
        const b0 = dbBusy.ms();
        const replanned = await replanDirty(db, [doc], local.clock.now(), () => false);
        const ms = performance.now() - t0;
        const fnMs = ms - (dbBusy.ms() - b0);
        if (replanned.length !== 1) throw new Error(`the timer did not re-plan after ${what}`);
        return { trips: requestCounter.snapshot().total, ms, fnMs, mode: replanned[0].mode };
      };
      local.clock.advance?.('1m');
      const personDocs = () => [...(local.store.get('persons')?.docs.values() ?? [])].map((x) => x as { _id: string; version: number; orgId: string; secretaryOf: string[]; isMember: boolean; left?: boolean });
      const orgDocs = () => [...(local.store.get('orgs')?.docs.values() ?? [])].map((x) => x as { _id: string; kind: string; version: number; secretaryId: string | null });
      const mover = personDocs().find((x) => x.isMember && x.secretaryOf.length === 0)!;
      const otherBranch = orgDocs().find((o) => o.kind === 'BRANCH' && o._id !== mover.orgId)!;
      await as('person.move', { personId: mover._id, version: mover.version, orgId: otherBranch._id });
      local.clock.advance?.('1m');
      const move = await timerStep('the move');
      const branch = orgDocs().find((o) => o.kind === 'BRANCH' && o.secretaryId !== null && personDocs().some((x) => x.orgId === o._id && x.isMember && !x.left && x._id !== o.secretaryId && x.secretaryOf.length === 0))!;
      const successor = personDocs().find((x) => x.orgId === branch._id && x.isMember && !x.left && x._id !== branch.secretaryId && x.secretaryOf.length === 0)!;
      await as('org.assignSecretary', { orgId: branch._id, version: branch.version, personId: successor._id });
      local.clock.advance?.('1m');
      const secretary = await timerStep('the secretary change');

      const persons = input.persons.filter((p) => !p.left).length;
      console.log(
        `\n${size.toLocaleString('en')} members (${persons} persons, ${input.orgs.length} orgs): built in ${(built.ms / 1000).toFixed(1)} s by ${built.imports} roster imports; ` +
          `plan: ${plan.requirements} requirements, ${plan.units} units, ${plan.orgs} counters in ${(planMs / 1000).toFixed(2)} s, ${planTrips} round trips, heap ${planHeap.toFixed(0)} MB`,
      );
      for (const [name, f] of Object.entries({ 'progress.get root': get, 'progress.get branch': getBranch, 'progress.gaps root': gaps, 'progress.submit root': submit, 'completionWrites+commit': completion })) {
        rows.push({ members: size, call: name, trips: f.trips, 'median ms': Number(f.ms.toFixed(2)), 'heap MB': Number(f.heapMB.toFixed(0)) });
      }
      rows.push({ members: size, call: 'full plan (all slices, once)', trips: planTrips, 'median ms': Number(planMs.toFixed(0)), 'heap MB': Number(planHeap.toFixed(0)) });
      rows.push({ members: size, call: 'naive table (every requirement)', trips: naive.trips, 'median ms': Number(naive.ms.toFixed(0)), 'heap MB': 0 });
      const largest = sliceTrips.indexOf(Math.max(...sliceTrips));
      plans.push({ size, planTrips, planMs, planFnMs: sliceFnMs.reduce((a, b) => a + b, 0), slices: sliceTrips.length, maxSliceTrips: sliceTrips[largest], maxSliceMs: sliceMs[largest], maxSliceFnMs: sliceFnMs[largest], move, secretary, naive, counters: get });
    }
    console.log('');
    console.table(rows);
    console.log('trips = database requests of one call (local cloud counter); heap = heapUsed after GC, including the in-memory local cloud.');
    // Projected cloud time: the function's own time here (local time less the emulator's) plus round trips × 20 ms
    // (a trip on the real cloud). The emulator scans without indexes, so its share of the local time says nothing of the cloud.
    const s = (ms: number) => Number((ms / 1000).toFixed(2));
    const row = (members: number, what: string, trips: number, ms: number, fnMs: number) => ({ members, what, trips, 'local s': s(ms), 'function s': s(fnMs), 'cloud s (function + 20 ms/trip)': s(fnMs + trips * TRIP_MS) });
    console.log('\nplanning (cloud time projected as the function\'s own time + 20 ms a round trip):');
    console.table(
      plans.flatMap((p) => [
        row(p.size, `full plan (${p.slices} slice${p.slices > 1 ? 's' : ''})`, p.planTrips, p.planMs, p.planFnMs),
        row(p.size, 'largest slice (≤ 1,000 trips)', p.maxSliceTrips, p.maxSliceMs, p.maxSliceFnMs),
        row(p.size, `person.move → timer (${p.move.mode})`, p.move.trips, p.move.ms, p.move.fnMs),
        row(p.size, `org.assignSecretary → timer (${p.secretary.mode})`, p.secretary.trips, p.secretary.ms, p.secretary.fnMs),
      ]),
    );
    writeResults(plans.map((p) => ({
      members: p.size,
      steps: [
        { what: 'largest plan slice', functions: ['remind', 'api'], trips: p.maxSliceTrips, localS: s(p.maxSliceMs), functionS: s(p.maxSliceFnMs), cloudS: s(p.maxSliceFnMs + p.maxSliceTrips * TRIP_MS) },
        { what: 'person.move → timer', functions: ['remind'], trips: p.move.trips, localS: s(p.move.ms), functionS: s(p.move.fnMs), cloudS: s(p.move.fnMs + p.move.trips * TRIP_MS) },
        { what: 'org.assignSecretary → timer', functions: ['remind'], trips: p.secretary.trips, localS: s(p.secretary.ms), functionS: s(p.secretary.fnMs), cloudS: s(p.secretary.fnMs + p.secretary.trips * TRIP_MS) },
        { what: 'progress.get root', functions: ['api'], trips: p.counters.trips, localS: s(p.counters.ms), functionS: null, cloudS: s(p.counters.ms + p.counters.trips * TRIP_MS) },
      ],
    })));
    console.log('\nprogress table of the root, the obvious way (read every requirement of the subtree) vs the counters:');
    console.table(
      plans.filter((p) => p.size === SIZES[0] || p.size === SIZES[SIZES.length - 1]).map((p) => ({
        members: p.size,
        'naive trips': p.naive.trips,
        'naive ms': Number(p.naive.ms.toFixed(0)),
        'counters trips': p.counters.trips,
        'counters ms': Number(p.counters.ms.toFixed(2)),
        'ratio (time)': `${(p.naive.ms / p.counters.ms).toFixed(0)}×`,
        'ratio (cloud time)': `${((p.naive.trips * TRIP_MS + p.naive.ms) / (p.counters.trips * TRIP_MS + p.counters.ms)).toFixed(0)}×`,
      })),
    );
  } finally {
    local.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
