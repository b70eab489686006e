import { CTPAT_TIERS, IMPORTER_NUMBER_TYPES, PARTICIPATION_STATUSES } from '@cee-hub/db';
import { registerEnumType } from 'type-graphql';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CtpatTierEnum = asEnum(CTPAT_TIERS);
registerEnumType(CtpatTierEnum, { name: 'CtpatTier', description: 'Customs Trade Partnership Against Terrorism membership tier' });

export const ParticipationStatusEnum = asEnum(PARTICIPATION_STATUSES);
registerEnumType(ParticipationStatusEnum, { name: 'ParticipationStatus', description: "Whether a Center processes the importer's entry summaries" });

export const ImporterNumberTypeEnum = asEnum(IMPORTER_NUMBER_TYPES);
registerEnumType(ImporterNumberTypeEnum, {
  name: 'ImporterNumberType',
  description: 'IRS (NN-NNNNNNNXX), SSN (NNN-NN-NNNN) or CBP-assigned (YYDDPP-NNNNN) importer of record number',
});
