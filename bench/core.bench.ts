/**
 * Benchmark of the org-tree half of the core: requiredReviews, coverage units and the progress
 * report on generated tenants of 1,000 / 10,000 / 100,000 members (~30 per branch, committees of
 * ~10 above). Prints time (median of runs) and heap retained by the result, and the growth ratio
 * per 10× members so linear growth is visible. Not a test: figures only.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { coverageUnits, ownRows, progressReport } from '../miniprogram/core/domain/coverage';
import { currentCycles } from '../miniprogram/core/domain/cycles';
import { campaign000 } from '../miniprogram/core/domain/fixtures/seed000';
import { generateTenant, prng } from '../miniprogram/core/domain/fixtures/generate';
import { requiredReviews } from '../miniprogram/core/domain/required';
import { indexTree } from '../miniprogram/core/domain/tree';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SIZES = [1_000, 10_000, 100_000];
const RUNS = 5;
const NOW = Date.parse('2010-11-15T10:00:00+08:00');
const AS_OF = Date.parse('2010-12-31T00:00:00+08:00');

/** Median wall time of `RUNS` runs, and the heap still held by one result after a full GC. */
function measure<T>(fn: () => T): { ms: number; heapMB: number; value: T } {
  const times: number[] = [];
  let value = fn(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    value = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  value = undefined as T;
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  value = fn();
  gc();
  const heapMB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], heapMB, value };
}

const cyclesR = currentCycles(campaign000, NOW);
if (!cyclesR.ok) throw new Error(cyclesR.error.code);
const cycles = cyclesR.value;

interface Line {
  size: number;
  persons: number;
  orgs: number;
  requirements: number;
  index: number;
  required: number;
  coverage: number;
  report: number;
  heapRequired: number;
  heapReport: number;
}
const lines: Line[] = [];

for (const size of SIZES) {
  const input = generateTenant({ members: size, seed: 20101115, perBranch: 30, fanOut: 10, topReviewer: true });
  const idx = measure(() => indexTree(input));
  if (!idx.value.ok) throw new Error('generated tree invalid');
  const tree = idx.value.value;
  const req = measure(() => requiredReviews(tree, campaign000, cycles));
  const items = req.value.items;
  const rnd = prng(size);
  const completions = new Map<string, number>();
  for (const i of items) if (rnd() < 0.6) completions.set(i.key, NOW + Math.floor(rnd() * 30 * 86_400_000));
  const cov = measure(() => ownRows(coverageUnits(items, completions, AS_OF), NOW));
  const rep = measure(() => progressReport({ tree, campaignId: 'bench', items, completions, asOf: AS_OF }));
  if (!rep.value.ok) throw new Error('report failed');
  lines.push({
    size,
    persons: tree.persons.size,
    orgs: tree.orgs.size,
    requirements: items.length,
    index: idx.ms,
    required: req.ms,
    coverage: cov.ms,
    report: rep.ms,
    heapRequired: req.heapMB,
    heapReport: rep.heapMB,
  });
}

const f = (n: number, d = 1) => n.toFixed(d).padStart(9);
console.log(`core bench (node ${process.version}, median of ${RUNS} runs; heap = retained by one result after GC)`);
console.log('  members  persons     orgs  required-items  indexTree ms  requiredReviews ms  coverage ms  report ms  heap required MB  heap report MB');
for (const l of lines) {
  console.log(
    `${String(l.size).padStart(9)}${String(l.persons).padStart(9)}${String(l.orgs).padStart(9)}${String(l.requirements).padStart(16)}` +
      `${f(l.index)}     ${f(l.required)}          ${f(l.coverage)}    ${f(l.report)}  ${f(l.heapRequired)}         ${f(l.heapReport)}`,
  );
}
console.log('\ngrowth per 10× members (1.0 = exactly linear: time ratio ÷ member ratio)');
for (let i = 1; i < lines.length; i++) {
  const a = lines[i - 1];
  const b = lines[i];
  const k = b.size / a.size;
  console.log(
    `  ${a.size} → ${b.size}: requiredReviews ${f(b.required / a.required / k, 2)}  coverage ${f(b.coverage / a.coverage / k, 2)}  report ${f(b.report / a.report / k, 2)}  items ${f(b.requirements / a.requirements / k, 2)}  heap(report) ${a.heapReport >= 1 ? f(b.heapReport / a.heapReport / k, 2) : '      n/a'}`,
  );
}
