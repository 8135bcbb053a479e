// A person's hands on the preview: a journey opens the preview once as a role and then moves only by
// tapping what is on screen (found by its visible Chinese text) and typing into visible fields, as that
// person would. Every step is photographed into docs/journeys/<journey>/; a step that cannot go on fails
// with its name and a picture of what was on screen.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settle } from '../preview-driver.mjs';

const root = new URL('../..', import.meta.url).pathname;
/** Where the pictures go: one folder per journey, a gallery beside them. */
export const JOURNEY_DIR = join(root, 'docs', 'journeys');

/** How long a finger waits after the page scrolled before it taps (simulate drops taps within 150 ms). */
const SCROLL_SETTLE_MS = 200;

/** The page on the phone's screen (WeChat keeps the others on its stack, hidden). */
const topPage = (page) => page.locator('#screen > .page-host').last();
/** What the phone shows over the page, when it shows something: a modal, the subscribe sheet, a WeChat screen. */
const overlay = (page) => page.locator('#phone .pv-mask.show, #phone .pv-wx-page.show').last();

/**
 * Opens the preview as `as` at `font` and returns the hands of that person. `name` is the journey's
 * folder; `start` optionally names the first page (only where WeChat itself would open one, e.g. a
 * service notice), otherwise the app opens at its home as on a phone.
 */
export async function begin(browser, url, { name, as, font = 17, start = '', query = '', panel = true }) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const params = new URLSearchParams({ as, font: String(font), ...(start ? { page: start } : {}), ...(query ? { q: query } : {}) });
  await page.goto(`${url}/preview/?${params}`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
  await settle(page);
  const dir = join(JOURNEY_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const steps = [];
  let taps = 0;

  async function shot(caption) {
    await page.waitForTimeout(120);
    const file = `${String(steps.length + 1).padStart(2, '0')}.png`;
    // The phone, and beside it WeChat's chats when the step happens there.
    const phone = await page.locator('#phone').boundingBox();
    const side = panel ? await page.locator('#panels').boundingBox() : null;
    const right = side && side.width > 0 ? side.x + side.width : phone.x + phone.width;
    await page.screenshot({ path: join(dir, file), clip: { x: phone.x - 8, y: Math.max(0, phone.y - 8), width: right - phone.x + 16, height: phone.height + 16 } });
    steps.push({ caption, file });
  }

  /** Runs one step; on failure names it and keeps a picture of the screen. */
  async function step(caption, fn) {
    try {
      const out = await fn();
      await settle(page);
      await shot(caption);
      return out;
    } catch (err) {
      await shot(`失败：${caption}`).catch(() => undefined);
      throw new Error(`journey "${name}", step "${caption}": ${err && err.message ? err.message.split('\n')[0] : err}`);
    }
  }

  /** The visible element that shows `text` (exactly, else containing it), inside the overlay if one is up. */
  async function find(text, { exact = false, within = null } = {}) {
    const scope = within ?? ((await overlay(page).count()) ? overlay(page) : topPage(page));
    const pick = async (loc) => {
      const n = await loc.count();
      for (let i = 0; i < n; i += 1) if (await loc.nth(i).isVisible()) return loc.nth(i);
      return null;
    };
    const hit = (await pick(scope.getByText(text, { exact: true }))) ?? (exact ? null : await pick(scope.getByText(text)));
    if (!hit) throw new Error(`nothing on screen reads "${text}". The screen shows:\n${(await scope.innerText()).replace(/\s+/g, ' ').slice(0, 500)}`);
    return hit;
  }

  const hands = {
    page,
    errors,
    steps,
    get taps() {
      return taps;
    },
    /** Taps what reads `text` on the screen. */
    tap: (text, caption = `点「${text}」`, opts = {}) =>
      step(caption, async () => {
        const el = await find(text, opts);
        await el.scrollIntoViewIfNeeded();
        // WeChat (and simulate) ignore a tap within 150 ms of a scroll: a finger waits for the page to stop.
        await page.waitForTimeout(SCROLL_SETTLE_MS);
        await el.tap();
        taps += 1;
      }),
    /** Taps the tab bar's `text`. */
    tab: (text) =>
      step(`点底部的「${text}」`, async () => {
        await page.locator('#tab-bar a', { hasText: text }).click();
        taps += 1;
      }),
    /** The top-left back arrow. */
    back: (caption = '点左上角返回') =>
      step(caption, async () => {
        await page.locator('#back').click();
        taps += 1;
      }),
    /** Types into the field labelled `label` (its placeholder, else the nearest label text above it). */
    type: (label, value, caption = `在「${label}」里写：${value.length > 24 ? `${value.slice(0, 24)}…` : value}`) =>
      step(caption, async () => {
        const scope = topPage(page);
        // The box the person sees: a page may keep others with the same placeholder hidden (录入点评's other people).
        let field = scope.locator(`.pv-real[placeholder*="${label}"]`).filter({ visible: true });
        if (!(await field.count())) {
          const labelEl = await find(label);
          const handle = await labelEl.evaluateHandle((el) => {
            const all = [...el.closest('.page-host').querySelectorAll('.pv-real')];
            return all.find((f) => el.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING && f.offsetParent !== null) ?? null;
          });
          const element = handle.asElement();
          if (!element) throw new Error(`no field after "${label}"`);
          await element.scrollIntoViewIfNeeded();
          await element.tap();
          await element.fill(value);
          taps += 1;
          return;
        }
        await field.first().scrollIntoViewIfNeeded();
        await field.first().tap();
        await field.first().fill(value);
        taps += 1;
      }),
    /** Picks a date in the date picker labelled `label`. */
    date: (label, value) =>
      step(`「${label}」选 ${value}`, async () => {
        const labelEl = await find(label);
        const handle = await labelEl.evaluateHandle((el) => [...el.closest('.page-host').querySelectorAll('wx-picker > .pv-picker')].find((f) => el.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null);
        const element = handle.asElement();
        if (!element) throw new Error(`no date picker after "${label}"`);
        await element.fill(value);
        taps += 2;
      }),
    /** Opens the card titled `title` in one of the person's group chats (beside the phone). */
    openCard: (title) =>
      step(`在群聊里点开卡片「${title}」`, async () => {
        await page.locator('#panels [data-panel="chats"]').click();
        const card = page.locator('#chat-list .pv-card', { hasText: title }).last();
        await card.waitFor({ timeout: 10_000 });
        await card.click();
        taps += 1;
      }),
    /** Waits until the screen shows `text` (after a tap that loads or saves). */
    see: (text, caption = `看到「${text}」`) =>
      step(caption, async () => {
        await page.waitForFunction(
          (t) => {
            const host = [...document.querySelectorAll('#screen > .page-host')].pop();
            const over = document.querySelector('#phone .pv-mask.show, #phone .pv-wx-page.show');
            return ((host && host.innerText) || '').includes(t) || ((over && over.innerText) || '').includes(t) || document.querySelector('#toast').textContent.includes(t);
          },
          text,
          { timeout: 15_000 },
        ).catch(async () => {
          throw new Error(`the screen never showed "${text}". It shows:\n${(await topPage(page).innerText()).replace(/\s+/g, ' ').slice(0, 500)}`);
        });
      }),
    /** Fails unless the screen does not show `text` (after waiting for the page to settle). */
    notSee: (text, caption = `不再看到「${text}」`) =>
      step(caption, async () => {
        await settle(page);
        const shown = (await topPage(page).innerText()).replace(/\s+/g, ' ');
        if (shown.includes(text)) throw new Error(`the screen still shows "${text}":\n${shown.slice(0, 500)}`);
      }),
    /** The visible text of the page on screen. */
    text: async () => (await topPage(page).innerText()).replace(/\s+/g, ' '),
    /** The page's title in the navigation bar. */
    title: async () => page.locator('#title').innerText(),
    /** Hands the phone to another person (as WeChat opens the app for them), at `font`: a journey that goes from one person to the next. */
    become: (who, font, caption) =>
      step(caption, async () => {
        await page.goto(`${url}/preview/?${new URLSearchParams({ as: who, font: String(font ?? 17) })}`);
        await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
      }),
    /** Another person picks up their own phone: the preview opens at their home as `as` (same font). */
    switchTo: (as, caption) =>
      step(caption, async () => {
        await page.goto(`${url}/preview/?${new URLSearchParams({ ...Object.fromEntries(params), as })}`);
        await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60_000 });
      }),
    /** Checks something outside the screen (the api, the outbox) and records it as a step. */
    check: (caption, fn) => step(caption, fn),
    close: () => context.close(),
  };
  return hands;
}

/** Writes docs/journeys/README.md: each journey's outcome, taps against its budget, and its pictures. */
export function writeGallery(results) {
  const lines = [
    '# Journeys',
    '',
    'Each journey opens the preview once as one person and then moves only by tapping what is on the screen and typing',
    'into visible fields. Made by `npm run journeys` (also the last step of `npm test`); every step is photographed.',
    '',
    '| journey | who | outcome | taps (budget) | result |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| [${r.name}](#${r.name}) | ${r.who} | ${r.outcome} | ${r.taps} (≤ ${r.budget}) | ${r.ok ? 'passed' : `**failed**: ${r.error.replace(/\|/g, '\\|').split('\n')[0]}`} |`),
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.name}`, '', `**${r.who}**: ${r.outcome}. ${r.taps} taps (budget ${r.budget}).`, '');
    r.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.caption}  `, `   ![${s.caption}](${r.name}/${s.file})`));
    lines.push('');
  }
  writeFileSync(join(JOURNEY_DIR, 'README.md'), `${lines.join('\n')}\n`);
}
