/**
 * 随机点评 (DOMAIN §5): a deterministic sample from a stored seed and a stated population, so an
 * audit that re-runs the draw gets the same targets.
 *
 * Algorithm (tag `xmur3-mulberry32-fisher-yates-v1`, stored with the sample):
 * 1. population := distinct ids sorted by UTF-16 code units (so its order never matters);
 * 2. state := xmur3(seed) first output (bryc's string hash, over UTF-16 code units);
 * 3. generator := mulberry32(state), 32-bit outputs;
 * 4. index in [0, n) by rejection sampling (no modulo bias);
 * 5. partial Fisher–Yates: for i in 0..size-1 swap a[i] with a[i + index(n - i)]; the sample is a[0..size-1] in draw order.
 * The server draws the seed at random (e.g. crypto.randomBytes) and stores it; the domain never does.
 */
import { SAMPLE_ALGORITHM, type RandomSample } from '../contracts/session';
import type { TargetKind } from '../contracts/review';
import { fail, ok, type Result } from '../errors';

/** bryc's xmur3 string hash: the first 32-bit output seeds the generator. */
export function xmur3(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32 as a pure step: returns the next state and a 32-bit unsigned output. */
export function mulberry32(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(next ^ (next >>> 15), next | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: next >>> 0, value: (t ^ (t >>> 14)) >>> 0 };
}

const TWO_32 = 0x100000000;

/** The population as the draw sees it: distinct ids in code-unit order. */
export function canonicalPopulation(population: readonly string[]): string[] {
  return [...new Set(population)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Draws `size` distinct ids from `population` with `seed`; the same inputs always give the same sample. */
export function drawSample(seed: string, population: readonly string[], size: number): Result<string[]> {
  const pool = canonicalPopulation(population);
  if (seed.length === 0) return fail('SAMPLE.INVALID', '请提供抽样种子', [{ path: ['seed'], message: '抽样种子不能为空' }]);
  if (!Number.isInteger(size) || size < 1 || size > pool.length) {
    return fail('SAMPLE.INVALID', `随机抽样的数量应在1到${pool.length}之间，当前为${size}`, [
      { path: ['size'], message: `应在1到${pool.length}之间` },
    ]);
  }
  let state = xmur3(seed);
  const nextIndex = (n: number): number => {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const step = mulberry32(state);
      state = step.state;
      if (step.value < limit) return step.value % n;
    }
  };
  for (let i = 0; i < size; i++) {
    const j = i + nextIndex(pool.length - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return ok(pool.slice(0, size));
}

/** Builds the record a RANDOM session stores, with the drawn ids. */
export function buildRandomSample(
  seed: string,
  targetKind: TargetKind,
  population: readonly string[],
  size: number,
): Result<{ sample: RandomSample; drawn: string[] }> {
  const drawn = drawSample(seed, population, size);
  if (!drawn.ok) return drawn;
  return ok({
    sample: { algorithm: SAMPLE_ALGORITHM, seed, targetKind, population: canonicalPopulation(population), size },
    drawn: drawn.value,
  });
}

/** Audit: re-runs a stored sample and checks that the session's targets are exactly the drawn ids. */
export function verifySample(
  sample: RandomSample,
  targets: ReadonlyArray<{ kind: TargetKind; orgId: string; personId: string | null }>,
): Result<string[]> {
  const drawn = drawSample(sample.seed, sample.population, sample.size);
  if (!drawn.ok) return drawn;
  const chosen = targets.map((t) => t.personId ?? t.orgId);
  const expected = new Set(drawn.value);
  const sameKind = targets.every((t) => t.kind === sample.targetKind);
  const same = sameKind && chosen.length === expected.size && chosen.every((id) => expected.has(id));
  if (!same) {
    return fail('SAMPLE.INVALID', '点评对象与随机抽样结果不一致', [{ path: ['targets'], message: `按种子应抽中：${drawn.value.join('、')}` }]);
  }
  return ok(drawn.value);
}
