// Lint: typescript-eslint's recommended rules over all our TypeScript; generated bundles are ignored.
import tseslint from 'typescript-eslint';

/** `x.status === 'LITERAL'` (or `status !== …`, either side): a screen deciding from a status word itself. */
const STATUS_COMPARISONS = ['left', 'right'].flatMap((side) => {
  const other = side === 'left' ? 'right' : 'left';
  const message = '不要在界面里比较状态：按钮与状态文字取自核心的状态机（availableEvents、isDraft、isFinal、stateLabels）';
  return [
    { selector: `BinaryExpression[operator=/^[!=]==?$/][${side}.property.name='status'][${other}.type='Literal']`, message },
    { selector: `BinaryExpression[operator=/^[!=]==?$/][${side}.name='status'][${other}.type='Literal']`, message },
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
    // Buttons and status words come from the core's machines (availableEvents, isDraft, isFinal, stateLabels),
    // not from comparing a status in a screen. An exception carries an eslint-disable comment saying why.
    files: ['miniprogram/pages/**/*.ts', 'miniprogram/office/**/*.ts', 'miniprogram/components/**/*.ts'],
    ignores: ['**/__test__/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...STATUS_COMPARISONS],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
