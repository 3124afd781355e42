// Lint: typescript-eslint strict + type-checked rules that catch server bugs, and the layering rules of DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Fastify hooks and Kysely providers are async by contract even when a body has nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Number(count) is deliberate: PostgreSQL returns bigint counts as strings.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      '@typescript-eslint/no-unnecessary-type-arguments': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layering: repositories know nothing of HTTP; routes hold no SQL; the booking engine does no I/O.
    files: ['src/features/**/repo.ts', 'src/features/**/*-repo.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['fastify', '**/routes.ts', '**/web/**'], message: 'repositories must not depend on HTTP' }] }] },
  },
  {
    files: ['src/features/**/routes.ts', 'src/features/**/*-routes.ts', 'src/features/**/views/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/repo.ts', '**/*-repo.ts', 'kysely', '**/db/connect.ts'], message: 'routes and views call services, never repositories or SQL' }] }] },
  },
  {
    files: ['src/features/**/engine/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'kysely', 'pg', 'better-sqlite3', 'fastify', '**/repo.ts', '**/db/**'], message: 'the scheduling engine is pure: no I/O' }] }] },
  },
  {
    files: ['test/**', '**/*.test.ts', '**/*.test.tsx', 'bench/**'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
