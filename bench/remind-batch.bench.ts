/**
 * Benchmark of issue 26's reminder day and batch actions in the local cloud. Per size: a generated tenant built
 * through the API and planned, every person bound (a quarter holding a review-reminder credit), then the
 * review-due day 2026-12-24 fired every 10 minutes from 09:00 until every reminder is handled: reads, writes,
 * firings, the function's own time (wall time less the time a database request was in flight), projected cloud
 * time (function time + 20 ms a request) and peak heap. Then the batch actions at their largest inputs in a
 * branch of 90: review.saveBatch with REVIEW_BATCH_MAX entries, publication.publish's parts of PUBLISH_PART.
 * Not a test: figures only. `npm run bench:remind` (BENCH_SIZES=2000,60000 by default).
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
import { PUBLISH_PART, REVIEW_BATCH_MAX } from '../miniprogram/core/contracts/api/review-work';
import { completeContent } from '../cloudfunctions/api/test/work.support';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// BENCH_SIZES=none measures only the batch actions.
const SIZES = (process.env.BENCH_SIZES ?? '2000,60000').split(',').filter((x) => x !== 'none').map(Number);
const ADMIN = 'o-bench-admin';
/** A round trip on the real cloud, for the projected times. */
const TRIP_MS = 20;
/** The basic plan's database writes a day (docs/deploy.md). */
const WRITE_QUOTA = 30_000;
const RESULTS_FILE = path.join(__dirname, 'results', 'remind-batch.json');
const READS = ['getDocument', 'calculateDocument', 'aggregateDocuments'];

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

/** Builds the generated tenant through tenant.bootstrap and chunked roster.import calls; person ids by fixture id. */
async function buildTenant(call: (action: string, payload: unknown) => Promise<Data>, input: TreeInput, tenantId: string): Promise<{ orgIds: Map<string, string>; personIds: Map<string, string> }> {
  await call('tenant.bootstrap', { tenantId, name: input.tenant.name });
  const orgIds = new Map<string, string>();
  const personIds = new Map<string, string>();
  const ref = (key: string) => orgIds.get(key) ?? key;
  const orgs = topDown(input);
  for (let i = 0; i < orgs.length; i += 2000) {
    const rows = orgs.slice(i, i + 2000).map((o) => ({ key: o.id, name: o.name, kind: o.kind, parent: o.parentId === null ? null : ref(o.parentId) }));
    const r = await call('roster.import', { orgs: rows, persons: [] });
    for (const [k, v] of Object.entries(r.orgIds as Record<string, string>)) orgIds.set(k, v);
  }
  const secretaryOf = new Map<string, string[]>();
  const committeeOf = new Map<string, string[]>();
  for (const o of input.orgs) {
    if (o.secretaryId) secretaryOf.set(o.secretaryId, [...(secretaryOf.get(o.secretaryId) ?? []), ref(o.id)]);
    for (const m of o.committeeMemberIds) committeeOf.set(m, [...(committeeOf.get(m) ?? []), ref(o.id)]);
  }
  const liaisonsOf = new Map<string, string[]>();
  for (const l of input.liaisons) liaisonsOf.set(l.leaderId, [...(liaisonsOf.get(l.leaderId) ?? []), ref(l.orgId)]);
  const persons = input.persons.filter((p) => !p.left);
  for (let i = 0; i < persons.length; i += 5000) {
    const chunk = persons.slice(i, i + 5000);
    const rows = chunk.map((p) =>
      JSON.parse(
        JSON.stringify({
          name: p.name,
          org: ref(p.orgId),
          isMember: p.isMember,
          secretaryOf: secretaryOf.get(p.id) ?? [],
          committeeOf: committeeOf.get(p.id) ?? [],
          liaisonOrgs: liaisonsOf.get(p.id) ?? [],
          mobileInflowOrg: p.flags?.mobile ? ref(p.flags.mobile.inflowOrgId) : undefined,
          intern: p.flags?.intern,
          elderly: p.flags?.elderly,
        }),
      ),
    );
    const r = await call('roster.import', { orgs: [], persons: rows });
    (r.personIds as string[]).forEach((id, k) => personIds.set(chunk[k].id, id));
  }
  const tenant = await call('tenant.get', {});
  await call('tenant.update', { version: tenant.version, topReviewer: { name: '上级领导' } });
  return { orgIds, personIds };
}

/** Peak heap while `fn` runs, sampled every 20 ms (after a full GC first). */
async function withPeakHeap<T>(fn: () => Promise<T>): Promise<{ value: T; peakMB: number }> {
  gc();
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peakMB: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** Requests, reads and writes since the last reset, and the function's own time of a run that started at (t0, b0). */
function figures(t0: number, b0: number) {
  const snap = requestCounter.snapshot();
  const reads = READS.reduce((n, a) => n + (snap.byAction[a] ?? 0), 0);
  const tx = ['startTransaction', 'commitTransaction', 'abortTransaction'].reduce((n, a) => n + (snap.byAction[a] ?? 0), 0);
  const wallMs = performance.now() - t0;
  const fnMs = wallMs - (dbBusy.ms() - b0);
  return { trips: snap.total, reads, writes: snap.total - reads - tx, transactions: tx, wallMs, fnMs, cloudMs: fnMs + snap.total * TRIP_MS };
}

const s = (ms: number) => Number((ms / 1000).toFixed(2));

async function main(): Promise<void> {
  const base = process.env.BENCH_DATA_DIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
  const dataDir = fs.mkdtempSync(path.join(base, 'bench-remind-'));
  process.env.LOCAL_CLOUD_COMPACT_BYTES ??= String(4 * 1024 ** 3);
  process.env.LOCAL_CLOUD_DATA = dataDir;
  process.env.LOCAL_CLOUD_UNINDEXED ??= 'warn';
  process.env.BOOTSTRAP_ADMINS = [...SIZES.map((n) => `bench${n}=${ADMIN}-${n}`), `benchbatch=${ADMIN}-batch`].join(',');
  const local = installLocalCloud({ dataDir });
  setSecWords(DEFAULT_SEC_WORDS);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main: apiMain } = require('../cloudfunctions/api/src/index') as { main: Main };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runRemind } = require('../cloudfunctions/remind/src/index') as typeof import('../cloudfunctions/remind/src/index');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planSlice } = require('../cloudfunctions/api/src/plan/plan') as typeof import('../cloudfunctions/api/src/plan/plan');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = (require('wx-server-sdk') as { database(): import('../cloudfunctions/api/src/frame/db').Db }).database();
  const call = caller(apiMain);
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`local cloud data dir: ${dataDir}; load average at start ${load} (2 cores shared: times are inflated)`);

  const days: Data[] = [];
  for (const size of SIZES) {
    local.reset();
    local.clock.set('2026-11-21T10:00+08:00');
    const b0 = performance.now();
    const input = generateTenant({ members: size, seed: size, topReviewer: true });
    const as = (action: string, payload: unknown) => call(`${ADMIN}-${size}`, action, payload);
    await buildTenant(as, input, `bench${size}`);
    const campaign = await as('campaign.create', { name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' });
    const doc = ((await db.collection('campaigns').doc(campaign.id).get()) as unknown as { data: Data }).data;
    for (;;) {
      const slice = await planSlice(db, doc, local.clock.now());
      if (slice.state === 'BUSY') throw new Error('plan job busy');
      if (slice.state === 'DONE') break;
    }
    // Everyone bound (setup, outside the measure): the day reminds whoever has open reviews; a quarter hold a credit.
    const persons = [...(local.store.get('persons')?.docs.values() ?? [])] as Array<Record<string, unknown> & { _id: string }>;
    local.store.commit(persons.map((p) => ({ kind: 'put' as const, collection: 'persons', doc: { ...p, openid: `o-${p._id}` } })));
    local.store.commit(
      persons.filter((_p, i) => i % 4 === 0).map((p) => ({ kind: 'insert' as const, collection: 'subscriptions', doc: { _id: `o-${p._id}`, version: 1, tenantId: `bench${size}`, credits: { REVIEW_DUE: 1 }, refused: {}, mainSwitchOff: false, updatedAt: 0 } })),
    );
    const buildS = (performance.now() - b0) / 1000;
    console.log(`\n${size} members: built, planned and bound in ${buildS.toFixed(0)} s`);

    // The review-due day: 7 days before the 12-31 due date; a firing every 10 minutes from 09:00 until done.
    const firings: Data[] = [];
    let sent = 0;
    const send = async () => {
      sent++;
    };
    let at = Date.parse('2026-12-24T09:00:00+08:00');
    // The emulator keeps the whole tenant in this process: its heap before the day is the baseline of the peak.
    gc();
    const baseMB = process.memoryUsage().heapUsed / 1024 / 1024;
    const day = await withPeakHeap(async () => {
      for (let i = 0; i < 20; i++) {
        local.clock.set(at);
        requestCounter.reset();
        const t0 = performance.now();
        const busy0 = dbBusy.ms();
        const run = await runRemind(db, at, send);
        const f = figures(t0, busy0);
        firings.push({ at: new Date(at).toISOString(), ...f, tally: run.reminders });
        if (!run.reminders?.more) break;
        at += 10 * 60_000;
      }
      return firings;
    });
    const ledger = [...(local.store.get('reminders')?.docs.values() ?? [])].length;
    const total = firings.reduce((acc, f) => ({ reads: acc.reads + f.reads, writes: acc.writes + f.writes, trips: acc.trips + f.trips, fnMs: acc.fnMs + f.fnMs }), { reads: 0, writes: 0, trips: 0, fnMs: 0 });
    const first = firings[0];
    const row = {
      members: size,
      reminders: ledger,
      sent,
      firings: firings.length,
      reads: total.reads,
      writes: total.writes,
      'writes/quota': `${total.writes} / ${WRITE_QUOTA}`,
      'largest firing fn s': s(Math.max(...firings.map((f) => f.fnMs))),
      'largest firing cloud s': s(Math.max(...firings.map((f) => f.cloudMs))),
      'peak heap MB': Math.round(day.peakMB),
      'heap before MB': Math.round(baseMB),
      'first firing trips': first.trips,
    };
    console.table([row]);
    // A later firing of the same day, with nothing left to send: what it reads.
    local.clock.set(at + 10 * 60_000);
    requestCounter.reset();
    const t1 = performance.now();
    const busy1 = dbBusy.ms();
    await runRemind(db, at + 10 * 60_000, send);
    const later = figures(t1, busy1);
    console.log(`a later firing of the same day: ${later.reads} reads, ${later.writes} writes, function ${s(later.fnMs)} s, cloud ${s(later.cloudMs)} s`);
    days.push({ ...row, buildS: Math.round(buildS), firingsDetail: firings.map((f) => ({ at: f.at, trips: f.trips, reads: f.reads, writes: f.writes, fnS: s(f.fnMs), cloudS: s(f.cloudMs), tally: f.tally })), laterFiring: { reads: later.reads, writes: later.writes, fnS: s(later.fnMs), cloudS: s(later.cloudMs) } });
  }

  // The batch actions at their largest inputs: a branch of 90 members and its secretary.
  local.reset();
  local.clock.set('2026-11-21T10:00+08:00');
  const admin = (action: string, payload: unknown) => call(`${ADMIN}-batch`, action, payload);
  const input = generateTenant({ members: 300, seed: 26, perBranch: 90, topReviewer: true });
  const { orgIds, personIds } = await buildTenant(admin, input, 'benchbatch');
  await admin('campaign.create', { name: '创先争优活动领导点评', start: '2026-01-01', end: '2026-12-31' });
  const campaignId = ((await admin('campaign.list', {})) as Data).campaigns?.[0]?.id ?? (((await db.collection('campaigns').where({ tenantId: 'benchbatch' }).get()) as unknown as { data: Data[] }).data[0]._id as string);
  // Planned, so that a submission also writes its progress completions, as in a running campaign.
  const batchCampaign = ((await db.collection('campaigns').doc(campaignId).get()) as unknown as { data: Data }).data;
  for (;;) {
    const slice = await planSlice(db, batchCampaign, local.clock.now());
    if (slice.state === 'BUSY') throw new Error('plan job busy');
    if (slice.state === 'DONE') break;
  }
  const branch = input.orgs
    .filter((o) => o.kind === 'BRANCH' && o.secretaryId)
    .map((o) => ({ o, members: input.persons.filter((p) => p.orgId === o.id && p.id !== o.secretaryId && !p.left && p.isMember) }))
    .sort((a, b) => b.members.length - a.members.length)[0];
  const secretary = 'o-bench-secretary';
  const orgId = orgIds.get(branch.o.id) as string;
  const invitation = await admin('invitation.create', { orgId });
  const claim = await call(secretary, 'claim.submit', { invitationId: invitation.invitationId, personId: personIds.get(branch.o.secretaryId as string) });
  await admin('claim.decide', { claimId: claim.claimId, approve: true });
  const started = await call(secretary, 'session.start', {
    campaignId,
    orgId,
    mode: 'INDIVIDUAL',
    meetingType: null,
    topic: null,
    targets: { by: 'PICKED', picks: branch.members.map((m) => ({ kind: 'MEMBER', id: personIds.get(m.id) })) },
    date: '2026-11-25',
    place: '党员活动室',
    reportDeadline: null,
    opinionDeadline: null,
    opinionsAnonymous: false,
  });
  const reviewIds = (started.reviews as Array<{ reviewId: string }>).map((r) => r.reviewId);
  const actions: Data[] = [];
  const measureCall = async (what: string, action: string, payload: unknown) => {
    gc();
    requestCounter.reset();
    const t0 = performance.now();
    const busy0 = dbBusy.ms();
    const out = await call(secretary, action, payload);
    const f = figures(t0, busy0);
    actions.push({ what, trips: f.trips, reads: f.reads, writes: f.writes, 'function s': s(f.fnMs), 'cloud s': s(f.cloudMs), 'local wall s': s(f.wallMs) });
    return out;
  };
  const entries = (ids: string[], version: number) => ids.map((reviewId) => ({ reviewId, version, ...completeContent('MEMBER') }));
  await measureCall(`review.saveBatch draft, ${REVIEW_BATCH_MAX} entries`, 'review.saveBatch', { sessionId: started.sessionId, submit: false, entries: entries(reviewIds.slice(0, REVIEW_BATCH_MAX), 1) });
  for (let i = 0; i < reviewIds.length; i += REVIEW_BATCH_MAX) {
    const part = reviewIds.slice(i, i + REVIEW_BATCH_MAX);
    const what = `review.saveBatch submit, ${part.length} entries`;
    if (i === 0) await measureCall(what, 'review.saveBatch', { sessionId: started.sessionId, submit: true, entries: entries(part, 2) });
    else await call(secretary, 'review.saveBatch', { sessionId: started.sessionId, submit: true, entries: entries(part, 1) });
  }
  const draft = await call(secretary, 'publication.draft', { sessionId: started.sessionId, title: '点评通报', summary: '点评意见已逐一反馈，请认真整改。', scope: { kind: 'TARGET_ORG', orgId } });
  for (let n = 1; ; n++) {
    const out = await measureCall(`publication.publish part ${n} (of ${Math.ceil(reviewIds.length / PUBLISH_PART)}; ${reviewIds.length} reviews, each with a rectification)`, 'publication.publish', { publicationId: draft.publicationId, version: draft.version });
    if (out.status === 'PUBLISHED') break;
  }
  console.log(`\nbatch actions (a branch of ${reviewIds.length} members; REVIEW_BATCH_MAX ${REVIEW_BATCH_MAX}, PUBLISH_PART ${PUBLISH_PART}):`);
  console.table(actions);
  const loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`load average at end ${loadEnd}`);
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  // A run of the batch actions alone keeps the reminder days an earlier run measured.
  const kept = !days.length && fs.existsSync(RESULTS_FILE) ? (JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Data) : null;
  if (kept) days.push(...kept.days.map((d: Data) => ({ ...d, loadAverage: d.loadAverage ?? kept.loadAverage })));
  fs.writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ note: 'npm run bench:remind on a shared 2-core machine; function s = wall time less the time a database request was in flight; cloud s = function s + 20 ms a request', loadAverage: { start: load, end: loadEnd }, writeQuota: WRITE_QUOTA, days, actions }, null, 2)}\n`,
  );
  console.log(`figures written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  local.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
