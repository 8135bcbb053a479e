/// <reference path="../node_modules/miniprogram-api-typings/index.d.ts" />

/** Global app data shared by pages (kept tiny: pages fetch what they need). */
interface IAppOption {
  globalData: {
    cloudEnv: string;
  };
}
