// Lint rules for every workspace: TypeScript-aware recommended rules, plus the few house
// rules that keep errors and imports honest.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': 'error',
    },
  },
  {
    // Readable at once: a file a newcomer can hold, a function that fits a screen.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/generated/**'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    files: ['common/**/*.ts', 'contracts/**/*.ts', 'db/**/*.ts', 'gateway/**/*.ts', 'subgraphs/**/*.ts', 'workflows/**/*.ts'],
    ignores: ['**/*.test.ts', '**/generated/**', '**/migrations/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80, IIFEs: true }] },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
