// The preview shell: loads the compiled pages into miniprogram-simulate's browser build and plays the
// parts WeChat plays around a page — navigation bar, page stack, tab bar, toasts, loading, taps from a
// mouse, and the typing/toggling that simulate's unstyled built-in components cannot take by themselves.
(async function () {
  const state = window.__preview;
  const $ = (id) => document.getElementById(id);
  const screen = $('screen');
  document.documentElement.style.setProperty('--pv-font', `${state.fontPx}px`);
  // tall=1 (used for screenshots): the phone grows with the page so a picture shows all of it.
  document.body.classList.toggle('tall', new URLSearchParams(location.search).get('tall') === '1');
  // pc=1: as PC WeChat opens the mini program, in a wide window.
  document.body.classList.toggle('pc', new URLSearchParams(location.search).get('pc') === '1');

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
  const stack = [];

  const parse = (url) => {
    const [path, qs] = url.replace(/^\//, '').split('?');
    return { route: path, query: Object.fromEntries(new URLSearchParams(qs || '')) };
  };

  function syncChrome() {
    const top = stack[stack.length - 1];
    $('title').textContent = top ? bundle.titles[top.route] || '' : '';
    $('back').style.visibility = stack.length > 1 ? 'visible' : 'hidden';
    const onTab = top && tabs.includes(top.route) && stack.length === 1;
    $('tab-bar').style.display = onTab ? 'flex' : 'none';
    $('phone').classList.toggle('with-tabs', !!onTab);
    for (const a of $('tab-bar').children) a.classList.toggle('active', !!top && a.dataset.route === top.route);
    const q = new URLSearchParams(location.search);
    q.set('as', state.openid);
    q.set('font', String(state.fontPx));
    q.set('page', top ? top.route : '');
    q.delete('q');
    if (top && Object.keys(top.query).length) q.set('q', new URLSearchParams(top.query).toString());
    history.replaceState(null, '', `/preview/?${q}`);
  }

  async function open(url) {
    const { route, query } = parse(url);
    if (!bundle.files[`/mp/${route}.json`]) throw new Error(`no page ${route}`);
    ids[route] = ids[route] || window.simulate.load(`/mp/${route}`, { rootPath: '/mp' });
    const comp = window.simulate.render(ids[route]);
    const host = document.createElement('div');
    host.className = 'page-host';
    screen.appendChild(host);
    comp.attach(host);
    stack.forEach((p) => (p.host.style.display = 'none'));
    const entry = { route, query, comp, host };
    stack.push(entry);
    syncChrome();
    const inst = comp.instance;
    if (inst.onLoad) await inst.onLoad(query);
    if (inst.onShow) await inst.onShow();
    enhance(entry);
    return entry;
  }

  function close(entry) {
    entry.comp.detach();
    entry.host.remove();
  }

  state.router = {
    pages: () => stack.map((p) => ({ route: p.route, options: p.query })),
    push: (url) => open(url),
    replace: (url) => {
      const top = stack.pop();
      if (top) close(top);
      return open(url);
    },
    relaunch: (url) => {
      while (stack.length) close(stack.pop());
      return open(url);
    },
    back: () => {
      if (stack.length < 2) return;
      close(stack.pop());
      const top = stack[stack.length - 1];
      top.host.style.display = '';
      syncChrome();
      if (top.comp.instance.onShow) top.comp.instance.onShow();
    },
    toast: (title, icon) => {
      const t = $('toast');
      t.textContent = `${icon === 'success' ? '✓ ' : ''}${title}`;
      t.classList.add('show');
      clearTimeout(t._timer);
      t._timer = setTimeout(() => t.classList.remove('show'), 2500);
    },
    loading: (on, text) => {
      $('loading').classList.toggle('show', !!on);
      $('loading-text').textContent = text || '';
    },
  };

  // simulate renders built-in inputs as empty custom elements: give each a real control that reports to
  // the page exactly as WeChat's component would (an input event with detail.value, a change for switches).
  function enhance(entry) {
    // simulate keeps a node's WXML id on its exparser element, not on the DOM element.
    const idOf = (el) => el.id || (el.__wxElement && el.__wxElement.id) || '';
    const report = (el, name, value) => {
      const id = idOf(el);
      if (!id) return;
      const node = entry.comp.querySelector(`#${id}`);
      if (node) node.dispatchEvent(name, { detail: { value } });
    };
    const dataValue = (el) => {
      const field = el.dataset && el.dataset.field;
      return field && typeof entry.comp.instance.data[field] === 'string' ? entry.comp.instance.data[field] : null;
    };
    const walk = () => {
      // Mirror WXML ids into data-wx-id so people and the browser suite can find elements.
      for (const el of entry.host.querySelectorAll('*')) {
        const id = el.__wxElement && el.__wxElement.id;
        if (id && el.dataset.wxId !== id) el.dataset.wxId = id;
      }
      for (const el of entry.host.querySelectorAll('wx-textarea, wx-input')) {
        if (el.querySelector(':scope > .pv-real')) continue;
        const real = document.createElement(el.tagName === 'WX-TEXTAREA' ? 'textarea' : 'input');
        real.className = 'pv-real';
        const known = entry.comp.instance.data[idOf(el)] !== undefined ? entry.comp.instance.data[idOf(el)] : dataValue(el);
        if (typeof known === 'string' || typeof known === 'number') real.value = String(known);
        const placeholder = el.getAttribute('placeholder');
        if (placeholder) real.placeholder = placeholder;
        real.addEventListener('input', () => report(el, 'input', real.value));
        el.appendChild(real);
      }
      for (const el of entry.host.querySelectorAll('wx-switch')) {
        if (el.querySelector(':scope > .pv-switch')) continue;
        const knob = document.createElement('span');
        knob.className = 'pv-switch';
        const on = () => el.classList.contains('pv-on');
        const field = idOf(el) === 'big-text' ? 'bigText' : idOf(el);
        el.classList.toggle('pv-on', entry.comp.instance.data[field] === true);
        el.appendChild(knob);
        el.addEventListener('click', () => {
          if (el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false') return;
          el.classList.toggle('pv-on', !on());
          report(el, 'change', on());
        });
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
      // Date pickers: a real date input that reports the picker's change.
      for (const el of entry.host.querySelectorAll('wx-picker')) {
        if (el.querySelector(':scope > .pv-date') || !idOf(el)) continue;
        const real = document.createElement('input');
        real.type = 'date';
        real.className = 'pv-date';
        real.addEventListener('change', () => report(el, 'change', real.value));
        el.appendChild(real);
      }
      // Radios: a tap on one reports the group's change with its value (data-value), as WeChat's group does.
      for (const el of entry.host.querySelectorAll('wx-radio')) {
        if (el.classList.contains('pv-radio')) continue;
        el.classList.add('pv-radio');
        const wx = el.__wxElement;
        const value = wx && wx.dataset ? wx.dataset.value : undefined;
        el.classList.toggle('pv-on', Boolean(wx && wx.dataset && wx.dataset.checked));
        el.addEventListener('click', () => {
          const group = el.closest('wx-radio-group');
          if (!group || value === undefined) return;
          for (const r of group.querySelectorAll('wx-radio')) r.classList.toggle('pv-on', r === el);
          report(group, 'change', value);
        });
      }
      // Checkboxes: a tap flips one and reports the group's change with every checked value.
      for (const el of entry.host.querySelectorAll('wx-checkbox')) {
        if (el.classList.contains('pv-check')) continue;
        el.classList.add('pv-check');
        const wx = el.__wxElement;
        el.classList.toggle('pv-on', Boolean(wx && wx.dataset && wx.dataset.checked));
        el.addEventListener('click', () => {
          const group = el.closest('wx-checkbox-group');
          if (!group) return;
          el.classList.toggle('pv-on');
          const values = [...group.querySelectorAll('wx-checkbox.pv-on')].map((c) => c.__wxElement && c.__wxElement.dataset.value).filter((v) => v !== undefined);
          report(group, 'change', values);
        });
      }
    };
    walk();
    new MutationObserver(walk).observe(entry.host, { childList: true, subtree: true });
  }

  // A desktop mouse has no touch events; WeChat's tap is made of them.
  let touch = null;
  screen.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'mouse' || e.target.closest('.pv-real')) return;
    touch = new Touch({ identifier: Date.now(), target: e.target, pageX: e.pageX, pageY: e.pageY, clientX: e.clientX, clientY: e.clientY });
    e.target.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, cancelable: true, touches: [touch], targetTouches: [touch], changedTouches: [touch] }));
  });
  screen.addEventListener('pointerup', (e) => {
    if (e.pointerType !== 'mouse' || !touch) return;
    const t = touch;
    touch = null;
    t.target.dispatchEvent(new TouchEvent('touchend', { bubbles: true, cancelable: true, touches: [], targetTouches: [], changedTouches: [t] }));
  });

  // Chrome: tab bar, back, act-as and font switchers, jump list.
  const icon = (path) => (path && bundle.images[path] ? `url(${bundle.images[path]})` : 'none');
  $('tab-bar').innerHTML = bundle.app.tabBar.list
    .map((t) => `<a data-route="${t.pagePath}" id="tab-${t.pagePath.split('/')[1]}" style="--icon: ${icon(t.iconPath)}; --icon-on: ${icon(t.selectedIconPath)}"><span class="tab-icon"></span>${t.text}</a>`)
    .join('');
  $('tab-bar').addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (a) state.router.relaunch(`/${a.dataset.route}`);
  });
  $('back').addEventListener('click', () => state.router.back());
  const { roles } = await (await fetch('/preview/roles.json')).json();
  $('act-as').innerHTML = roles.map((r) => `<option value="${r.openid}">${r.label}${r.tenant ? `（${r.tenant}）` : ''}</option>`).join('');
  $('act-as').value = state.openid;
  $('font').value = String(state.fontPx);
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
  $('jump').innerHTML = `<h2>直接打开</h2>${jumps.map(([text, url]) => `<a href="#" data-url="${url}">${text}</a>`).join('')}`;
  $('jump').addEventListener('click', (e) => {
    const a = e.target.closest('a');
    if (!a) return;
    e.preventDefault();
    state.router.relaunch(a.dataset.url);
  });

  const params = new URLSearchParams(location.search);
  const first = params.get('page');
  const q = params.get('q');
  const startUrl = first ? `/${first}${q ? `?${q}` : ''}` : state.openid === 'o-preview-masses' && links.invited ? `/pages/opinion/invited/invited?id=${links.invited}` : state.openid === 'o-preview-newcomer' && links.join ? `/pages/join/join/join?id=${links.join}` : `/${bundle.app.pages[0]}`;
  await state.router.relaunch(startUrl);
  document.body.dataset.ready = 'true';
})().catch((err) => {
  console.error(err);
  document.body.dataset.ready = 'error';
});

// The outbox beside the phone: what the remind function sent, newest first.
(function outbox() {
  const list = document.getElementById('outbox-list');
  const esc = (t) => String(t).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  async function refresh() {
    try {
      const { messages } = await (await fetch('/outbox')).json();
      list.innerHTML = messages
        .slice()
        .reverse()
        .map((m) => `<li><div class="who">${esc(m.sentAt)} → ${esc(m.touser)}（${esc(m.templateId)}）</div>${Object.entries(m.data).map(([k, v]) => `<div>${esc(k)}：${esc(v.value)}</div>`).join('')}<div class="page">${esc(m.page || '')}</div></li>`)
        .join('') || '<li>还没有发出的提醒</li>';
    } catch {
      // The dev server restarts now and then; the next tick tries again.
    }
  }
  document.getElementById('outbox-clear').addEventListener('click', async () => {
    await fetch('/outbox', { method: 'DELETE' });
    refresh();
  });
  refresh();
  setInterval(refresh, 3000);
})();
