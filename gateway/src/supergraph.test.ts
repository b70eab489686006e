import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

it('has the committed supergraph composed from the current subgraphs', async () => {
  const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
  // On a mismatch: run `npm run compose` and commit gateway/supergraph.graphql.
  expect(await composeSupergraph()).toBe(committed);
});
