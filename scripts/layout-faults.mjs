// Faults a person at the largest text would meet on a screen of the preview: a date or a number broken
// across two lines (「截止 2026年11月26\n日」), and a tap target smaller than 44 px (WeChat's and Apple's
// minimum for a finger). Run inside the page by the browser suite and `npm run screens`.

/** The faults on the screen now: `{ broken: string[], small: string[] }`. */
export async function layoutFaults(page) {
  return page.evaluate(() => {
    const screen = document.querySelector('#screen > .page-host:last-child') || document.querySelector('#screen');
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none';
    };
    // Dates, times, amounts: a token that a reader takes in at once must stay on one line.
    const TOKEN = /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d+(?:\.\d+)?\s?(?:%|条|人|项|个|次|天|份|名|位)|\d{2,}/g;
    const broken = [];
    const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent)) continue;
      const text = node.textContent || '';
      for (const m of text.matchAll(TOKEN)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom / 4)));
        if (tops.size > 1) broken.push(`${m[0]} in 「${text.trim().slice(0, 40)}」`);
      }
    }
    // Tap targets: buttons, switches, radios, checkboxes, pickers, labels and anything bound to a tap. A
    // `bindtap` / `bind:tap` leaves no mark in the DOM: simulate keeps it on the element's exparser node
    // (`__wxElement.__wxEvents.tap`), so those are found there, whatever their class.
    const small = [];
    const SELECTOR = 'wx-button, wx-switch, wx-radio, wx-checkbox, wx-picker, wx-label, [data-url], [class*="--tap"], [class*="tappable"], [class*="link"]';
    // TDesign's tag binds a tap of its own to re-emit it; our pages never listen, so a tag is text, not a target.
    const bound = (el) => {
      const events = el.__wxElement && el.__wxElement.__wxEvents;
      return Boolean(events && events.tap) && !el.closest('t-tag') && !/(^|\s|-)t-tag(\s|$|--)/.test(String(el.className || ''));
    };
    const all = [...screen.querySelectorAll('*')];
    const tappable = all.filter((el) => el.matches(SELECTOR) || bound(el));
    const isTappable = new Set(tappable);
    const insideTappable = (el) => {
      for (let p = el.parentElement; p && p !== screen; p = p.parentElement) if (isTappable.has(p)) return true;
      return false;
    };
    for (const el of tappable) {
      if (!visible(el)) continue;
      if (insideTappable(el) && el.tagName !== 'WX-BUTTON') continue;
      const r = el.getBoundingClientRect();
      if (r.height < 43.5) small.push(`${el.tagName.toLowerCase()} ${Math.round(r.width)}×${Math.round(r.height)} 「${(el.textContent || '').trim().slice(0, 20)}」`);
    }
    return { broken, small };
  });
}
