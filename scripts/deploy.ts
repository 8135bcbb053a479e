/**
 * `npm run deploy [-- --dry-run]`: stages exactly what is uploaded under `.deploy/` — the mini program
 * (packed npm included, the env id written in) and each cloud function (bundle, config.json with its
 * trigger, package.json) — checks it, prints the sizes, and, unless it is a dry run, uploads it with
 * miniprogram-ci from the separate tools package (tools/deploy). The dry run needs no key and runs in CI.
 *
 * Env (real upload only): MP_APPID, MP_PRIVATE_KEY_PATH, MP_ENV_ID; optional MP_VERSION, MP_DESC.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseCron } from '../local/src/services/timers';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.deploy');
const MP = join(OUT, 'miniprogram');
const FN = join(OUT, 'cloudfunctions');

/** WeChat's limits: each package ≤ 2 MB, all packages ≤ 30 MB; a cloud function's longest timeout we plan for. */
export const LIMITS = { mainPackage: 2 * 1024 * 1024, allPackages: 30 * 1024 * 1024, functionTimeoutS: 60, functionPackage: 50 * 1024 * 1024 };

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

function report(): { functions: string[] } {
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
  return { functions };
}

async function upload(functions: string[]): Promise<void> {
  const need = ['MP_APPID', 'MP_PRIVATE_KEY_PATH', 'MP_ENV_ID'].filter((k) => !process.env[k]);
  if (need.length) throw new Error(`deploy: set ${need.join(', ')} (or run with --dry-run); see docs/deploy.md`);
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
    if (config.triggers?.length) await ci.cloud.createTimeTrigger({ project, env, functionName: name, triggers: config.triggers });
  }
  const version = process.env.MP_VERSION ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`uploading the mini program ${version}…`);
  await ci.upload({ project, version, desc: process.env.MP_DESC ?? `deploy ${version}`, setting: { es6: true, enhance: true, minify: true }, onProgressUpdate: () => undefined });
}

async function run(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  stage(process.env.MP_ENV_ID ?? null);
  const { functions } = report();
  if (problems.length) {
    for (const p of problems) console.error(`deploy: ${p}`);
    process.exit(1);
  }
  console.log(`deploy: staged in ${relative(ROOT, OUT)}/, every check passed${dryRun ? ' (dry run: nothing uploaded)' : ''}`);
  if (!dryRun) await upload(functions);
}

if (require.main === module) {
  run().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
