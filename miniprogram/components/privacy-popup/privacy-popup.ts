// The consent popup WeChat requires before a privacy API runs (see services/privacy.ts).
import { answerPrivacy, listenPrivacy } from '../../services/privacy';

// One subscription per popup instance (every page has its own popup).
const subscriptions = new WeakMap<object, () => void>();

Component({
  data: { show: false },
  attached() {
    subscriptions.set(this, listenPrivacy(() => this.setData({ show: true })));
  },
  detached() {
    subscriptions.get(this)?.();
    subscriptions.delete(this);
  },
  methods: {
    agree(e: WechatMiniprogram.CustomEvent) {
      answerPrivacy(true, (e.currentTarget as { id?: string }).id);
      this.setData({ show: false });
    },
    disagree() {
      answerPrivacy(false);
      this.setData({ show: false });
    },
    openContract() {
      if (wx.openPrivacyContract) wx.openPrivacyContract({});
    },
  },
});
