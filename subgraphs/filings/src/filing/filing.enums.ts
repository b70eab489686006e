import { graphqlEnum } from '@cee-hub/common/subgraph';
import { FILING_STATUSES } from '@cee-hub/db';

export const FilingStatusEnum = graphqlEnum(FILING_STATUSES, {
  name: 'FilingStatus',
  description: 'Where an entry summary stands: filed, under review at its Center or port, returned for correction, accepted, rejected, liquidated',
});

export const PROCESSING_LOCATION_KINDS = ['CENTER', 'PORT'] as const;
export type ProcessingLocationKind = (typeof PROCESSING_LOCATION_KINDS)[number];
export const ProcessingLocationKindEnum = graphqlEnum(PROCESSING_LOCATION_KINDS, {
  name: 'ProcessingLocationKind',
  description: "Who processes an entry summary: the importer's Center, or the port of entry",
});
