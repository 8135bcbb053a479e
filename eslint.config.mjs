// Lint: typescript-eslint's recommended rules over all our TypeScript; generated bundles are ignored.
import tseslint from 'typescript-eslint';

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
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
