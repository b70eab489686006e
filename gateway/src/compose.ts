import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildCentersSchema } from '@cee-hub/centers/schema';
import { buildDocumentsSchema } from '@cee-hub/documents/schema';
import { buildFilingsSchema } from '@cee-hub/filings/schema';
import { buildImportersSchema } from '@cee-hub/importers/schema';
import { parse } from 'graphql';

export const SUPERGRAPH_FILE = path.join(__dirname, '..', 'supergraph.graphql');

/** The subgraphs and the URLs written into the supergraph (the gateway's config overrides them). */
const SUBGRAPHS = [
  { name: 'centers', url: 'http://127.0.0.1:4001/graphql', build: buildCentersSchema },
  { name: 'importers', url: 'http://127.0.0.1:4002/graphql', build: buildImportersSchema },
  { name: 'filings', url: 'http://127.0.0.1:4003/graphql', build: buildFilingsSchema },
  { name: 'documents', url: 'http://127.0.0.1:4005/graphql', build: buildDocumentsSchema },
];

/** Composes the supergraph from the subgraphs' SDL, as built from their code. */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ name, url, build }) => ({ name, url, typeDefs: parse(printSubgraphSchema(await build())) })),
  );
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

/** `node dist/compose.js` writes supergraph.graphql; with `--check` it fails if the file is out of date. */
async function main(): Promise<void> {
  const supergraph = await composeSupergraph();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (committed !== supergraph) {
      process.stderr.write('gateway/supergraph.graphql is out of date: run `npm run compose` and commit the result\n');
      process.exit(1);
    }
    process.stdout.write('gateway/supergraph.graphql is up to date\n');
    return;
  }
  writeFileSync(SUPERGRAPH_FILE, supergraph);
  process.stdout.write(`wrote ${SUPERGRAPH_FILE}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
