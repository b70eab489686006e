import { readSubgraphConfig } from '@cee-hub/common/subgraph';

/** The importers subgraph's settings, read once from the environment. */
export const config = readSubgraphConfig(process.env, 'IMPORTERS_PORT', 4002);
