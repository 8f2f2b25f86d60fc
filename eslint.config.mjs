// ESLint (flat config) with typescript-eslint. Type-aware rules are the ones that catch real
// mistakes here: a promise nobody awaits in a language-server handler, a `switch` on a union that
// forgets a member, an assertion the types already make unnecessary. Style is Prettier's job.
import tseslint from 'typescript-eslint';

// The layering of docs/ (see ARCHITECTURE.md): core is a pure engine that the CLI, the language
// server and the VS Code client all wrap, so it must not reach into Node, VS Code or its wrappers.
const NOT_IN_CORE = [
  { group: ['node:*'], message: 'src/core is pure: no Node built-ins (read files in src/node).' },
  { group: ['vscode', 'vscode-*'], message: 'src/core must not depend on VS Code or the LSP libraries.' },
  {
    group: ['**/server', '**/server/**', '**/client', '**/client/**', '**/cli', '**/cli/**', '**/node', '**/node/**'],
    message: 'src/core must not import the layers that wrap it (server, client, cli, node).',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test/fixtures/**', 'test/e2e/**/*.js'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-unused-expressions': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: NOT_IN_CORE }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode'], message: 'src/shared is read by the server too: no VS Code API here.' }] },
      ],
    },
  },
);
