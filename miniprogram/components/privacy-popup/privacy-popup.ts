// The consent popup WeChat requires before a privacy API runs (see services/privacy.ts).
import { answerPrivacy, listenPrivacy } from '../../services/privacy';

let unsubscribe: (() => void) | null = null;

Component({
  data: { show: false },
  attached() {
    unsubscribe = listenPrivacy(() => this.setData({ show: true }));
  },
  detached() {
    if (unsubscribe) unsubscribe();
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
