// One jest setup for pages and components: a `wx` stub and Page() written as Component().
// TZ=Asia/Shanghai is pinned for every worker by scripts/jest-global-setup.js.

type AnyFn = (...args: unknown[]) => unknown;

const storage = new Map<string, unknown>();

const wxStub = {
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
    CloudID: (cloudID: string) => ({ cloudID }),
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => storage.set(key, value),
  removeStorageSync: (key: string) => storage.delete(key),
  showToast: jest.fn(),
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  showModal: jest.fn(),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  switchTab: jest.fn(),
  requestSubscribeMessage: jest.fn(),
  getGroupEnterInfo: jest.fn(),
  getLaunchOptionsSync: jest.fn(() => ({ scene: 1001, query: {} })),
};

Object.assign(globalThis, {
  wx: wxStub,
  getApp: () => ({ globalData: { cloudEnv: 'local' } }),
  getCurrentPages: () => [],
});

// miniprogram-simulate loads Component() only: pages are written with Component(), so Page maps to it.
(globalThis as unknown as { Page: AnyFn }).Page = (options: unknown) =>
  (globalThis as unknown as { Component: AnyFn }).Component(options);
