// Type-aware ESLint (docs/decisions.md §23): a deliberate subset of typescript-eslint's
// type-checked rules — the ones that catch lost work and silent failures in this code
// (promises nobody awaits, promises where a callback's result is ignored, assertions
// that hide nothing, empty catch blocks) — not style; formatting is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', '.data/**', 'test-results/**', 'resources/**', 'vite.config.ts', 'eslint.config.js'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Two programs: everything under Node (tsconfig.json: src but the renderer, test,
        // scripts, bench) and the renderer (tsconfig.renderer.json: DOM, JSX, Bundler).
        project: ['./tsconfig.json', './tsconfig.renderer.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits or handles: its failure is lost (and may kill the process).
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a callback's result is ignored (forEach, event handlers, conditions).
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // An assertion the type already guarantees only hides the next real change of type.
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // A swallowed error must say why: an empty block (catch included) needs a comment.
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      'no-unused-private-class-members': 'error',
      ...Object.fromEntries(['no-debugger', 'no-dupe-keys', 'no-unreachable', 'no-self-assign', 'no-cond-assign', 'no-dupe-else-if', 'no-duplicate-case'].map((r) => [r, js.configs.recommended.rules[r] ?? 'error'])),
    },
  },
);
