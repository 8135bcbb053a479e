import fc from 'fast-check';
import { RandomSampleSchema } from '../contracts/session';
import { buildRandomSample, canonicalPopulation, drawSample, verifySample } from './sampling';

const population = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 });
const sampleCase = population.chain((pop) =>
  fc.record({ pop: fc.constant(pop), seed: fc.string({ minLength: 1, maxLength: 40 }), size: fc.integer({ min: 1, max: pop.length }) }),
);

describe('drawSample properties', () => {
  it('when the same seed, population and size are drawn twice, then the samples are identical', () => {
    fc.assert(fc.property(sampleCase, ({ pop, seed, size }) => {
      expect(drawSample(seed, pop, size)).toEqual(drawSample(seed, pop, size));
    }));
  });

  it('when drawn, then the sample has the asked size, no duplicates, and only members of the population', () => {
    fc.assert(fc.property(sampleCase, ({ pop, seed, size }) => {
      const result = drawSample(seed, pop, size);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toHaveLength(size);
      expect(new Set(result.value).size).toBe(size);
      for (const id of result.value) expect(pop).toContain(id);
    }));
  });

  it('when the population is given in another order, then the sample is the same', () => {
    fc.assert(fc.property(sampleCase.chain((c) => fc.record({ c: fc.constant(c), shuffled: fc.shuffledSubarray(c.pop, { minLength: c.pop.length }) })), ({ c, shuffled }) => {
      expect(drawSample(c.seed, shuffled, c.size)).toEqual(drawSample(c.seed, c.pop, c.size));
    }));
  });

  it('when the whole population is drawn, then the sample is a permutation of it', () => {
    fc.assert(fc.property(population, fc.string({ minLength: 1 }), (pop, seed) => {
      const result = drawSample(seed, pop, pop.length);
      expect(result.ok && [...result.value].sort()).toEqual(canonicalPopulation(pop));
    }));
  });
});

describe('drawSample errors and audit', () => {
  const pop = ['支部1', '支部2', '支部3', '支部4', '支部5'];

  it.each([0, -1, 6, 2.5, Number.NaN])('when the size is %p for a population of 5, then SAMPLE.INVALID', (size) => {
    const result = drawSample('seed', pop, size);
    expect(result.ok ? null : result.error.code).toBe('SAMPLE.INVALID');
  });

  it('when the seed is empty, then SAMPLE.INVALID on seed', () => {
    const result = drawSample('', pop, 1);
    expect(result.ok ? null : result.error.issues?.[0].path).toEqual(['seed']);
  });

  it('when duplicates are stated in the population, then they count once', () => {
    const result = drawSample('seed', ['a', 'a', 'b'], 3);
    expect(result.ok ? null : result.error.code).toBe('SAMPLE.INVALID');
  });

  it('when a known seed is drawn, then the result is the recorded one (the algorithm must never change silently)', () => {
    expect(drawSample('seed-2024', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3)).toEqual({ ok: true, value: ['e', 'c', 'b'] });
  });

  it('when 4000 seeds each pick 1 of 4, then each is picked roughly a quarter of the time', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const r = drawSample(`seed-${i}`, ['a', 'b', 'c', 'd'], 1);
      if (r.ok) counts.set(r.value[0], (counts.get(r.value[0]) ?? 0) + 1);
    }
    for (const id of ['a', 'b', 'c', 'd']) {
      expect(counts.get(id)).toBeGreaterThan(850);
      expect(counts.get(id)).toBeLessThan(1150);
    }
  });

  it('when a sample is built, then it parses as a stored RandomSample and verifies against its targets', () => {
    const built = buildRandomSample('audit-seed', 'ORG', pop, 2);
    if (!built.ok) throw new Error(built.error.message);
    expect(RandomSampleSchema.safeParse(built.value.sample).success).toBe(true);
    const targets = built.value.drawn.map((orgId) => ({ kind: 'ORG' as const, orgId, personId: null }));
    expect(verifySample(built.value.sample, targets)).toEqual({ ok: true, value: built.value.drawn });
  });

  it('when the session targets differ from the draw, then SAMPLE.INVALID names the expected ids', () => {
    const built = buildRandomSample('audit-seed', 'ORG', pop, 2);
    if (!built.ok) throw new Error(built.error.message);
    const other = pop.find((id) => !built.value.drawn.includes(id)) as string;
    const targets = [built.value.drawn[0], other].map((orgId) => ({ kind: 'ORG' as const, orgId, personId: null }));
    const result = verifySample(built.value.sample, targets);
    expect(result.ok ? null : result.error.issues?.[0].message).toContain(built.value.drawn[1]);
  });
});
