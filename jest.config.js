/** Jest: node tests for core, cloud functions and the local cloud; jsdom for pages and components. */
const os = require('os');

// esbuild compiles each file on its own, as ts-jest did with isolatedModules, without loading TypeScript per worker.
const transformer = '<rootDir>/scripts/jest-esbuild-transform.js';

module.exports = {
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  // The deploy staging copy and the deploy tools package (miniprogram-ci) are not ours to test or load.
  modulePathIgnorePatterns: ['<rootDir>/.deploy/', '<rootDir>/tools/'],
  reporters: ['<rootDir>/scripts/jest-summary-reporter.js'],
  // Tests assert outcomes, never durations (performance lives in bench/); an integration test that builds
  // a tenant or a spreadsheet on a loaded 2-core CI machine must not fail on jest's 5 s default.
  testTimeout: 30_000,
  // Jest's default is one worker less than the cores, and one worker means in band: on CI's 2 cores the whole
  // suite ran on one core. Two workers keep both busy; larger machines keep the default.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': transformer },
      // A query no declared index serves fails its test (local/src/db/unindexed.ts).
      setupFilesAfterEnv: ['<rootDir>/local/src/db/unindexed.jest.ts'],
      testMatch: [
        '<rootDir>/miniprogram/core/**/*.test.ts',
        '<rootDir>/cloudfunctions/*/test/**/*.test.ts',
        '<rootDir>/local/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.ts',
      ],
    },
    {
      displayName: 'ui',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': transformer },
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram)'],
      setupFiles: ['<rootDir>/miniprogram/__test__/setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/local/src/db/unindexed.jest.ts'],
      // Bare imports inside packed TDesign (tslib) resolve from miniprogram_npm, as WeChat resolves them.
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      // The page tests run the real api (wx-server-sdk) in-process: load node builds, not browser ones.
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: [
        '<rootDir>/miniprogram/pages/**/__test__/*.test.ts',
        '<rootDir>/miniprogram/components/**/__test__/*.test.ts',
        '<rootDir>/miniprogram/services/**/__test__/*.test.ts',
        '<rootDir>/miniprogram/behaviors/**/__test__/*.test.ts',
        '<rootDir>/miniprogram/__test__/*.test.ts',
      ],
    },
  ],
};
