// The app: one cloud.init with the env id from config.ts, and the privacy hand-off to whichever page
// shows the agreement popup. Pages fetch their own data; globalData stays tiny.
import { CLOUD_ENV } from './config';
import { onPrivacyNeeded } from './services/privacy';

App<IAppOption>({
  globalData: { cloudEnv: CLOUD_ENV },
  onLaunch() {
    wx.cloud.init({ env: CLOUD_ENV, traceUser: false });
    onPrivacyNeeded();
  },
});
