// Lint rules for every workspace: TypeScript-aware recommended rules, the house rules that
// keep errors and imports honest, size limits, and the boundaries between the parts of the
// tree (lint-boundaries.test.ts in test/ shows each boundary refusing a crossing).
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['centers', 'importers', 'filings', 'documents'];

/**
 * What a subgraph publishes for the others to read: its domain's read module. Anything else
 * of another subgraph is its internals.
 */
export const PUBLISHED_READ_MODULES = ['@cee-hub/centers/coverage', '@cee-hub/centers/read', '@cee-hub/importers/directory', '@cee-hub/filings/read'];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Imports of another subgraph's package or files, except its published read module. */
function otherSubgraphs(own) {
  const others = SUBGRAPHS.filter((name) => name !== own).join('|');
  const published = PUBLISHED_READ_MODULES.map(escapeRegex).join('|');
  return [
    {
      regex: `^(?!(${published})$)@cee-hub/(${others})(/.*)?$`,
      message: `A subgraph reads another domain only through its published read module (${PUBLISHED_READ_MODULES.join(', ')}).`,
    },
    { regex: `^\\.{1,2}/(.*/)?(${others})/(src|dist)(/|$)`, message: "Another subgraph's files are its internals; use its published read module." },
  ];
}

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
    // Workflow code runs in Temporal's deterministic sandbox and is replayed: it may import
    // @temporalio/workflow, the contracts and its own folder, and anything else only as types.
    files: ['workflows/src/workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(@temporalio/workflow|@cee-hub/contracts)$)(?!\\.{1,2}/)(?!\\.\\./\\.\\./).*$|^\\.\\./\\.\\./',
              allowTypeImports: true,
              message: 'Workflow code imports only @temporalio/workflow, @cee-hub/contracts and its own folder (other modules as `import type`): anything else may not be deterministic.',
            },
          ],
        },
      ],
    },
  },
  ...SUBGRAPHS.map((own) => ({
    files: [`subgraphs/${own}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: otherSubgraphs(own) }] },
  })),
  {
    // The gateway knows the subgraphs by their URLs and the supergraph, not by their code or tables.
    // (Its tests may build their fixtures from the seed data.)
    files: ['gateway/src/**/*.ts'],
    ignores: ['gateway/src/compose.ts', 'gateway/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@cee-hub/(db|centers|importers|filings|documents|workflows)(/.*)?$', message: 'The gateway depends on no subgraph, worker or database code.' }] },
      ],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
