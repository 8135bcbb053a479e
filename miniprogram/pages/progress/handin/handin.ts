// 具体方案 of one lower unit (issue 24 item 4): its secretary writes and hands it in (text, and Word/PDF/photos
// uploaded under the tenant's hand-in folder), replacing it until the deadline; the unit above opens what was
// handed in. Opens with one call: `handin.get`.
import { formsOf, pageBehavior } from '../../../behaviors/page';
import { call } from '../../../services/api';
import { cstDateLabel, instantLabel } from '../../../services/format';
import { documentType } from '../../../services/files';

interface Attachment {
  fileID: string;
  name: string;
}

Component({
  behaviors: [pageBehavior],
  data: {
    orgId: '',
    campaignId: '',
    failed: '',
    loaded: false,
    orgName: '',
    upperOrgName: '',
    deadline: '',
    note: '',
    handedIn: false,
    stateLabel: '',
    handedInAt: '',
    text: '',
    files: [] as Attachment[],
    canHandIn: false,
    mine: false,
    uploadFolder: '',
    draft: '',
    newFiles: [] as Attachment[],
    busy: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      this.setData({ orgId: query.orgId ?? '', campaignId: query.campaignId ?? '', mine: query.mine === '1' });
      await this.load();
    },
    async load() {
      const reply = await call('handin.get', { orgId: this.data.orgId, campaignId: this.data.campaignId });
      if (!reply.ok) {
        if (!this.data.loaded) this.setData({ failed: reply.error.message });
        return;
      }
      const h = reply.data;
      this.setData({
        loaded: true,
        failed: '',
        orgName: h.orgName,
        upperOrgName: h.upperOrgName ?? '',
        deadline: h.deadline ? cstDateLabel(h.deadline) : '',
        note: h.note,
        handedIn: h.handIn !== null,
        stateLabel: h.handIn?.stateLabel ?? '',
        handedInAt: h.handIn ? instantLabel(h.handIn.at) : '',
        text: h.handIn?.text ?? '',
        files: h.handIn?.files ?? [],
        canHandIn: h.canHandIn,
        uploadFolder: h.uploadFolder,
        // Replacing starts from what was handed in, so a small change is a small edit.
        draft: this.data.draft || h.handIn?.text || '',
        newFiles: this.data.newFiles.length ? this.data.newFiles : (h.handIn?.files ?? []),
      });
    },
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ draft: e.detail.value });
    },
    /** 添加附件: a Word, PDF or photo from a chat, uploaded under the tenant's hand-in folder. */
    attach() {
      return new Promise<void>((resolve) => {
        wx.chooseMessageFile({
          count: 1,
          type: 'all',
          extension: ['doc', 'docx', 'pdf', 'jpg', 'jpeg', 'png'],
          success: async (res) => {
            const file = res.tempFiles[0];
            this.setData({ busy: 'attach' });
            try {
              const cloudPath = `${this.data.uploadFolder}${Date.now()}-${file.name.replace(/[^\w.\-\u4e00-\u9fa5]/g, '_')}`;
              const { fileID } = await wx.cloud.uploadFile({ cloudPath, filePath: file.path });
              this.setData({ newFiles: [...this.data.newFiles, { fileID, name: file.name }] });
            } catch {
              wx.showToast({ title: '上传失败，请检查网络后重试', icon: 'none' });
            }
            this.setData({ busy: '' });
            resolve();
          },
          fail: () => resolve(),
        });
      });
    },
    /** 上交: the text and attachments replace what was handed in before (the api refuses after the deadline). */
    async submit() {
      this.setData({ busy: 'submit' });
      const reply = await call(
        'handin.submit',
        { orgId: this.data.orgId, campaignId: this.data.campaignId, text: this.data.draft, files: this.data.newFiles },
        { intent: formsOf(this).of('handin'), loading: '上交中' },
      );
      this.setData({ busy: '' });
      if (!reply.ok) return;
      formsOf(this).done('handin');
      wx.showToast({ title: reply.data.late ? '已上交（逾期）' : '已上交', icon: 'success' });
      this.setData({ draft: '', newFiles: [] });
      await this.load();
    },
    /** Opens an attachment: documents with WeChat's viewer, photos with its image preview. */
    async openAttachment(e: WechatMiniprogram.TouchEvent) {
      const file = this.data.files[(e.currentTarget.dataset as { index: number }).index];
      try {
        const { tempFilePath } = await wx.cloud.downloadFile({ fileID: file.fileID });
        const fileType = documentType(file.name);
        if (fileType) await wx.openDocument({ filePath: tempFilePath, fileType, showMenu: true });
        else wx.previewImage({ urls: [tempFilePath] });
      } catch {
        wx.showToast({ title: '附件打开失败，请重试', icon: 'none' });
      }
    },
  },
});
