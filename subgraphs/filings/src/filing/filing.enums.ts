import { FILING_STATUSES } from '@cee-hub/db';
import { registerEnumType } from 'type-graphql';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const FilingStatusEnum = asEnum(FILING_STATUSES);
registerEnumType(FilingStatusEnum, {
  name: 'FilingStatus',
  description: 'Where an entry summary stands: filed, under review at its Center or port, returned for correction, accepted, rejected, liquidated',
});

export const PROCESSING_LOCATION_KINDS = ['CENTER', 'PORT'] as const;
export type ProcessingLocationKind = (typeof PROCESSING_LOCATION_KINDS)[number];
export const ProcessingLocationKindEnum = asEnum(PROCESSING_LOCATION_KINDS);
registerEnumType(ProcessingLocationKindEnum, {
  name: 'ProcessingLocationKind',
  description: "Who processes an entry summary: the importer's Center, or the port of entry",
});
