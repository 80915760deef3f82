// @ts-check
import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'test-results/',
      'playwright-report*/',
      'blob-report/',
      'reports/',
      'protocol-schema/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: [
      'e2e/**/*.ts',
      'api/**/*.ts',
      'tests/**/*.ts',
      'fixtures/**/*.ts',
      'flows/**/*.ts',
      'lib/**/*.ts',
    ],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/no-wait-for-timeout': 'error',
      'playwright/no-skipped-test': 'off',
      'playwright/expect-expect': [
        'error',
        {
          assertFunctionNames: ['expectFailsFast', 'expectReachable', 'expectRefused', 'expectTokenRejected'],
        },
      ],
    },
  },
  {
    // Route handlers share one async signature; some answer without awaiting anything.
    files: ['stand-in/http-routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['stand-in/frontend/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        WebSocket: 'readonly',
        fetch: 'readonly',
        history: 'readonly',
        location: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextEncoder: 'readonly',
        btoa: 'readonly',
        URL: 'readonly',
        CSS: 'readonly',
      },
    },
  },
);
