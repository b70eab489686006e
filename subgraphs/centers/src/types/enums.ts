import { graphqlEnum } from '@cee-hub/common/subgraph';
import { CENTER_STATUSES, COVERAGE_BASES } from '@cee-hub/db';

export const CenterStatusEnum = graphqlEnum(CENTER_STATUSES, { name: 'CenterStatus', description: 'Whether a Center processes entry summaries yet' });

export const CoverageBasisEnum = graphqlEnum(COVERAGE_BASES, {
  name: 'CoverageBasis',
  description: 'How sure the coverage data is: a confirmed HTSUS list, a chapter-level approximation, or the remainder no other Center covers',
});

export const CbpRoleEnum = graphqlEnum(['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN'] as const, {
  name: 'CbpRole',
  description: 'Roles of CBP people: Center staff, and HQ admins',
});

export const PredominanceMeasureEnum = graphqlEnum(['VALUE', 'COUNT'] as const, { name: 'PredominanceMeasure', description: 'What decided the predominant Center' });
