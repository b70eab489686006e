import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator's config for the console: the types and typed documents of every
 * `graphql(...)` document under src/, generated into src/graphql/generated/ (committed).
 * `npm run compose` regenerates them after composing the supergraph, `npm run compose:check`
 * fails when they are stale, and src/graphql/codegen.test.ts does the same check in the tests.
 *
 * Paths are relative to the console's folder, where npm runs its scripts and Jest its tests.
 */

/** The committed supergraph (gateway/supergraph.graphql): the one schema the console is typed against. */
export const SUPERGRAPH_FILE = path.join('..', 'gateway', 'supergraph.graphql');

export const GENERATED_DIR = 'src/graphql/generated/';

/**
 * What clients see of the supergraph: its API schema, without the join and link machinery,
 * derived the way the gateway derives it so the console is typed against what it can query.
 */
function apiSchema() {
  return Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
}

const config: CodegenConfig = {
  schema: apiSchema(),
  documents: ['src/**/*.{ts,tsx}', `!${GENERATED_DIR}**`, '!src/**/*.test.ts'],
  ignoreNoDocuments: false,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: {
        // Components take the fields they show as plain props; masking would hide fragment fields behind useFragment.
        fragmentMasking: false,
      },
      config: {
        // A const object and its union type: the union for props and variables, the object for the lists of choices.
        enumType: 'const',
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string', LocalDate: 'string' },
      },
    },
  },
};

export default config;
