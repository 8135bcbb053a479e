// The preview shell: loads the compiled pages into miniprogram-simulate's browser build and plays the
// parts WeChat plays around a page — navigation bar, a page stack of live instances with WeChat's
// lifecycle, tab pages kept alive, the tab bar, toasts, loading, modals, the subscribe sheet, taps from
// a mouse — and, beside the phone, the person's group chats, the files they could pick from a chat and
// the documents the app opened (panels.js).
(async function () {
  const state = window.__preview;
  const $ = (id) => document.getElementById(id);
  const screen = $('screen');
  const search = new URLSearchParams(location.search);
  document.documentElement.style.setProperty('--pv-font', `${state.fontPx}px`);
  // 100vh in a page is the phone's screen (preview/build.ts rewrites vh to this).
  // A tall screenshot's screen grows with its page, so there it stays the height of a phone's screen.
  const measure = () => document.documentElement.style.setProperty('--pv-vh', `${search.get('tall') === '1' ? 6.68 : screen.clientHeight / 100}px`);
  new ResizeObserver(measure).observe(screen);
  // tall=1 (used for screenshots): the phone grows with the page so a picture shows all of it.
  document.body.classList.toggle('tall', search.get('tall') === '1');
  // pc=1: as PC WeChat opens the mini program, in a wide window.
  document.body.classList.toggle('pc', search.get('pc') === '1');

  // One clock: the pages' Date.now follows the local cloud's clock (which may be set to a fixed day).
  const { now } = await (await fetch('/preview/now.json')).json();
  const offset = now - Date.now();
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offset;
  const bundle = await (await fetch('/preview/bundle.json')).json();
  window.__FILE_MAP__ = bundle.files;
  const gwx = new Function(bundle.gwx)();
  for (const c of bundle.components) window.__FILE_MAP__[`${c}.wxml`] = gwx(`${c.slice('/mp/'.length)}.wxml`);
  const tabs = bundle.app.tabBar.list.map((t) => t.pagePath);
  const ids = {};
  /** WeChat's page stack: live instances, the top one shown. */
  const stack = [];
  /** Tab pages, created once and kept until a reLaunch. */
  const tabPages = new Map();
  // WeChat refuses a navigateTo past ten pages on the stack.
  const STACK_LIMIT = 10;

  const parse = (url) => {
    const [path, qs] = url.replace(/^\//, '').split('?');
    return { route: path, query: Object.fromEntries(new URLSearchParams(qs || '')) };
  };
  const call = async (entry, hook, ...args) => {
    const fn = entry.comp.instance[hook];
    if (typeof fn === 'function') await fn.apply(entry.comp.instance, args);
  };

  function syncChrome() {
    const top = stack[stack.length - 1];
    $('title').textContent = top ? bundle.titles[top.route] || '' : '';
    $('back').style.visibility = stack.length > 1 ? 'visible' : 'hidden';
    const onTab = top && tabs.includes(top.route);
    $('tab-bar').style.display = onTab ? 'flex' : 'none';
    $('phone').classList.toggle('with-tabs', !!onTab);
    for (const a of $('tab-bar').children) a.classList.toggle('active', !!top && a.dataset.route === top.route);
    for (const p of [...stack, ...tabPages.values()]) p.host.style.display = p === top ? '' : 'none';
    // The shown page is always the last host, so "the page on screen" is one selector.
    if (top && screen.lastElementChild !== top.host) screen.appendChild(top.host);
    const q = new URLSearchParams(location.search);
    q.set('as', state.openid);
    q.set('font', String(state.fontPx));
    q.set('page', top ? top.route : '');
    q.delete('q');
    if (top && Object.keys(top.query).length) q.set('q', new URLSearchParams(top.query).toString());
    history.replaceState(null, '', `/preview/?${q}`);
    document.body.dataset.stack = String(stack.length);
  }

  async function create(url) {
    const { route, query } = parse(url);
    if (!bundle.files[`/mp/${route}.json`]) throw new Error(`page "${route}" is not found`);
    ids[route] = ids[route] || window.simulate.load(`/mp/${route}`, { rootPath: '/mp' });
    const comp = window.simulate.render(ids[route]);
    const host = document.createElement('div');
    host.className = 'page-host';
    host.dataset.route = route;
    screen.appendChild(host);
    comp.attach(host);
    const entry = { route, query, comp, host };
    enhance(entry);
    return entry;
  }

  /** A new page on top: the one below hides, the new one loads and shows. */
  async function enter(entry, below) {
    if (below) await call(below, 'onHide');
    stack.push(entry);
    syncChrome();
    await call(entry, 'onLoad', entry.query);
    await call(entry, 'onShow');
    await call(entry, 'onReady');
  }

  async function unload(entry) {
    await call(entry, 'onUnload');
    entry.comp.detach();
    entry.host.remove();
  }

  const isTab = (url) => tabs.includes(parse(url).route);

  state.router = {
    pages: () => stack.map((p) => Object.assign(p.comp.instance, { route: p.route, options: p.query })),
    top: () => stack[stack.length - 1],
    async push(url) {
      if (isTab(url)) throw new Error('can not navigateTo a tabbar page');
      if (stack.length >= STACK_LIMIT) throw new Error('webview count limit exceed');
      const entry = await create(url);
      await enter(entry, stack[stack.length - 1]);
    },
    async replace(url) {
      if (isTab(url)) throw new Error('can not redirectTo a tabbar page');
      const entry = await create(url);
      const top = stack.pop();
      if (top && !tabPages.has(top.route)) await unload(top);
      else if (top) await call(top, 'onHide');
      await enter(entry, null);
    },
    async relaunch(url) {
      // reLaunch closes every page, tab pages too.
      while (stack.length) {
        const p = stack.pop();
        if (!tabPages.has(p.route)) await unload(p);
      }
      for (const p of tabPages.values()) await unload(p);
      tabPages.clear();
      const entry = await create(url);
      if (isTab(url)) tabPages.set(entry.route, entry);
      await enter(entry, null);
    },
    async switchTab(url) {
      if (!isTab(url)) throw new Error('can not switchTab to a page that is not a tabbar page');
      const { route } = parse(url);
      const top = stack[stack.length - 1];
      if (top && top.route === route && stack.length === 1) return;
      // Every page above the tabs closes; the tab page that was shown hides.
      while (stack.length) {
        const p = stack.pop();
        if (tabPages.has(p.route)) await call(p, 'onHide');
        else await unload(p);
      }
      const kept = tabPages.get(route);
      if (kept) {
        stack.push(kept);
        syncChrome();
        await call(kept, 'onShow');
        return;
      }
      const entry = await create(url);
      tabPages.set(route, entry);
      await enter(entry, null);
    },
    async back(delta = 1) {
      if (stack.length < 2) throw new Error('cannot navigate back at first page');
      for (let i = 0; i < delta && stack.length > 1; i += 1) await unload(stack.pop());
      const top = stack[stack.length - 1];
      syncChrome();
      await call(top, 'onShow');
    },
    // WeChat's own screens (选择文件, 选择一个聊天) cover the app: the page on top hides, then shows again.
    background: async () => {
      const top = stack[stack.length - 1];
      if (top) await call(top, 'onHide');
    },
    foreground: async () => {
      const top = stack[stack.length - 1];
      if (top) await call(top, 'onShow');
    },
    toast: (title, icon, duration) => {
      const t = $('toast');
      t.textContent = `${icon === 'success' ? '✓ ' : ''}${title}`;
      t.classList.add('show');
      clearTimeout(t._timer);
      t._timer = setTimeout(() => t.classList.remove('show'), duration || 2500);
    },
    loading: (on, text) => {
      $('loading').classList.toggle('show', !!on);
      $('loading-text').textContent = text || '';
    },
    scrollTo: (o) => {
      const top = stack[stack.length - 1];
      if (!top) return;
      if (o.selector) {
        const id = o.selector.replace(/^#/, '');
        const el = top.host.querySelector(`[data-wx-id="${CSS.escape(id)}"]`);
        if (el) el.scrollIntoView({ block: 'start' });
      } else if (typeof o.scrollTop === 'number') screen.scrollTop = o.scrollTop;
    },
    // WeChat's modal: title, content, 取消 and 确定, in the phone.
    modal: (o) =>
      new Promise((resolve) => {
        const box = $('modal');
        box.querySelector('.pv-modal-title').textContent = o.title || '';
        box.querySelector('.pv-modal-content').textContent = o.content || '';
        const cancel = box.querySelector('.pv-modal-cancel');
        const ok = box.querySelector('.pv-modal-confirm');
        cancel.textContent = o.cancelText || '取消';
        cancel.style.display = o.showCancel === false ? 'none' : '';
        ok.textContent = o.confirmText || '确定';
        box.classList.add('show');
        const close = (confirm) => {
          box.classList.remove('show');
          cancel.onclick = ok.onclick = null;
          resolve(confirm);
        };
        cancel.onclick = () => close(false);
        ok.onclick = () => close(true);
      }),
    // The subscribe sheet: the templates asked for, 允许 or 取消.
    subscribeSheet: (templateIds) =>
      new Promise((resolve) => {
        const sheet = $('subscribe');
        sheet.querySelector('.pv-sheet-items').innerHTML = templateIds.map((t) => `<li>${escapeHtml(templateName(t))}</li>`).join('');
        sheet.classList.add('show');
        const close = (allow) => {
          sheet.classList.remove('show');
          resolve(allow);
        };
        sheet.querySelector('.pv-sheet-allow').onclick = () => close(true);
        sheet.querySelector('.pv-sheet-cancel').onclick = () => close(false);
      }),
  };
  const escapeHtml = (t) => String(t).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const templateName = (id) => (bundle.templates && bundle.templates[id]) || id;

  // The card of the page on top (its onShareAppMessage, else the page itself), into a chat the person picks.
  state.share = async (options) => {
    const top = stack[stack.length - 1];
    if (!top) return false;
    const fn = top.comp.instance.onShareAppMessage;
    const card = (typeof fn === 'function' ? await fn.call(top.comp.instance, options || { from: 'menu' }) : null) || {};
    const path = card.path || `/${top.route}${Object.keys(top.query).length ? `?${new URLSearchParams(top.query)}` : ''}`;
    // A page that declared an updatable card (wx.updateShareMenu) sends it with its activity and template.
    const updatable = top.comp.instance.__shareMenu || null;
    return state.panels.sendToChat({ kind: 'card', title: card.title || bundle.app.window.navigationBarTitleText || '领导点评', path, ...(updatable ? { updatable } : {}) });
  };
  // Opening a card from a chat enters the app anew at the card's page, with the chat's share ticket.
  state.openCard = async (card, opengid) => {
    state.enter = { scene: opengid ? 1044 : 1007, path: card.path, query: parse(card.path).query, ...(opengid ? { shareTicket: `ticket-${opengid}` } : {}) };
    await state.router.relaunch(card.path);
  };

  // Every element's WXML id mirrored into data-wx-id, so people and the suites can find it; images drawn.
  function enhance(entry) {
    const walk = () => {
      for (const el of entry.host.querySelectorAll('*')) {
        const id = el.__wxElement && el.__wxElement.id;
        if (id && el.dataset.wxId !== id) el.dataset.wxId = id;
      }
      // Images: simulate keeps no src on <image>; a page that wants its picture seen also sets data-src.
      for (const el of entry.host.querySelectorAll('wx-image')) {
        const src = el.__wxElement && el.__wxElement.dataset && el.__wxElement.dataset.src;
        const shown = el.querySelector(':scope > img.pv-img');
        if (!src || (shown && shown.getAttribute('src') === src)) continue;
        const img = shown || document.createElement('img');
        img.className = 'pv-img';
        img.src = src;
        if (!shown) el.appendChild(img);
      }
    };
    walk();
    new MutationObserver(walk).observe(entry.host, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  }

  // A desktop mouse has no touch events; WeChat's tap is made of them.
  let touch = null;
  screen.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'mouse' || e.target.closest('.pv-real, .pv-picker')) return;
    touch = new Touch({ identifier: Date.now(), target: e.target, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY });
    e.target.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [touch], targetTouches: [touch], changedTouches: [touch] }));
  });
  screen.addEventListener('pointerup', (e) => {
    if (e.pointerType !== 'mouse' || !touch) return;
    const t = touch;
    touch = null;
    t.target.dispatchEvent(new TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], targetTouches: [], changedTouches: [t] }));
  });

  // Chrome: tab bar, back, the capsule's 转发, act-as and font switchers, jump list.
  const icon = (path) => (path && bundle.images[path] ? `url(${bundle.images[path]})` : 'none');
  $('tab-bar').innerHTML = bundle.app.tabBar.list
    .map((t) => `<a data-route="${t.pagePath}" id="tab-${t.pagePath.split('/')[1]}" role="tab" style="--icon: ${icon(t.iconPath)}; --icon-on: ${icon(t.selectedIconPath)}"><span class="tab-icon"></span>${t.text}</a>`)
    .join('');
  $('tab-bar').addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (a) state.router.switchTab(`/${a.dataset.route}`);
  });
  $('back').addEventListener('click', () => state.router.back().catch(() => undefined));
  $('capsule').addEventListener('click', () => state.share({ from: 'menu' }));
  const { roles } = await (await fetch('/preview/roles.json')).json();
  $('act-as').innerHTML = roles.map((r) => `<option value="${r.openid}">${r.label}${r.tenant ? `（${r.tenant}）` : ''}</option>`).join('');
  $('act-as').value = state.openid;
  $('font').value = String(state.fontPx);
  // Another person is another phone: the app starts anew for them.
  const reload = (extra) => (location.href = `/preview/?${new URLSearchParams({ as: $('act-as').value, font: $('font').value, ...extra })}`);
  $('act-as').addEventListener('change', () => reload({}));
  $('font').addEventListener('change', () => {
    const top = stack[stack.length - 1];
    reload(top ? { page: top.route, q: new URLSearchParams(top.query).toString() } : {});
  });
  const links = await (await fetch('/preview/links.json')).json();
  const jumps = [
    ...bundle.app.tabBar.list.map((t) => [t.text, `/${t.pagePath}`]),
    ['加入组织（凭邀请）', links.join ? `/pages/join/join/join?id=${links.join}` : '/pages/join/join/join'],
    ['群众意见（凭链接）', links.invited ? `/pages/opinion/invited/invited?id=${links.invited}` : ''],
  ].filter(([, url]) => url);
  $('jump').innerHTML = `<h2>直接打开（开发用）</h2>${jumps.map(([text, url]) => `<a href="#" data-url="${url}">${text}</a>`).join('')}`;
  $('jump').addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a) return;
    e.preventDefault();
    state.enter = { scene: 1001, path: '', query: {} };
    state.router.relaunch(a.dataset.url);
  });
  // Phone-sized windows: the side panels fold away behind two buttons.
  for (const b of document.querySelectorAll('[data-toggle]')) b.addEventListener('click', () => document.body.classList.toggle(`show-${b.dataset.toggle}`));

  const first = search.get('page');
  const q = search.get('q');
  const startUrl = first ? `/${first}${q ? `?${q}` : ''}` : state.openid === 'o-preview-masses' && links.invited ? `/pages/opinion/invited/invited?id=${links.invited}` : state.openid === 'o-preview-newcomer' && links.join ? `/pages/join/join/join?id=${links.join}` : `/${bundle.app.pages[0]}`;
  await state.router.relaunch(startUrl);
  // The demo's standing cards are in the chats once links.json made them.
  await state.panels.refresh();
  document.body.dataset.ready = 'true';
})().catch((err) => {
  console.error(err);
  document.body.dataset.ready = 'error';
});
