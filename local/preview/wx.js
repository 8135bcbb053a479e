// The WeChat API as the preview answers it: storage per user (another user is another phone), cloud calls
// to this local cloud as the chosen openid, navigation through the shell's page stack, modals and the
// subscribe sheet drawn in the phone, files picked from a tray beside it and sent into its chat panel.
// Loaded before miniprogram-simulate, whose own mocks fill in whatever is not defined here.
(function () {
  const params = new URLSearchParams(location.search);
  const group = params.get('group') || '';
  const state = (window.__preview = {
    openid: params.get('as') || 'o-demo-s3',
    // How this launch entered the app: a card in a group chat carries the group's share ticket.
    // group=<opengid> (tests) enters as if from a card in that group.
    enter: group ? { scene: 1044, path: '', query: {}, shareTicket: `ticket-${group}` } : { scene: 1001, path: '', query: {} },
    /** Files the app opened (wx.openDocument), for people and the browser suite to see. */
    opened: [],
    /** Temp files on "this phone": picked from the tray or downloaded, by their wxfile:// path. */
    files: new Map(),
    fontPx: Number(params.get('font') || 17),
    router: null,
    panels: null,
    pending: 0,
    /** Asks the top page for its card and sends it into a chat the person picks (set by the shell). */
    share: () => undefined,
  });
  Object.defineProperty(state, 'group', { get: () => (state.enter.shareTicket || '').replace(/^ticket-/, '') });
  const key = (k) => `wx:${state.openid}:${k}`;
  const ui = (name, ...args) => state.router && state.router[name](...args);
  const done = (o, ok, res) => {
    const out = { errMsg: res && res.errMsg ? res.errMsg : ok ? 'ok' : 'fail', ...res };
    if (ok && o.success) o.success(out);
    if (!ok && o.fail) o.fail(out);
    if (o.complete) o.complete(out);
    return out;
  };
  /** WeChat's APIs answer callbacks and, without them, a promise. */
  const both = (name, run) => (o = {}) =>
    new Promise((resolve, reject) =>
      run(o, (ok, res) => {
        const out = done(o, ok, { errMsg: `${name}:${ok ? 'ok' : `fail${res && res.reason ? ` ${res.reason}` : ''}`}`, ...(res || {}) });
        if (ok) resolve(out);
        else if (!o.fail && !o.complete && !o.success) reject(out);
        else resolve(out);
      }),
    );
  const nav = (name, method) => both(name, (o, cb) => Promise.resolve(ui(method, o.url, o)).then(() => cb(true), (e) => cb(false, { reason: e && e.message ? e.message : String(e) })));
  let tempSeq = 0;
  /** A path on "this phone" for a blob, as WeChat hands out wxfile:// paths. */
  state.keepFile = (blob, name) => {
    tempSeq += 1;
    const path = `wxfile://tmp_${Date.now().toString(36)}${tempSeq}${name && name.includes('.') ? name.slice(name.lastIndexOf('.')) : ''}`;
    state.files.set(path, { blob, name: name || path.slice('wxfile://'.length) });
    return path;
  };
  const toBase64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  // What WeChat's openDocument opens (developers.weixin.qq.com, wx.openDocument: fileType).
  const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];
  const extOf = (name) => (/\.([a-z0-9]+)$/i.exec(name || '') || [])[1]?.toLowerCase() || '';

  window.wx = {
    cloud: {
      init() {},
      CloudID: (cloudID) => ({ cloudID }),
      async callFunction({ name, data }) {
        state.pending += 1;
        try {
          // WeChat's servers resolve a CloudID on the way to the function, only in a top-level field of the data.
          data = Object.fromEntries(
            Object.entries(data || {}).map(([k, v]) => {
              const id = v && typeof v === 'object' ? v.cloudID : undefined;
              return [k, typeof id === 'string' && id.startsWith('local-group:') ? { cloudID: id, data: { opengid: id.slice('local-group:'.length) } } : v];
            }),
          );
          const res = await fetch(`/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: state.openid, data }) });
          const out = await res.json();
          if (out.errCode) throw { errCode: out.errCode, errMsg: `cloud.callFunction:fail ${out.errMsg}` };
          return { ...out, errMsg: 'cloud.callFunction:ok' };
        } finally {
          state.pending -= 1;
        }
      },
      // The phone uploads a temp file to the cloud's storage as the person using it.
      async uploadFile({ cloudPath, filePath }) {
        const file = state.files.get(filePath);
        if (!file) throw { errCode: -1, errMsg: `cloud.uploadFile:fail file not found ${filePath}` };
        state.pending += 1;
        try {
          const res = await fetch('/preview/upload', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: state.openid, cloudPath, base64: await toBase64(file.blob) }) });
          const out = await res.json();
          if (!res.ok) throw { errCode: -1, errMsg: `cloud.uploadFile:fail ${out.errMsg || res.status}` };
          return { fileID: out.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
        } finally {
          state.pending -= 1;
        }
      },
    },
    getStorageSync(k) {
      const v = localStorage.getItem(key(k));
      return v === null ? '' : JSON.parse(v);
    },
    setStorageSync(k, v) {
      localStorage.setItem(key(k), JSON.stringify(v));
    },
    removeStorageSync(k) {
      localStorage.removeItem(key(k));
    },
    clearStorageSync() {
      Object.keys(localStorage).filter((k) => k.startsWith(`wx:${state.openid}:`)).forEach((k) => localStorage.removeItem(k));
    },
    showToast: (o) => ui('toast', o.title, o.icon, o.duration),
    showLoading: (o) => ui('loading', true, o && o.title),
    hideLoading: () => ui('loading', false),
    // Drawn in the phone as WeChat draws it; 确定 / 取消 are tapped like anything else.
    showModal: both('showModal', (o, cb) => ui('modal', o).then((confirm) => cb(true, { confirm, cancel: !confirm }))),
    navigateTo: nav('navigateTo', 'push'),
    redirectTo: nav('redirectTo', 'replace'),
    reLaunch: nav('reLaunch', 'relaunch'),
    switchTab: nav('switchTab', 'switchTab'),
    navigateBack: both('navigateBack', (o, cb) => Promise.resolve(ui('back', o.delta || 1)).then(() => cb(true), (e) => cb(false, { reason: e.message }))),
    stopPullDownRefresh() {},
    pageScrollTo: (o) => {
      ui('scrollTo', o);
      done(o, true, { errMsg: 'pageScrollTo:ok' });
    },
    getSetting: (o) => o.success && o.success({ authSetting: {}, subscriptionsSetting: { mainSwitch: true, itemSettings: {} } }),
    getAppBaseInfo: () => ({ SDKVersion: '3.6.0', fontSizeSetting: state.fontPx, language: 'zh_CN', theme: 'light' }),
    getSystemInfoSync: () => ({ SDKVersion: '3.6.0', windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2, platform: 'devtools', fontSizeSetting: state.fontPx }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 20, safeArea: { top: 20, bottom: 812 } }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'preview' }),
    onNeedPrivacyAuthorization() {},
    openPrivacyContract() {},
    getUserCryptoManager: () => ({
      getRandomValues: ({ length, success }) => success && success({ randomValues: crypto.getRandomValues(new Uint8Array(length)).buffer }),
    }),
    getLaunchOptionsSync: () => ({ ...state.enter }),
    getEnterOptionsSync: () => ({ ...state.enter }),
    // The share ticket of the card this launch came from becomes a CloudID the cloud resolves to the group.
    getGroupEnterInfo: (o) => {
      const ticket = state.enter.shareTicket;
      if (ticket) done(o, true, { cloudID: `local-group:${ticket.replace(/^ticket-/, '')}`, errMsg: 'getGroupEnterInfo:ok' });
      else done(o, false, { errMsg: 'getGroupEnterInfo:fail invalid shareTicket' });
    },
    showShareMenu(o) {
      if (o) done(o, true, { errMsg: 'showShareMenu:ok' });
    },
    // The share settings of the page on top. An updatable card (isUpdatableMessage) needs the activity the cloud
    // made and WeChat's template: its first state goes out with the card, later states come from setUpdatableMsg.
    updateShareMenu(o) {
      o = o || {};
      const top = state.router && state.router.top();
      if (!top) return done(o, false, { errMsg: 'updateShareMenu:fail no page' });
      const entry = top.comp.instance;
      if (o.isUpdatableMessage === false) entry.__shareMenu = null;
      if (o.isUpdatableMessage) {
        const info = o.templateInfo || {};
        if (typeof o.activityId !== 'string' || !o.activityId) return done(o, false, { errMsg: 'updateShareMenu:fail activityId is required' });
        if (typeof info.templateId !== 'string' || !Array.isArray(info.parameterList)) return done(o, false, { errMsg: 'updateShareMenu:fail templateInfo is invalid' });
        entry.__shareMenu = { activityId: o.activityId, templateInfo: { templateId: info.templateId, parameterList: info.parameterList.map((p) => ({ name: p.name, value: p.value })) } };
      }
      done(o, true, { errMsg: 'updateShareMenu:ok' });
    },
    // A temp link of this local cloud, fetched into a temp file on "this phone" under the file's name.
    downloadFile: both('downloadFile', (o, cb) =>
      fetch(o.url).then(
        async (r) => {
          const name = decodeURIComponent(new URL(o.url, location.href).pathname.split('/').pop() || 'file');
          cb(true, { statusCode: r.status, tempFilePath: state.keepFile(await r.blob(), name) });
        },
        () => cb(false, { reason: 'network' }),
      ),
    ),
    // WeChat opens only documents it can render; anything else fails, on the phone too.
    openDocument: both('openDocument', (o, cb) => {
      const file = state.files.get(o.filePath);
      const name = file ? file.name : String(o.filePath);
      const ext = extOf(name);
      const type = (o.fileType || ext).toLowerCase();
      const ok = DOCUMENT_TYPES.includes(type) && DOCUMENT_TYPES.includes(ext) && (!o.fileType || type === ext);
      state.opened.push({ name, fileType: o.fileType || '', ok });
      if (state.panels) state.panels.opened({ name, type, ok, blob: file && file.blob });
      if (ok) cb(true);
      else cb(false, { reason: 'filetype not supported' });
    }),
    // The tray beside the phone stands for the person's chats: sample files and any file dropped on it.
    chooseMessageFile: both('chooseMessageFile', (o, cb) =>
      Promise.resolve(ui('background'))
        .then(() => state.panels.chooseFile({ extension: o.extension, count: o.count || 1 }))
        .then(async (picked) => {
          await ui('foreground');
          return picked;
        })
        .then((picked) => {
          if (!picked.length) cb(false, { reason: 'cancel' });
          else cb(true, { tempFiles: picked.map((f) => ({ path: state.keepFile(f.blob, f.name), name: f.name, size: f.blob.size, type: 'file', time: Math.floor(Date.now() / 1000) })) });
        }),
    ),
    // Sending a file into a chat: the person picks the chat (the preview's chat panel).
    shareFileMessage: both('shareFileMessage', (o, cb) => {
      const file = state.files.get(o.filePath);
      if (!file) return cb(false, { reason: 'file not found' });
      state.panels.sendToChat({ kind: 'file', name: o.fileName || file.name, blob: file.blob }).then((sent) => cb(sent, sent ? {} : { reason: 'cancel' }));
    }),
    // The subscribe sheet, drawn in the phone: 允许 buys one send per template, as WeChat does.
    requestSubscribeMessage: both('requestSubscribeMessage', (o, cb) =>
      ui('subscribeSheet', o.tmplIds || []).then((allow) => {
        const accepted = allow ? o.tmplIds : [];
        fetch('/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: state.openid, templateIds: o.tmplIds, accepted }) })
          .then((r) => r.json())
          .then((answer) => (answer.errCode ? cb(false, answer) : cb(true, answer)));
      }),
    ),
  };
  window.getApp = () => ({ globalData: { cloudEnv: 'local-dev' } });
  window.getCurrentPages = () => (state.router ? state.router.pages() : []);
  // miniprogram-simulate loads Component() only; pages are written with Component().
  window.Page = (options) => window.Component(options);
})();
