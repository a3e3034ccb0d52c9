// Lint rules for the whole monorepo: type-aware, strict, plus the purity fence for pure packages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const PURE_PACKAGES = ['packages/units/src/**', 'packages/core/src/**', 'packages/pharmacology/src/**', 'packages/clinical-rules/src/**', 'packages/charting/src/**', 'packages/ledger/src/**'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.cjs', '**/*.mjs', 'packages/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name=/^(it|describe|test)$/][property.name='only']", message: 'No focused tests.' },
        { selector: "MemberExpression[object.name=/^(it|describe|test)$/][property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  {
    files: PURE_PACKAGES,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'], message: 'Pure packages do no I/O.' },
            { group: ['pg', '@electric-sql/*', 'drizzle-orm', 'drizzle-orm/*', '@ketapath/db', 'fastify'], message: 'Pure packages do no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'Buffer', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take a Clock or `now` as input.' },
        { object: 'Math', property: 'random', message: 'Take a seeded generator as input.' },
      ],
    },
  },
  {
    // Tests read untyped JSON from real HTTP responses and assert on it; the assertions are the type check.
    files: ['**/*.test.ts', 'test-support/**', 'apps/*/e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/clinician/src/**/*.tsx', 'apps/clinician/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
