// `npm run journeys` (and the last step of `npm test`): every journey in Chromium on a fresh local cloud,
// each from its person's home by taps alone, photographed step by step into docs/journeys/ with a gallery.
// Prints taps per journey against its budget; fails when a journey cannot finish or goes over budget.
// JOURNEYS=name,name runs only those.
import { INSTALL_HINT, hasChromium, launch, startServer } from '../preview-driver.mjs';
import { begin, writeGallery } from './driver.mjs';
import { JOURNEYS } from './journeys.mjs';

if (!hasChromium()) {
  console.log('journeys: DID NOT RUN — no Chromium at /usr/bin/chromium (set CHROMIUM_PATH to use another).');
  console.log(`journeys: install it with: ${INSTALL_HINT}`);
  process.exit(0);
}

const only = (process.env.JOURNEYS || '').split(',').filter(Boolean);
const chosen = JOURNEYS.filter((j) => !only.length || only.includes(j.name));
const started = Date.now();
const server = await startServer();
const browser = await launch();
const results = [];
try {
  for (const journey of chosen) {
    const j = await begin(browser, server.url, { name: journey.name, as: journey.as, font: journey.font, start: journey.start });
    const result = { name: journey.name, who: journey.who, outcome: journey.outcome, budget: journey.budget, taps: 0, steps: j.steps, ok: false, error: '' };
    try {
      await journey.run(j, { url: server.url });
      result.taps = j.taps;
      if (j.errors.length) throw new Error(`console errors: ${j.errors.join(' | ')}`);
      if (j.taps > journey.budget) throw new Error(`${j.taps} taps, over the budget of ${journey.budget}`);
      result.ok = true;
    } catch (err) {
      result.taps = j.taps;
      result.error = String(err && err.message ? err.message : err);
    } finally {
      await j.close();
    }
    results.push(result);
    console.log(`  ${result.ok ? '✓' : '✕'} ${journey.name}: ${journey.who} — ${journey.outcome}; ${result.taps} taps (budget ${journey.budget})${result.ok ? '' : `\n    ${result.error.split('\n').join('\n    ')}`}`);
  }
} finally {
  await browser.close();
  await server.close();
}
if (!only.length) writeGallery(results);
const failed = results.filter((r) => !r.ok);
console.log(`journeys: ${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s (pictures in docs/journeys/)`);
if (failed.length) process.exit(1);
