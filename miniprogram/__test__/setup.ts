// One jest setup for pages and components: a `wx` stub and Page() written as Component().
// TZ=Asia/Shanghai is pinned for every worker by scripts/jest-global-setup.js.
// Only the platform is stubbed here: cloud calls are wired to the real api by __test__/pages.ts.

import { randomBytes } from 'crypto';
import { TextDecoder, TextEncoder } from 'util';

// The cloud functions the pages call run in-process here; in the cloud they run on Node, whose globals
// jsdom leaves out (docx encodes its XML with TextEncoder; the local cloud's storage uses setImmediate).
Object.assign(globalThis, {
  TextEncoder: globalThis.TextEncoder ?? TextEncoder,
  TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  setImmediate: globalThis.setImmediate ?? ((fn: (...a: unknown[]) => void, ...args: unknown[]) => setTimeout(fn, 0, ...args)),
});

type AnyFn = (...args: unknown[]) => unknown;

const storage = new Map<string, unknown>();
/** The file types wx.openDocument opens. */
const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];

const wxStub = {
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
    CloudID: (cloudID: string) => ({ cloudID }),
    uploadFile: jest.fn(),
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => storage.set(key, value),
  removeStorageSync: (key: string) => storage.delete(key),
  clearStorageSync: () => storage.clear(),
  showToast: jest.fn(),
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  showModal: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  reLaunch: jest.fn(),
  switchTab: jest.fn(),
  navigateBack: jest.fn(),
  stopPullDownRefresh: jest.fn(),
  requestSubscribeMessage: jest.fn(),
  pageScrollTo: jest.fn(),
  openSetting: jest.fn(),
  getSetting: jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ subscriptionsSetting: { mainSwitch: true, itemSettings: {} } })),
  getAppBaseInfo: jest.fn(() => ({ fontSizeSetting: 17, SDKVersion: '3.6.0' })),
  onNeedPrivacyAuthorization: jest.fn(),
  openPrivacyContract: jest.fn(),
  getGroupEnterInfo: jest.fn(),
  // Opened from a chat card: a test sets shareTicket to be "in a group" (see PageHarness.enterFromGroup).
  getEnterOptionsSync: jest.fn(() => ({ scene: 1001, query: {} })),
  showShareMenu: jest.fn(),
  // Declaring an updatable card (services/share-card.ts) succeeds unless a test says otherwise.
  updateShareMenu: jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'updateShareMenu:ok' })),
  downloadFile: jest.fn((o: { url: string; success?: (r: unknown) => void }) => o.success?.({ statusCode: 200, tempFilePath: `wxfile://tmp/${o.url.split('/').pop()}` })),
  // As strict as WeChat: only the document types it opens; anything else (a .zip) fails.
  openDocument: jest.fn((o: { filePath: string; fileType?: string; success?: (r: unknown) => void; fail?: (r: unknown) => void }) =>
    DOCUMENT_TYPES.includes(o.fileType ?? o.filePath.slice(o.filePath.lastIndexOf('.') + 1).toLowerCase())
      ? o.success?.({ errMsg: 'openDocument:ok' })
      : o.fail?.({ errMsg: 'openDocument:fail filetype not supported' }),
  ),
  // Sends a file into a chat the user picks (base library 2.16.1+); the test sees what was sent.
  shareFileMessage: jest.fn((o: { filePath: string; success?: (r: unknown) => void }) => o.success?.({ errMsg: 'shareFileMessage:ok' })),
  saveImageToPhotosAlbum: jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' })),
  // The platform's random source, answered from node's.
  getUserCryptoManager: () => ({
    getRandomValues: (o: { length: number; success?: (r: { randomValues: ArrayBuffer }) => void }) =>
      o.success?.({ randomValues: randomBytes(o.length).buffer as ArrayBuffer }),
  }),
  getLaunchOptionsSync: jest.fn(() => ({ scene: 1001, query: {} })),
};

Object.assign(globalThis, {
  wx: wxStub,
  getApp: () => ({ globalData: { cloudEnv: 'local-dev' } }),
  getCurrentPages: () => [],
});

// miniprogram-simulate loads Component() only: pages are written with Component(), so Page maps to it.
(globalThis as unknown as { Page: AnyFn }).Page = (options: unknown) =>
  (globalThis as unknown as { Component: AnyFn }).Component(options);
