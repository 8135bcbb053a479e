/**
 * What every page shares, as a `Behavior` (the mechanism TDesign's mixins use). WeChat keeps pages alive:
 * after `navigateBack` the page below is shown again (its onShow, no new onLoad), a tab page is made once
 * and shown again on every tab tap, and the app coming back from the background shows its top page again.
 * So a page that reads its data only in onLoad shows what was true when it was first opened. Here:
 * - the text size (WeChat's setting, 大字模式 switched on 我的) is applied on every show;
 * - the page's `refresh()` runs on every show after the first, to read again what may have changed
 *   elsewhere. The first show follows onLoad, which loads already, so a first open stays one api call.
 *   `refresh` is quiet: no loading mask, nothing wiped while it reads, what the user typed kept (each form
 *   page says in its `refresh` what it reads again and what it keeps);
 * - the request ids of the page's forms (`formsOf(this)`) belong to the instance, so two stacked instances
 *   of one page (a 点评进度 opened a level down from itself) never share a pending intent.
 * A page's own methods override its behaviors' methods of the same name, and in a page built with
 * Component() onShow is a method: pages using this behavior define `refresh`, never `onShow`.
 */
import { textSize } from '../services/font';
import { intents, type Intents } from '../services/submit';

/** What a page using the behavior may define. */
export interface Refreshable {
  /** Reads again, quietly, what may have changed while the page was hidden; called on each show after the first. */
  refresh?(): unknown;
}

/** The slice of a page instance the behavior uses (typed here so it reads the same under both typings). */
interface PageLike extends Refreshable {
  setData(data: Record<string, unknown>): void;
}

// Per instance, keyed by the instance itself (WeChat's `this` is one object for a page's whole life).
const shownBefore = new WeakSet<object>();
const running = new WeakMap<object, Promise<unknown>>();
const holders = new WeakMap<object, Intents>();

/** The intents (request ids) of this page instance's forms, made on first use and kept for its life. */
export function formsOf(page: object): Intents {
  let held = holders.get(page);
  if (!held) {
    held = intents();
    holders.set(page, held);
  }
  return held;
}

/** Runs the page's refresh, unless one is still running (shows in quick succession read once). */
function refreshOnce(page: PageLike): Promise<unknown> {
  const current = running.get(page);
  if (current) return current;
  const started = Promise.resolve(page.refresh?.()).finally(() => running.delete(page));
  running.set(page, started);
  return started;
}

/** Applies the text size on every show and refreshes the page on every show after the first. */
export function showPage(page: PageLike): Promise<unknown> {
  page.setData({ ...textSize() });
  if (!shownBefore.has(page)) {
    shownBefore.add(page);
    return Promise.resolve();
  }
  return refreshOnce(page);
}

/** The behavior every page lists first in `behaviors`: text size on show, quiet refresh on re-show. */
export const pageBehavior = Behavior({
  data: { ...textSize() },
  methods: {
    // Returned so that a caller (a test, the preview) can wait for the refresh; WeChat ignores it.
    onShow(this: PageLike) {
      return showPage(this);
    },
  },
});
