import { CENTER_STATUSES, COVERAGE_BASES } from '@cee-hub/db';
import { registerEnumType } from 'type-graphql';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CenterStatusEnum = asEnum(CENTER_STATUSES);
registerEnumType(CenterStatusEnum, { name: 'CenterStatus', description: 'Whether a Center processes entry summaries yet' });

export const CoverageBasisEnum = asEnum(COVERAGE_BASES);
registerEnumType(CoverageBasisEnum, {
  name: 'CoverageBasis',
  description: 'How sure the coverage data is: a confirmed HTSUS list, a chapter-level approximation, or the remainder no other Center covers',
});

export const CbpRoleEnum = asEnum(['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN'] as const);
registerEnumType(CbpRoleEnum, { name: 'CbpRole', description: 'Roles of CBP people: Center staff, and HQ admins' });

export const PredominanceMeasureEnum = asEnum(['VALUE', 'COUNT'] as const);
registerEnumType(PredominanceMeasureEnum, { name: 'PredominanceMeasure', description: 'What decided the predominant Center' });
