// Beside the phone, what WeChat is around the mini program: the person's group chats (cards to open,
// files received), the documents the app opened, and the service notices the remind function sent.
// In the phone, the two WeChat screens the app hands over to: 选择一个聊天 (sharing a card or a file)
// and 选择文件 (a file from a chat: the sample files and any file dropped on the tray).
(function () {
  const state = window.__preview;
  const $ = (id) => document.getElementById(id);
  const esc = (t) => String(t).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const size = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  const time = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
  let chats = [];
  const dropped = [];

  // Panel tabs: 群聊, 文件, 服务通知.
  for (const b of document.querySelectorAll('#panels [data-panel]')) {
    b.addEventListener('click', () => {
      for (const x of document.querySelectorAll('#panels [data-panel]')) x.classList.toggle('active', x === b);
      for (const p of document.querySelectorAll('#panels .pv-panel')) p.hidden = p.id !== `panel-${b.dataset.panel}`;
    });
  }

  let drawn = '';
  async function refreshChats() {
    let text = '';
    try {
      text = await (await fetch(`/preview/chats.json?as=${encodeURIComponent(state.openid)}`)).text();
    } catch {
      return;
    }
    // Redraw only when something arrived, so a card is never replaced under a finger.
    if (text === drawn) return;
    drawn = text;
    chats = JSON.parse(text).chats;
    $('chat-list').innerHTML =
      chats
        .map(
          (g) => `<section class="pv-chat" data-gid="${esc(g.opengid)}"><h3>${esc(g.name)}<small>（${g.members.length}人）</small></h3>${
            g.messages.length
              ? g.messages
                  .map((m) =>
                    m.kind === 'card'
                      ? `<div class="pv-msg"><div class="pv-from">${esc(m.fromName)} ${time(m.at)}</div><a href="#" class="pv-card" data-gid="${esc(g.opengid)}" data-id="${m.id}"><span class="pv-card-app">领导点评</span><span class="pv-card-title">${esc(m.title)}</span>${m.face ? `<span class="pv-card-state" data-state="${m.face.state}" style="color:${esc(m.face.color)}">${esc(m.face.text)}</span>` : ''}<span class="pv-card-foot">小程序</span></a></div>`
                      : `<div class="pv-msg"><div class="pv-from">${esc(m.fromName)} ${time(m.at)}</div><a class="pv-file" href="/preview/chats/files/${m.id}" download="${esc(m.name)}">📄 ${esc(m.name)}<small>${size(m.bytes)}</small></a></div>`,
                  )
                  .join('')
              : '<p class="hint">还没有消息</p>'
          }</section>`,
        )
        .join('') || '<p class="hint">这个人不在任何演示群里</p>';
  }
  $('chat-list').addEventListener('click', (e) => {
    const a = e.target.closest('.pv-card');
    if (!a) return;
    e.preventDefault();
    const g = chats.find((x) => x.opengid === a.dataset.gid);
    const card = g && g.messages.find((m) => m.id === a.dataset.id);
    if (card) state.openCard(card, g.opengid);
  });

  /** A WeChat screen drawn over the phone; resolves with what was picked, or null on 取消. */
  function sheet(title, rows) {
    return new Promise((resolve) => {
      const box = $('wx-sheet');
      box.querySelector('.pv-sheet-title').textContent = title;
      const list = box.querySelector('.pv-sheet-list');
      list.innerHTML = rows
        .map((r, i) => `<li><button type="button" data-i="${i}" ${r.disabled ? 'disabled' : ''}><span class="pv-row-main">${esc(r.label)}</span>${r.sub ? `<span class="pv-row-sub">${esc(r.sub)}</span>` : ''}</button></li>`)
        .join('');
      box.classList.add('show');
      const close = (value) => {
        box.classList.remove('show');
        list.onclick = null;
        box.querySelector('.pv-sheet-close').onclick = null;
        resolve(value);
      };
      list.onclick = (e) => {
        const b = e.target.closest('button[data-i]');
        if (b && !b.disabled) close(rows[Number(b.dataset.i)].value);
      };
      box.querySelector('.pv-sheet-close').onclick = () => close(null);
    });
  }

  const toBase64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };

  state.panels = {
    refresh: refreshChats,
    /** 选择一个聊天: the person's chats; the card or file goes into the one tapped. */
    async sendToChat(message) {
      await refreshChats();
      const what = message.kind === 'card' ? message.title : message.name;
      const gid = await sheet(`发送给：${what}`, chats.map((g) => ({ label: g.name, sub: `${g.members.length}人`, value: g.opengid })));
      if (!gid) return false;
      const body = message.kind === 'card' ? { title: message.title, path: message.path, ...(message.updatable ? { updatable: message.updatable } : {}) } : { name: message.name, base64: await toBase64(message.blob) };
      const res = await fetch('/preview/chats', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: state.openid, opengid: gid, ...body }) });
      await refreshChats();
      if (res.ok) state.router.toast('已发送', 'success');
      return res.ok;
    },
    /** 选择文件: files received in chats (the samples and anything dropped on the tray). */
    async chooseFile({ extension }) {
      // Counted as a call in flight, so whoever waits for the phone to settle waits for the list too.
      state.pending += 1;
      const samples = await fetch('/preview/files.json')
        .then((r) => r.json())
        .then((r) => r.files)
        .finally(() => (state.pending -= 1));
      const allowed = (name) => !extension || !extension.length || extension.some((x) => name.toLowerCase().endsWith(`.${String(x).toLowerCase().replace(/^\./, '')}`));
      const rows = [
        ...dropped.map((f) => ({ label: f.name, sub: `${size(f.blob.size)} · 拖进来的文件`, value: f, disabled: !allowed(f.name) })),
        ...samples.map((f) => ({ label: f.name, sub: `${size(f.bytes)} · ${f.note}${allowed(f.name) ? '' : '（不能选这类文件）'}`, value: f, disabled: !allowed(f.name) })),
      ];
      const picked = await sheet('选择文件（来自聊天）', rows);
      if (!picked) return [];
      if (picked.blob) return [picked];
      return [{ name: picked.name, blob: await (await fetch(`/preview/files/${encodeURIComponent(picked.name)}`)).blob() }];
    },
    /** What the app opened with wx.openDocument, and whether WeChat could. */
    opened({ name, type, ok, blob }) {
      const li = document.createElement('li');
      li.className = ok ? 'ok' : 'failed';
      const link = blob ? URL.createObjectURL(blob) : '';
      li.innerHTML = `<strong>${esc(name)}</strong>（${esc(type)}）<br>${ok ? '已用微信打开' : '微信打不开这类文件（openDocument 失败）'}${link ? ` · <a href="${link}" download="${esc(name)}">下载看看</a>` : ''}`;
      $('opened-list').prepend(li);
    },
  };

  // Files dropped on the tray join the ones a chat offers.
  const tray = $('file-drop');
  tray.addEventListener('dragover', (e) => {
    e.preventDefault();
    tray.classList.add('over');
  });
  tray.addEventListener('dragleave', () => tray.classList.remove('over'));
  tray.addEventListener('drop', (e) => {
    e.preventDefault();
    tray.classList.remove('over');
    for (const f of e.dataTransfer.files) dropped.unshift({ name: f.name, blob: f });
    $('dropped-list').innerHTML = dropped.map((f) => `<li>${esc(f.name)}（${size(f.blob.size)}）</li>`).join('');
  });

  // The outbox: what the remind function sent, newest first.
  async function refreshOutbox() {
    try {
      const { messages } = await (await fetch('/outbox')).json();
      $('outbox-list').innerHTML =
        messages
          .slice()
          .reverse()
          .map((m) => `<li><div class="who">${esc(m.sentAt)} → ${esc(m.touser)}（${esc(m.templateId)}）</div>${Object.entries(m.data).map(([k, v]) => `<div>${esc(k)}：${esc(v.value)}</div>`).join('')}<div class="page">${esc(m.page || '')}</div></li>`)
          .join('') || '<li>还没有发出的提醒</li>';
    } catch {
      // The dev server restarts now and then; the next tick tries again.
    }
  }
  $('outbox-clear').addEventListener('click', async () => {
    await fetch('/outbox', { method: 'DELETE' });
    refreshOutbox();
  });
  refreshChats();
  refreshOutbox();
  setInterval(() => {
    refreshChats();
    refreshOutbox();
  }, 3000);
})();
