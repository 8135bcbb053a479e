/**
 * The lint rules issue 19 asks for fire where they should: a screen or a cloud function comparing a status
 * word, shipped mini program code importing a cloud function or the local cloud, and remind or export
 * reaching into api/src past its kernel. Each probe is linted as if it stood at a real path
 * (eslint --stdin-filename), so the config's file globs are exercised too.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

/** Lints every probe in one eslint process (its start-up is most of the cost), as if each stood at its path. */
function lintAll(probes: Array<[string, string]>): string[][] {
  const script = `import { ESLint } from 'eslint';
const probes = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [filePath, code] of probes) out.push((await eslint.lintText(code, { filePath }))[0].messages.map((m) => m.ruleId ?? 'fatal'));
process.stdout.write(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, input: JSON.stringify(probes), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

const comparison = `declare const r: { status: string };\nexport const done = r.status === 'CONFIRMED';\n`;
const serverImport = `import type { actions } from '../../../cloudfunctions/api/src/actions';\nexport type A = typeof actions;\n`;

const PROBES: Array<[string, string]> = [
  ['miniprogram/pages/probe/probe.ts', comparison],
  ['miniprogram/office/probe/probe.ts', `declare const status: string;\nexport const open = 'PENDING' !== status;\n`],
  ['miniprogram/core/domain/probe.ts', comparison],
  ['miniprogram/pages/probe/__test__/probe.test.ts', comparison],
  ['miniprogram/services/probe.ts', serverImport],
  ['miniprogram/pages/probe/probe.ts', `import { now } from '../../../local/src/clock';\nexport const t = now;\n`],
  ['miniprogram/services/__test__/probe.test.ts', serverImport],
  ['cloudfunctions/api/src/handlers/probe.ts', comparison],
  ['cloudfunctions/export/src/probe.ts', `declare const job: { status: string };\nexport const running = 'RUNNING' !== job.status;\n`],
  ['cloudfunctions/api/src/handlers/probe.ts', `declare const r: { status: string };\n// eslint-disable-next-line no-restricted-syntax -- a probe's reason\nexport const done = r.status === 'CONFIRMED';\n`],
  ['cloudfunctions/export/src/probe.ts', `declare const item: { status: number };\nexport const ok = item.status === 0;\n`],
  ['cloudfunctions/api/test/probe.test.ts', comparison],
  ['cloudfunctions/remind/src/probe.ts', `import { COL } from '../../api/src/repositories/collections';\nexport const c = COL;\n`],
  ['cloudfunctions/export/src/repositories/probe.ts', `import type { Db } from '../../../api/src/frame/db';\nexport type D = Db;\n`],
  ['cloudfunctions/export/src/repositories/probe.ts', `import { COL } from '../../../api/src/kernel';\nexport const c = COL;\n`],
  ['cloudfunctions/remind/src/probe.ts', `import { SEND_HOUR } from '../../../miniprogram/core/domain/reminders';\nexport const h = SEND_HOUR;\n`],
  ['cloudfunctions/export/src/probe.ts', `import { rosterActions } from '../../api/src/in-process';\nexport const r = rosterActions;\n`],
  ['cloudfunctions/remind/src/probe.ts', `import { rosterActions } from '../../api/src/in-process';\nexport const r = rosterActions;\n`],
];
let found: string[][];

beforeAll(() => {
  found = lintAll(PROBES);
}, 120_000);

describe('lint: screens ask the core, the mini program asks the contracts', () => {
  it('when a page or an office screen compares a status word, then no-restricted-syntax refuses it', () => {
    expect(found.slice(0, 2)).toEqual([['no-restricted-syntax'], ['no-restricted-syntax']]);
  });

  it('when the same comparison stands in the core or in a page test, then it is allowed', () => {
    expect(found.slice(2, 4)).toEqual([[], []]);
  });

  it('when shipped mini program code imports a cloud function or the local cloud, then no-restricted-imports refuses it; a test may', () => {
    expect(found.slice(4, 7)).toEqual([['no-restricted-imports'], ['no-restricted-imports'], []]);
  });

  it('when a handler or the export compares a status word, then no-restricted-syntax refuses it', () => {
    expect(found.slice(7, 9)).toEqual([['no-restricted-syntax'], ['no-restricted-syntax']]);
  });

  it('when a cloud function comparison carries a disable comment, compares a numeric platform code, or stands in a test, then it is allowed', () => {
    expect(found.slice(9, 12)).toEqual([[], [], []]);
  });

  it('when remind or export imports an api module other than the kernel, then no-restricted-imports refuses it', () => {
    expect(found.slice(12, 14)).toEqual([['no-restricted-imports'], ['no-restricted-imports']]);
  });

  it('when remind or export imports the kernel or the core, then it is allowed', () => {
    expect(found.slice(14, 16)).toEqual([[], []]);
  });

  it('when the export imports the api actions it runs in process, then it is allowed; the timer may not', () => {
    expect(found.slice(16, 18)).toEqual([[], ['no-restricted-imports']]);
  });
});
