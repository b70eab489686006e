import { readSubgraphConfig } from '@cee-hub/common/subgraph';

/** The filings subgraph's settings, read once from the environment. */
export const config = readSubgraphConfig(process.env, 'FILINGS_PORT', 4003);
