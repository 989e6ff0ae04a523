// ESLint (flat config) with typescript-eslint's recommended rules, for every TypeScript and
// JavaScript file of the repository. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
// `npm run lint`; `npm test` runs it too (scripts/test.mjs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Built bundles, test output, copied data and the example shop are not our source.
    ignores: ['dist/', 'node_modules/', 'test-results/', '.e2e/', 'scratch/', 'test/fixtures/', 'test/corpus/', 'examples/', 'media/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter or binding kept for its position (the type-checker's
      // noUnusedLocals/noUnusedParameters already reports the rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters in a character class are how the CLI, the SVG writer and the XML
      // checks strip or find them: intended wherever they appear.
      'no-control-regex': 'off',
      // Regexes over YAML text match indentation literally (`/  port: 80/`): easier to read than ` {2}`.
      'no-regex-spaces': 'off',
      // Layout is Prettier's: the one enabled rule that eslint-config-prettier turns off (it can
      // flag a line break Prettier chose) is off here too, so the two never disagree.
      'no-unexpected-multiline': 'off',
    },
  },
  {
    // Go's text/template works on interface{} values: what flows through pipelines is any value
    // of the chart's data, narrowed where a function uses it (template/value.ts).
    files: ['server/src/core/sources/helm/**', 'test/helm/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The webview page runs in the browser.
    files: ['webview/src/**', 'test/webview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // CommonJS scripts (the hostile-input audit hook) use require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
