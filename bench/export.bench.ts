/**
 * Benchmark of the `export` function (issue 14's closing note): the bundle's size, its cold start
 * (time to require the bundle in a fresh node), and the time and memory to make the 台帐 archive of a
 * 2,000-member subtree on the local cloud. The tenant is built through the api (roster import);
 * its 2,000 submitted member reviews are written straight to the database (this measures the archive,
 * not the review work). Not a test: figures only. `npm run bench:export` (builds first).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installLocalCloud } from '../local/src/install';
import { DEFAULT_APPID, DEFAULT_SEC_WORDS, runAsCaller, setSecWords } from '../local/src/services';
import { generateTenant } from '../miniprogram/core/domain/fixtures/generate';
import type { Reply } from '../miniprogram/core/contracts/envelope';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
const ADMIN = 'o-bench-admin';
const root = path.join(__dirname, '..');
const bundle = path.join(root, 'cloudfunctions', 'export', 'index.js');

type Main = (event: unknown) => Promise<Reply<unknown>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
let seq = 0;
const caller = (main: Main) => async (openid: string, action: string, payload: unknown): Promise<Data> => {
  const reply = await runAsCaller({ openid, appid: DEFAULT_APPID, env: 'local-dev', source: 'wx_client', clientIp: '127.0.0.1', requestId: `b${++seq}` }, () => main({ action, payload, requestId: `bench-export-${++seq}` }));
  if (!reply.ok) throw new Error(`${action}: ${JSON.stringify(reply.error).slice(0, 500)}`);
  return reply.data;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function coldStart(): number[] {
  // A fresh process per run, as the platform starts an instance: require only (wx-server-sdk is external).
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })));
}

/** How quickly each hostile roster file is refused (reading only, no database). */
async function hostileTimings() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { readRosterFile } = require('../cloudfunctions/export/src/roster-file') as typeof import('../cloudfunctions/export/src/roster-file');
  const files = require('../cloudfunctions/export/test/roster-files') as typeof import('../cloudfunctions/export/test/roster-files');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const cases: Array<[string, Buffer]> = [
    ['not a spreadsheet', Buffer.from('姓名,所在党组织\n张三,实验小学党支部\n')],
    ['password protected', files.passwordProtected()],
    ['zip bomb (100 MB inflated, 0.1 MB packed)', files.zipBomb(100)],
    ['20,001 person rows', await files.filledRoster([['实验小学党支部', '党支部', null]], Array.from({ length: 20001 }, (_, i) => [`党员${i}`, '实验小学党支部']))],
    ['a 1 MB cell', await files.filledRoster([['实验小学党支部', '党支部', null]], [['吴'.repeat(1024 * 1024), '实验小学党支部']])],
    ['a formula', await files.filledRoster([['实验小学党支部', '党支部', null]], [['吴敏', { formula: 'A3', result: 'x' }]])],
    ['empty sheets', await files.filledRoster([], [])],
  ];
  for (const [name, buf] of cases) {
    const t0 = performance.now();
    let message = 'accepted';
    try {
      await readRosterFile(buf);
    } catch (err) {
      message = (err as Error).message;
    }
    console.log(`refused ${name} (${(buf.length / 1024).toFixed(0)} KB) in ${(performance.now() - t0).toFixed(0)} ms: ${message}`);
  }
}

async function main() {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const size = fs.statSync(bundle).size;
  const cold = coldStart();
  console.log(`export bundle: ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes)`);
  console.log(`cold start (require the bundle, fresh node, 5 runs): median ${median(cold).toFixed(0)} ms [${cold.map((x) => x.toFixed(0)).join(', ')}]`);

  await hostileTimings();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  process.env.LOCAL_CLOUD_DATA = dataDir;
  process.env.BOOTSTRAP_ADMINS = `benchx=${ADMIN}`;
  const local = installLocalCloud({ dataDir, now: '2026-11-21T10:00+08:00' });
  setSecWords(DEFAULT_SEC_WORDS);
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const api = caller((require('../cloudfunctions/api/src/index') as { main: Main }).main);
    // The shipped bundle, not the sources: the figures are those of what gets deployed.
    const exp = caller((require(bundle) as { main: Main }).main);
    const sdk = require('wx-server-sdk') as { database(): import('../cloudfunctions/api/src/frame/db').Db; downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }> };
    const store = require('../cloudfunctions/api/src/repositories/store') as typeof import('../cloudfunctions/api/src/repositories/store');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const db = sdk.database();

    const input = generateTenant({ members: MEMBERS, seed: MEMBERS, topReviewer: true });
    await api(ADMIN, 'tenant.bootstrap', { tenantId: 'benchx', name: input.tenant.name });
    const keyOf = new Map<string, string>();
    const orgRows = [...input.orgs].sort((a, b) => (a.parentId === null ? -1 : b.parentId === null ? 1 : 0));
    // Parents before children: the generator lists orgs top-down after its root.
    const imported = await api(ADMIN, 'roster.import', {
      orgs: orgRows.map((o) => ({ key: o.id, name: o.name, kind: o.kind, parent: o.parentId })),
      persons: input.persons.filter((p) => !p.left).map((p) => JSON.parse(JSON.stringify({ name: p.name, org: p.orgId, unitAndPost: p.unitAndPost, isMember: p.isMember, secretaryOf: input.orgs.filter((o) => o.secretaryId === p.id).map((o) => o.id) }))),
    });
    for (const [k, v] of Object.entries(imported.orgIds as Record<string, string>)) keyOf.set(k, v);
    const campaign = await api(ADMIN, 'campaign.create', { name: '基准活动', start: '2026-01-01', end: '2026-12-31' });

    const orgs = new Map((await store.listOrgs(db, 'benchx')).map((o) => [o._id, o]));
    const persons = (await store.listPersons(db, 'benchx')).filter((p) => p.isMember);
    const now = Date.parse('2026-11-20T10:00+08:00');
    const reviews = persons.map((p, i) => {
      const org = orgs.get(p.orgId)!;
      const reviewer = persons.find((x) => x._id === org.secretaryId && x._id !== p._id) ?? null;
      return {
        _id: `rv_bench_${i}`,
        version: 2,
        tenantId: 'benchx',
        campaignId: campaign.id,
        cycleKey: '2026-Q4',
        sessionId: null,
        rule: 'R1',
        reviewer: { personId: reviewer?._id ?? null, name: reviewer?.name ?? '上级领导', unitAndPost: reviewer?.unitAndPost ?? '' },
        target: { kind: 'MEMBER', orgId: p.orgId, personId: p._id, name: p.name },
        mode: 'INDIVIDUAL',
        meetingType: null,
        topic: null,
        place: '党员活动室',
        reviewedAt: now,
        templateId: 'default-MEMBER',
        aspects: ['roleModel', 'commitments', 'service'].map((key) => ({ key, text: `${key}方面表现良好，立足岗位发挥了先锋模范作用，群众评价较高` })),
        achievements: '工作成绩突出，积极参加志愿服务，带头完成急难险重任务',
        problems: '理论学习不够系统，联系群众的方式还不够多',
        direction: '加强理论学习，创新联系服务群众的方式',
        rectification: { required: true, requirement: '制定个人学习计划并按月落实', deadline: '2026-12-31', imposed: false },
        exemplary: false,
        exemplaryNote: '',
        privateNotes: '',
        status: 'SUBMITTED',
        submittedAt: now,
        publishedAt: null,
        history: [],
        createdAt: now,
        updatedAt: now,
        reviewerId: reviewer?._id ?? null,
        targetKey: p._id,
        orgId: p.orgId,
        targetOrgPath: [...org.path, org._id],
        moderation: 'PASS',
      };
    });
    for (let i = 0; i < reviews.length; i += 500) await db.collection('reviews').add({ data: reviews.slice(i, i + 500) });
    console.log(`tenant: ${orgs.size} orgs, ${persons.length} members, ${reviews.length} submitted member reviews`);

    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peakRss = rss0;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = performance.now();
    const rootId = [...orgs.values()].find((o) => o.parentId === null)!._id;
    const started = await exp(ADMIN, 'archive.start', { orgId: rootId, campaignId: campaign.id, cycleKey: '2026' });
    const steps: number[] = [];
    let view: Data = { status: 'RUNNING' };
    while (view.status !== 'DONE') {
      const s0 = performance.now();
      view = await exp(ADMIN, 'archive.step', { jobId: started.jobId });
      steps.push(performance.now() - s0);
    }
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const zip = Buffer.from((await sdk.downloadFile({ fileID: view.file.fileID })).fileContent);
    console.log(`archive of ${MEMBERS}-member subtree: ${view.forms} forms in ${view.total} orgs, ${(ms / 1000).toFixed(1)} s in ${steps.length} steps (longest ${(Math.max(...steps) / 1000).toFixed(1)} s), zip ${(zip.length / 1024 / 1024).toFixed(2)} MB`);
    console.log(`memory: peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (+${((peakRss - rss0) / 1024 / 1024).toFixed(0)} MB over the start), peak heap ${(peakHeap / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    local.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
