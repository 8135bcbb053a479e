/**
 * `npm run deploy [-- --dry-run]`: stages exactly what is uploaded under `.deploy/` — the mini program
 * (packed npm included, the env id written in) and each cloud function (bundle, config.json with its
 * trigger, package.json) — checks it, prints the sizes, and, unless it is a dry run, uploads it with
 * miniprogram-ci from the separate tools package (tools/deploy). The dry run needs no key and runs in CI.
 *
 * Env (real upload only): MP_APPID, MP_PRIVATE_KEY_PATH, MP_ENV_ID; optional MP_VERSION, MP_DESC.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseCron } from '../local/src/services/timers';
import { loadDeclaration, type Declaration } from '../local/src/db/declaration';
import { BUSY_WAIT_MS, CALL_BUDGET_MS } from '../cloudfunctions/api/src/plan/plan';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.deploy');
const MP = join(OUT, 'miniprogram');
const FN = join(OUT, 'cloudfunctions');

/**
 * WeChat's limits: each package ≤ 2 MB, all packages ≤ 30 MB; a cloud function's longest timeout we plan for;
 * indexes per collection; documents one query may ask for (a larger limit is cut to it silently: rows go missing).
 */
export const LIMITS = {
  mainPackage: 2 * 1024 * 1024,
  allPackages: 30 * 1024 * 1024,
  functionTimeoutS: 60,
  functionPackage: 50 * 1024 * 1024,
  indexesPerCollection: 20,
  serverQueryLimit: 1000,
  clientQueryLimit: 100,
};

/** The two kinds of cloud environment (docs.cloudbase.net, cloud-function/v2): V1 (SCF) and V2 (CBF, Node.js 24 only, no timer triggers). */
export type EnvKind = 'v1' | 'v2';

/** The Node.js major version each kind runs our functions on: V1 as we create them (Nodejs16.13), V2 has only Node.js 24. */
export const RUNTIME: Record<EnvKind, { name: string; major: number }> = { v1: { name: 'Nodejs16.13', major: 16 }, v2: { name: 'Nodejs24.11', major: 24 } };

/** Files of the mini program folder that are not uploaded: tests, fixtures, type declarations only used by tsc. */
export function uploaded(path: string): boolean {
  const p = path.split('\\').join('/');
  return !/(^|\/)__test__\//.test(p) && !/\.test\.ts$/.test(p) && !/(^|\/)fixtures\//.test(p) && !p.endsWith('tsconfig.json') && !p.endsWith('tsconfig.test.json');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const size = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Problems found by the checks; the run fails when any is found. */
const problems: string[] = [];
const problem = (text: string) => problems.push(text);

/** The problems found so far (tests read what a check added). */
export function problemsSoFar(): readonly string[] {
  return problems;
}

/** Every page of app.json and every usingComponents path (app, pages, components) resolves to a component's files. */
export function checkPaths(mpRoot: string): { pages: number; components: number } {
  const app = JSON.parse(readFileSync(join(mpRoot, 'app.json'), 'utf8')) as { pages: string[]; tabBar?: { list: Array<{ pagePath: string }> }; usingComponents?: Record<string, string>; subpackages?: Array<{ root: string; pages: string[] }>; subPackages?: Array<{ root: string; pages: string[] }> };
  const has = (base: string, ext: string[]) => ext.some((e) => existsSync(`${base}${e}`));
  const isComponent = (base: string) => has(base, ['.json']) && has(base, ['.wxml']) && has(base, ['.ts', '.js']);
  // WeChat reads either spelling; ours is subPackages (the office's screens).
  const pages = [...app.pages, ...(app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const page of pages) if (!isComponent(join(mpRoot, page))) problem(`app.json: page ${page} is missing its .json, .wxml or .ts/.js`);
  for (const tab of app.tabBar?.list ?? []) if (!pages.includes(tab.pagePath)) problem(`app.json: tabBar page ${tab.pagePath} is not in pages`);
  const seen = new Set<string>();
  const visit = (jsonFile: string, using: Record<string, string> | undefined) => {
    for (const [tag, ref] of Object.entries(using ?? {})) {
      const base = ref.startsWith('/') ? join(mpRoot, ref) : ref.startsWith('.') ? join(dirname(jsonFile), ref) : join(mpRoot, 'miniprogram_npm', ref);
      if (!isComponent(base)) {
        problem(`${relative(mpRoot, jsonFile)}: <${tag}> → ${ref} does not resolve to a component`);
        continue;
      }
      if (seen.has(base)) continue;
      seen.add(base);
      visit(`${base}.json`, (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents);
    }
  };
  visit(join(mpRoot, 'app.json'), app.usingComponents);
  for (const page of pages) {
    const json = join(mpRoot, `${page}.json`);
    if (existsSync(json)) visit(json, (JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents);
  }
  return { pages: pages.length, components: seen.size };
}

/** A cloud function's config.json: a timeout we plan for, openapi permissions as a list, at most one timer with a valid 7-field cron. */
export function checkFunctionConfig(name: string, text: string): void {
  let config: { timeout?: unknown; permissions?: { openapi?: unknown }; triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }> };
  try {
    config = JSON.parse(text);
  } catch (err) {
    problem(`${name}/config.json: not JSON (${(err as Error).message})`);
    return;
  }
  if (config.timeout !== undefined && (!Number.isInteger(config.timeout) || (config.timeout as number) < 1 || (config.timeout as number) > LIMITS.functionTimeoutS)) problem(`${name}/config.json: timeout must be 1–${LIMITS.functionTimeoutS} s`);
  const openapi = config.permissions?.openapi;
  if (openapi !== undefined && (!Array.isArray(openapi) || openapi.some((a) => typeof a !== 'string' || !/^[a-zA-Z]+\.[a-zA-Z]+$/.test(a)))) problem(`${name}/config.json: permissions.openapi must list names like "subscribeMessage.send"`);
  const triggers = config.triggers ?? [];
  if (triggers.filter((t) => t.type === 'timer').length > 1) problem(`${name}/config.json: the platform takes one timer trigger per function`);
  for (const t of triggers) {
    if (t.type !== 'timer') problem(`${name}/config.json: trigger ${String(t.name)} has type ${String(t.type)}; only timer triggers exist`);
    else if (typeof t.name !== 'string' || !t.name) problem(`${name}/config.json: a trigger needs a name`);
    else {
      try {
        parseCron(String(t.config));
      } catch (err) {
        problem(`${name}/config.json: trigger ${t.name}: ${(err as Error).message}`);
      }
    }
  }
}

/** Each collection's declared indexes within the platform's count; returns the largest count. */
export function checkIndexCounts(decl: Declaration): { largest: number; collection: string } {
  let largest = { largest: 0, collection: '' };
  for (const c of decl.collections) {
    const n = (c.indexes ?? []).length;
    if (n > LIMITS.indexesPerCollection) problem(`local/collections.json: ${c.name} declares ${n} indexes, the platform takes ${LIMITS.indexesPerCollection} a collection`);
    if (n > largest.largest) largest = { largest: n, collection: c.name };
  }
  return largest;
}

/**
 * No query of the given sources asks for more than `max` documents: every \`limit: N\` / \`.limit(N)\` whose N is a
 * number, or a constant of the same file, is compared (a computed limit is left to the local cloud, which
 * refuses one over 1,000 in the tests). Returns how many limits were read.
 */
export function checkQueryLimits(files: Array<{ path: string; text: string }>, max: number): number {
  let read = 0;
  for (const { path, text } of files) {
    const constants = new Map([...text.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*([\d_]+)\s*;/g)].map((m) => [m[1], Number(m[2].replace(/_/g, ''))]));
    for (const m of text.matchAll(/(?:\blimit:\s*|\.limit\(\s*)([A-Za-z_$][\w$]*|[\d_]+)(?=\s*[,)}\s])/g)) {
      const n = /^[\d_]+$/.test(m[1]) ? Number(m[1].replace(/_/g, '')) : constants.get(m[1]);
      if (n === undefined) continue;
      read++;
      if (n > max) problem(`${path}: a query asks for ${n} documents (limit ${m[1]}); the platform returns ${max} at most`);
    }
  }
  return read;
}

/** Sources of a folder (TypeScript, tests left out). */
function sourcesUnder(dir: string): Array<{ path: string; text: string }> {
  return filesUnder(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes(`${'/'}test${'/'}`) && !f.includes('__test__') && !f.includes('miniprogram_npm'))
    .map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }));
}

/** One measured step of bench/results/progress.json. */
interface BenchStep {
  what: string;
  functions: string[];
  cloudS: number;
}

/**
 * Each function's timeout against the slowest of its steps' projected cloud time at the largest benchmark
 * size; and campaign.plan's waits (BUSY_WAIT_MS, CALL_BUDGET_MS) plus one more slice inside the api's timeout.
 */
export function checkTimeouts(results: { sizes: Array<{ members: number; steps: BenchStep[] }> }, timeouts: Record<string, number>): string[] {
  const largest = [...results.sizes].sort((a, b) => b.members - a.members)[0];
  if (!largest) {
    problem('bench/results/progress.json holds no sizes: run npm run bench:progress');
    return [];
  }
  const lines: string[] = [];
  for (const [fn, timeoutS] of Object.entries(timeouts)) {
    const steps = largest.steps.filter((st) => st.functions.includes(fn));
    if (steps.length === 0) continue;
    const slowest = steps.reduce((a, b) => (b.cloudS > a.cloudS ? b : a));
    lines.push(`${fn}: slowest step at ${largest.members.toLocaleString('en')} members is ${slowest.what}, ${slowest.cloudS} s projected, timeout ${timeoutS} s`);
    if (slowest.cloudS > timeoutS) problem(`cloud function ${fn}: ${slowest.what} is projected at ${slowest.cloudS} s at ${largest.members} members, over its ${timeoutS} s timeout`);
  }
  const slice = largest.steps.find((st) => st.what === 'largest plan slice');
  if (slice && timeouts.api !== undefined) {
    const worst = Math.max(BUSY_WAIT_MS, CALL_BUDGET_MS) / 1000 + slice.cloudS;
    lines.push(`api: campaign.plan waits at most ${Math.max(BUSY_WAIT_MS, CALL_BUDGET_MS) / 1000} s + one slice (${slice.cloudS} s) = ${worst.toFixed(1)} s, timeout ${timeouts.api} s`);
    if (worst > timeouts.api) problem(`cloud function api: campaign.plan may run ${worst.toFixed(1)} s (its waits + one slice), over its ${timeouts.api} s timeout`);
  }
  return lines;
}

/** APIs our sources may use, with the Node.js major version that first has them. */
const NODE_APIS: Array<{ pattern: RegExp; name: string; major: number }> = [
  { pattern: /\bstructuredClone\(/, name: 'structuredClone', major: 17 },
  { pattern: /\.findLast(Index)?\(/, name: 'Array.prototype.findLast', major: 18 },
  { pattern: /(^|[^.\w])fetch\(/, name: 'fetch', major: 18 },
  { pattern: /\.(toSorted|toReversed|toSpliced)\(/, name: 'Array.prototype.toSorted/toReversed/toSpliced', major: 20 },
  { pattern: /\bObject\.groupBy\(|\bMap\.groupBy\(/, name: 'Object.groupBy', major: 21 },
  { pattern: /\bPromise\.withResolvers\(/, name: 'Promise.withResolvers', major: 22 },
  { pattern: /\.(union|intersection|symmetricDifference|isSubsetOf)\(new Set/, name: 'Set methods', major: 22 },
];

/**
 * What a V2 environment needs of the configs: no timer runs there, so a function with a timer trigger is driven
 * by the remind chain, which needs cloudbase.addDelayedFunctionTask in its own and the api's permissions.
 */
export function checkChainPermissions(configs: Record<string, { triggers?: Array<{ type?: string }>; permissions?: { openapi?: string[] } }>): void {
  const delayed = 'cloudbase.addDelayedFunctionTask';
  for (const [fn, config] of Object.entries(configs)) {
    if (!(config.triggers ?? []).some((t) => t.type === 'timer')) continue;
    for (const who of [fn, 'api']) {
      if (!(configs[who]?.permissions?.openapi ?? []).includes(delayed)) problem(`${who}/config.json: V2 has no timer triggers; ${fn} is driven by a chain of delayed tasks, which needs "${delayed}" in permissions.openapi`);
    }
  }
}

/** The functions' own code and the core they bundle use nothing newer than the runtime the environment runs them on. */
export function checkRuntime(kind: EnvKind, files: Array<{ path: string; text: string }>): void {
  const runtime = RUNTIME[kind];
  for (const { path, text } of files) {
    for (const api of NODE_APIS) if (api.major > runtime.major && api.pattern.test(text)) problem(`${path}: uses ${api.name} (Node.js ${api.major}); ${kind.toUpperCase()} environments run ${runtime.name}`);
  }
}

function stage(envId: string | null): void {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  cpSync(join(ROOT, 'miniprogram'), MP, { recursive: true, filter: (src) => uploaded(relative(join(ROOT, 'miniprogram'), src)) });
  // The cloud env id is written into the staged copy only; the repository keeps the local one.
  if (envId) {
    const file = join(MP, 'config.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/export const CLOUD_ENV = '[^']*';/, `export const CLOUD_ENV = '${envId}';`));
  }
  const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(OUT, 'project.config.json'), `${JSON.stringify({ ...project, appid: process.env.MP_APPID ?? project.appid }, null, 2)}\n`);
  const sdk = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['wx-server-sdk'];
  for (const fn of readdirSync(join(ROOT, 'cloudfunctions'))) {
    const src = join(ROOT, 'cloudfunctions', fn);
    if (!existsSync(join(src, 'src', 'index.ts'))) continue;
    const out = join(FN, fn);
    mkdirSync(out, { recursive: true });
    cpSync(join(src, 'index.js'), join(out, 'index.js'));
    cpSync(join(src, 'config.json'), join(out, 'config.json'));
    // Everything but wx-server-sdk is in the bundle; the platform installs the SDK (remote npm install).
    writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: fn, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdk } }, null, 2)}\n`);
  }
}

function report(kind: EnvKind | null): { functions: string[] } {
  const mpFiles = filesUnder(MP);
  const main = size(mpFiles);
  const npm = size(mpFiles.filter((f) => f.includes(`${join(MP, 'miniprogram_npm')}`)));
  console.log(`mini program: ${mpFiles.length} files, ${kb(main)} (packed npm ${kb(npm)}); limits: main package ${kb(LIMITS.mainPackage)}, all ${kb(LIMITS.allPackages)}`);
  if (main > LIMITS.mainPackage) problem(`mini program main package is ${kb(main)}, over ${kb(LIMITS.mainPackage)}`);
  const paths = checkPaths(MP);
  console.log(`mini program: ${paths.pages} pages and ${paths.components} components resolved`);
  const functions = readdirSync(FN);
  for (const fn of functions) {
    const files = filesUnder(join(FN, fn));
    const text = readFileSync(join(FN, fn, 'config.json'), 'utf8');
    checkFunctionConfig(fn, text);
    const config = JSON.parse(text) as { timeout?: number; triggers?: Array<{ config: string }>; permissions?: { openapi?: string[] } };
    const bytes = size(files);
    if (bytes > LIMITS.functionPackage) problem(`cloud function ${fn} is ${kb(bytes)}, over ${kb(LIMITS.functionPackage)}`);
    console.log(`cloud function ${fn}: ${kb(bytes)}, timeout ${config.timeout ?? 3} s${config.triggers?.length ? `, timer "${config.triggers[0].config}"` : ''}${config.permissions?.openapi?.length ? `, openapi [${config.permissions.openapi.join(', ')}]` : ''}`);
  }
  const decl = loadDeclaration();
  const indexes = checkIndexCounts(decl);
  console.log(`database: ${decl.collections.length} collections; at most ${indexes.largest} indexes (${indexes.collection}), limit ${LIMITS.indexesPerCollection} a collection`);
  const functionSources = [...readdirSync(join(ROOT, 'cloudfunctions')).filter((fn) => existsSync(join(ROOT, 'cloudfunctions', fn, 'src'))).flatMap((fn) => sourcesUnder(join(ROOT, 'cloudfunctions', fn, 'src'))), ...sourcesUnder(join(ROOT, 'miniprogram', 'core'))];
  const limits = checkQueryLimits(functionSources, LIMITS.serverQueryLimit);
  // The mini program reads no collection itself (all are ADMINONLY); should it ever, its queries get 100 at most.
  const client = sourcesUnder(join(ROOT, 'miniprogram')).filter((f) => !f.path.includes(`miniprogram/core/`) && /\bwx\.cloud\.database\(|\.database\(\)/.test(f.text));
  const clientLimits = checkQueryLimits(client, LIMITS.clientQueryLimit);
  console.log(`queries: ${limits} limits in the functions read, none over ${LIMITS.serverQueryLimit}; ${client.length ? `${clientLimits} in the mini program's own database reads, none over ${LIMITS.clientQueryLimit}` : 'the mini program reads no collection itself'}`);
  const timeouts = Object.fromEntries(functions.map((fn) => [fn, (JSON.parse(readFileSync(join(FN, fn, 'config.json'), 'utf8')) as { timeout?: number }).timeout ?? 3]));
  const resultsFile = join(ROOT, 'bench', 'results', 'progress.json');
  if (existsSync(resultsFile)) for (const line of checkTimeouts(JSON.parse(readFileSync(resultsFile, 'utf8')), timeouts)) console.log(`timeouts: ${line}`);
  else problem('bench/results/progress.json is missing: run npm run bench:progress (the function timeouts are checked against it)');
  const kinds: EnvKind[] = kind ? [kind] : ['v1', 'v2'];
  for (const k of kinds) checkRuntime(k, functionSources);
  if (kinds.includes('v2')) checkChainPermissions(Object.fromEntries(functions.map((fn) => [fn, JSON.parse(readFileSync(join(FN, fn, 'config.json'), 'utf8'))])));
  console.log(`runtime: ${kinds.map((k) => `${k.toUpperCase()} ${RUNTIME[k].name}`).join(' and ')}${kind ? '' : ' (the target environment\'s kind is not known: both checked)'}; bundles target node16`);
  return { functions };
}

/** A signed Tencent Cloud API 3.0 call (TC3-HMAC-SHA256), for the one environment query deploy makes. */
async function tencentCloud(action: string, payload: Record<string, unknown>, secretId: string, secretKey: string): Promise<unknown> {
  const host = 'tcb.tencentcloudapi.com';
  const body = JSON.stringify(payload);
  // The request's own signing time (not the product's clock seam: the API refuses a signature off by minutes).
  const timestamp = Math.floor(Date.now() / 1000);
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const hmac = (key: string | Buffer, t: string) => createHmac('sha256', key).update(t).digest();
  const headers = 'content-type;host;x-tc-action';
  const canonical = `POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:${host}\nx-tc-action:${action.toLowerCase()}\n\n${headers}\n${sha(body)}`;
  const scope = `${date}/tcb/tc3_request`;
  const signature = createHmac('sha256', hmac(hmac(hmac(`TC3${secretKey}`, date), 'tcb'), 'tc3_request')).update(`TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha(canonical)}`).digest('hex');
  const res = await fetch(`https://${host}/`, {
    method: 'POST',
    headers: {
      Authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${headers}, Signature=${signature}`,
      'Content-Type': 'application/json; charset=utf-8',
      Host: host,
      'X-TC-Action': action,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Version': '2018-06-08',
    },
    body,
  });
  return res.json();
}

/** The kind a `DescribeEnvInfo` answer reports: its functions' `Backend`, `cbf` (V2) or `scf` (V1). */
export function kindOfEnvInfo(answer: unknown): EnvKind | null {
  const backend = /"Backend"\s*:\s*"(cbf|scf)"/i.exec(JSON.stringify(answer))?.[1]?.toLowerCase();
  return backend === 'cbf' ? 'v2' : backend === 'scf' ? 'v1' : null;
}

/**
 * The target environment's kind: MP_ENV_KIND (v1 | v2) when given, else asked of the platform with
 * DescribeEnvInfo (needs TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY and MP_ENV_ID), else unknown (null).
 */
async function envKind(): Promise<EnvKind | null> {
  const given = process.env.MP_ENV_KIND;
  if (given === 'v1' || given === 'v2') return given;
  if (given) throw new Error(`deploy: MP_ENV_KIND must be v1 or v2, not ${given}`);
  const { TENCENTCLOUD_SECRET_ID: id, TENCENTCLOUD_SECRET_KEY: key, MP_ENV_ID: env } = process.env;
  if (!id || !key || !env) return null;
  const answer = await tencentCloud('DescribeEnvInfo', { EnvId: env }, id, key);
  const kind = kindOfEnvInfo(answer);
  if (!kind) throw new Error(`deploy: DescribeEnvInfo did not say the functions' Backend (cbf or scf); set MP_ENV_KIND. It answered: ${JSON.stringify(answer).slice(0, 300)}`);
  console.log(`environment ${env}: ${kind === 'v2' ? '云函数 V2 (Backend cbf): no timer triggers, Node.js 24' : '云函数 V1 (Backend scf)'}`);
  return kind;
}

async function upload(functions: string[], kind: EnvKind | null): Promise<void> {
  const need = ['MP_APPID', 'MP_PRIVATE_KEY_PATH', 'MP_ENV_ID'].filter((k) => !process.env[k]);
  if (need.length) throw new Error(`deploy: set ${need.join(', ')} (or run with --dry-run); see docs/deploy.md`);
  if (!kind) throw new Error('deploy: the environment\'s kind is not known: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (DescribeEnvInfo), or MP_ENV_KIND=v1|v2; see docs/deploy.md');
  const tools = join(ROOT, 'tools', 'deploy');
  if (!existsSync(join(tools, 'node_modules', 'miniprogram-ci'))) throw new Error('deploy: run `npm --prefix tools/deploy install` first (miniprogram-ci stays out of the root package)');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ci = createRequire(join(tools, 'package.json'))('miniprogram-ci') as any;
  const project = new ci.Project({ appid: process.env.MP_APPID, type: 'miniProgram', projectPath: OUT, privateKeyPath: process.env.MP_PRIVATE_KEY_PATH, ignores: ['cloudfunctions/**/*'] });
  const env = process.env.MP_ENV_ID;
  for (const name of functions) {
    console.log(`uploading cloud function ${name}…`);
    await ci.cloud.uploadFunction({ project, env, name, path: join(FN, name), remoteNpmInstall: true });
    const config = JSON.parse(readFileSync(join(FN, name, 'config.json'), 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> };
    // V2 environments take no timer trigger: there the remind chain drives the work (docs/deploy.md).
    if (config.triggers?.length && kind === 'v1') await ci.cloud.createTimeTrigger({ project, env, functionName: name, triggers: config.triggers });
  }
  if (kind === 'v2') {
    // What only the console can set on a V2 environment (docs/deploy.md §4).
    console.log('V2 environment: no timer trigger was created. In the console, for api and remind: 环境变量 REMIND_DRIVER=chain; 云函数 → API Key 设置 on (database access); runtime Node.js 24. Then open the app once: the api arms the remind chain.');
  }
  const version = process.env.MP_VERSION ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`uploading the mini program ${version}…`);
  await ci.upload({ project, version, desc: process.env.MP_DESC ?? `deploy ${version}`, setting: { es6: true, enhance: true, minify: true }, onProgressUpdate: () => undefined });
}

async function run(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  stage(process.env.MP_ENV_ID ?? null);
  const kind = await envKind();
  const { functions } = report(kind);
  if (problems.length) {
    for (const p of problems) console.error(`deploy: ${p}`);
    process.exit(1);
  }
  console.log(`deploy: staged in ${relative(ROOT, OUT)}/, every check passed${dryRun ? ' (dry run: nothing uploaded)' : ''}`);
  if (!dryRun) await upload(functions, kind);
}

if (require.main === module) {
  run().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
