/**
 * Review quality (issue 27): the measured precision and recall of each hint on the labelled corpus
 * (miniprogram/core/domain/fixtures/review-corpus.ts), the cases each hint got wrong, and what one
 * call costs. The corpus's last batch was written after the thresholds were set, so its misses show.
 * Run: npm run bench:quality
 */
import { performance } from 'node:perf_hooks';
import { CORPUS, othersOf, reviewText, scoreCorpus, type CorpusCase } from '../miniprogram/core/domain/fixtures/review-corpus';
import { HINT_CODES, HINT_LABELS, fingerprintOf, hintKinds, reviewHints, type QualityInput } from '../miniprogram/core/domain/review-quality';

/** The hint function's input for a case, as the client builds it: the other reviews as fingerprints. */
function inputOf(c: CorpusCase): QualityInput {
  return {
    review: reviewText(c.review),
    others: othersOf(c).map((o) => ({ targetName: o.review.targetName, cycle: o.cycle, fingerprint: fingerprintOf(reviewText(o.review)) })),
    commitments: c.commitments,
  };
}

const inputs = new Map(CORPUS.map((c) => [c, inputOf(c)]));
const scores = scoreCorpus((c) => hintKinds(reviewHints(inputs.get(c)!)), HINT_CODES);

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`review-quality hints on ${CORPUS.length} labelled reviews`);
console.log(`${pad('hint', 20)}${pad('labelled', 10)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('precision', 11)}recall`);
for (const s of scores) {
  console.log(`${pad(s.code, 20)}${pad(String(s.labelled), 10)}${pad(String(s.truePositives), 5)}${pad(String(s.falsePositives), 5)}${pad(String(s.falseNegatives), 5)}${pad(s.precision.toFixed(2), 11)}${s.recall.toFixed(2)}  ${HINT_LABELS[s.code]}`);
}
console.log('\nwrong (+ fired against the label, - missed):');
for (const s of scores) if (s.wrong.length) console.log(`  ${s.code}: ${s.wrong.join(' ')}`);

// Cost of one call as the page makes it on blur: fingerprint the text, compare with the pool, scan the phrase lists.
const sample = [...inputs.values()];
const rounds = 200;
const t0 = performance.now();
for (let r = 0; r < rounds; r++) for (const input of sample) reviewHints(input);
const perCall = (performance.now() - t0) / (rounds * sample.length);
const withMany: QualityInput = { ...sample[0], others: Array.from({ length: 100 }, (_, i) => ({ ...sample[0].others[i % sample[0].others.length], targetName: `对象${i}` })) };
const t1 = performance.now();
for (let r = 0; r < rounds; r++) reviewHints(withMany);
const perCallMany = (performance.now() - t1) / rounds;
console.log(`\none call: ${perCall.toFixed(3)} ms with the corpus's ~9 other reviews; ${perCallMany.toFixed(3)} ms against 100 other reviews (the most session.get sends)`);
const below = scores.filter((s) => s.precision < 0.8);
if (below.length) {
  console.log(`precision below 0.8: ${below.map((s) => s.code).join(', ')}`);
  process.exitCode = 1;
}
