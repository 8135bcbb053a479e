// The WeChat API as the preview answers it: storage per user (another user is another phone), cloud calls
// to this local cloud as the chosen openid, toasts and navigation drawn by the shell. Loaded before
// miniprogram-simulate, whose own mocks fill in whatever is not defined here.
(function () {
  const params = new URLSearchParams(location.search);
  const state = (window.__preview = {
    openid: params.get('as') || 'o-demo-s3',
    // group=<opengid>: the app was opened from a card in that group chat.
    group: params.get('group') || '',
    /** Files the app opened (wx.openDocument), for people and the browser suite to see. */
    opened: [],
    fontPx: Number(params.get('font') || 17),
    router: null,
    pending: 0,
  });
  const key = (k) => `wx:${state.openid}:${k}`;
  const ui = (name, ...args) => state.router && state.router[name](...args);

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
    showToast: (o) => ui('toast', o.title, o.icon),
    showLoading: (o) => ui('loading', true, o && o.title),
    hideLoading: () => ui('loading', false),
    showModal: (o) => {
      const confirm = window.confirm(`${o.title || ''}\n${o.content || ''}`);
      if (o.success) o.success({ confirm, cancel: !confirm });
    },
    navigateTo: (o) => ui('push', o.url),
    redirectTo: (o) => ui('replace', o.url),
    reLaunch: (o) => ui('relaunch', o.url),
    switchTab: (o) => ui('relaunch', o.url),
    navigateBack: () => ui('back'),
    stopPullDownRefresh() {},
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
    getLaunchOptionsSync: () => ({ scene: 1001, query: {} }),
    getEnterOptionsSync: () => (state.group ? { scene: 1044, query: {}, shareTicket: `ticket-${state.group}` } : { scene: 1001, query: {} }),
    getGroupEnterInfo: (o) => (state.group ? o.success && o.success({ cloudID: `local-group:${state.group}`, errMsg: 'getGroupEnterInfo:ok' }) : o.fail && o.fail({ errMsg: 'getGroupEnterInfo:fail' })),
    showShareMenu() {},
    // Files come from this local cloud's temporary links; "opening" one shows its name.
    downloadFile: (o) => fetch(o.url).then((r) => o.success && o.success({ statusCode: r.status, tempFilePath: o.url }), () => o.fail && o.fail({ errMsg: 'downloadFile:fail' })),
    openDocument: (o) => {
      state.opened.push(o.filePath);
      ui('toast', `已打开文件（${o.fileType}）`);
      if (o.success) o.success({ errMsg: 'openDocument:ok' });
    },
    chooseMessageFile: (o) => o.fail && o.fail({ errMsg: 'chooseMessageFile:fail 预览中不能从聊天选择文件' }),
    // A tap on 允许: the local cloud grants one send credit per template, as WeChat does.
    requestSubscribeMessage: (o) => {
      const accepted = window.confirm(`允许发送以下提醒？\n${(o.tmplIds || []).join('\n')}`) ? o.tmplIds : [];
      fetch('/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: state.openid, templateIds: o.tmplIds, accepted }) })
        .then((r) => r.json())
        .then((answer) => (answer.errCode ? o.fail && o.fail(answer) : o.success && o.success(answer)));
    },
  };
  window.getApp = () => ({ globalData: { cloudEnv: 'local-dev' } });
  window.getCurrentPages = () => (state.router ? state.router.pages() : []);
  // miniprogram-simulate loads Component() only; pages are written with Component().
  window.Page = (options) => window.Component(options);
})();
