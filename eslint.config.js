import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['**/dist/', 'test-results/', 'e2e/screenshots/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Type declarations beside plain-JavaScript scripts belong to no tsconfig project.
        projectService: { allowDefaultProject: ['scripts/*.d.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // In-memory adapters and test fakes implement async ports without awaiting anything; `async`
      // keeps their throws as rejections, which is what callers of the port handle.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['apps/*/test/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Tests read untyped JSON answers (`body: any` from the HTTP helpers) and check their shape with
      // expect(); typing every body would restate the schema the assertion is there to check.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Tests hand deliberately ill-typed values (a number for an ID number, `null`, objects) to the code under test.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain-JavaScript build scripts carry no types (tsconfig.json has no allowJs): type-aware rules
    // would only report implicit `any`.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['packages/web/src/shell/browser-check.js'],
    // Runs in the page before the bundle; the build replaces __UIA_OLD_BROWSER_HTML__ with the message (browser-shell.ts).
    languageOptions: { globals: { ...globals.browser, __UIA_OLD_BROWSER_HTML__: 'readonly' } },
  },
  {
    files: ['apps/app/sw-template.js'],
    // __SHELL_FILES__ is replaced with the list of built files when the service worker is written.
    languageOptions: { globals: { ...globals.serviceworker, __SHELL_FILES__: 'readonly' } },
  },
  {
    files: ['apps/portal/src/**/*.{ts,tsx}', 'apps/app/src/**/*.{ts,tsx}', 'apps/console/src/**/*.{ts,tsx}', 'packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules only. The rest of the plugin's `recommended` judges components for the
    // React Compiler, which these apps do not use, and flags patterns they rely on on purpose (the
    // latest-callback ref assigned during render, resetting state when an effect's input changes).
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
]);
