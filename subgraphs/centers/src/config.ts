import { readSubgraphConfig } from '@cee-hub/common/subgraph';

/** The centers subgraph's settings, read once from the environment. */
export const config = readSubgraphConfig(process.env, 'CENTERS_PORT', 4001);
