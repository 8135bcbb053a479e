// Lint: typescript-eslint's recommended rules over all our TypeScript; generated bundles are ignored.
import tseslint from 'typescript-eslint';

/**
 * `x.status === 'WORD'` (or `status !== …`, either side): a screen or a handler deciding from a status word
 * itself. Status words are upper-case strings; a platform's numeric status code (0 = ok) is not one.
 */
const STATUS_COMPARISONS = ['left', 'right'].flatMap((side) => {
  const other = side === 'left' ? 'right' : 'left';
  const message = '不要在界面或云函数里比较状态：按钮、状态文字和状态判断取自核心（availableEvents、isDraft、isFinal、stateLabels、reviewEditable 等）；确需例外时用 eslint-disable-next-line 注释说明原因';
  return [
    { selector: `BinaryExpression[operator=/^[!=]==?$/][${side}.property.name='status'][${other}.type='Literal'][${other}.value=/^[A-Z_]+$/]`, message },
    { selector: `BinaryExpression[operator=/^[!=]==?$/][${side}.name='status'][${other}.type='Literal'][${other}.value=/^[A-Z_]+$/]`, message },
  ];
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cloudfunctions/*/index.js',
      'miniprogram/miniprogram_npm/**',
      '.local-cloud/**',
      'coverage/**',
      '.deploy/**',
      'tools/**/node_modules/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The mini program runs in WeChat, not node: no node globals in pages, components and services.
    files: ['miniprogram/pages/**/*.ts', 'miniprogram/components/**/*.ts', 'miniprogram/services/**/*.ts', 'miniprogram/app.ts', 'miniprogram/config.ts'],
    ignores: ['**/__test__/**'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', '__filename', 'global'],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The mini program learns the api from the contracts' catalogue, never from the server: nothing it ships
    // (tests and their harness aside) imports a cloud function or the local cloud.
    files: ['miniprogram/**/*.ts'],
    ignores: ['**/__test__/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cloudfunctions/**', '**/local/**'], message: '小程序不从云函数或本地云引用代码：类型取自 core/contracts/api/catalogue.ts' }] }],
    },
  },
  {
    // Buttons, status words and status decisions come from the core's machines (availableEvents, isDraft, isFinal,
    // stateLabels, and workflow.ts's reviewEditable, reportSubmitted, …), not from comparing a status in a screen,
    // a handler, the export or the timer. An exception carries an eslint-disable comment saying why.
    files: ['miniprogram/pages/**/*.ts', 'miniprogram/office/**/*.ts', 'miniprogram/components/**/*.ts', 'cloudfunctions/*/src/**/*.ts'],
    ignores: ['**/__test__/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...STATUS_COMPARISONS],
    },
  },
  {
    // remind and export use the api's code only through its kernel (cloudfunctions/api/src/kernel.ts, see
    // docs/architecture.md): what they share with the api is the list written there, nothing else. The export
    // also runs two api actions in process (api/src/in-process.ts), which the timer has no use for.
    files: ['cloudfunctions/remind/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/src/**', '!**/api/src/kernel'], message: 'remind 只从 api/src/kernel.ts 引用 api 的代码（需要别的就在 kernel.ts 里加上）' }] }],
    },
  },
  {
    files: ['cloudfunctions/export/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/src/**', '!**/api/src/kernel', '!**/api/src/in-process'], message: 'export 只从 api/src/kernel.ts（和 in-process.ts 的两个动作）引用 api 的代码' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
