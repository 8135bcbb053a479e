/** Global app data shared by pages (kept tiny: pages fetch what they need). */
interface IAppOption {
  globalData: {
    cloudEnv: string;
  };
}
