import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { CentersContext } from './context';
import { CenterResolver, resolveCenterReference, StaffMemberResolver } from './resolvers/center.resolver';
import { CoverageRangeResolver } from './resolvers/coverage.resolver';
import { CenterDirectoryAdminResolver, DirectoryEventResolver } from './resolvers/directory-admin.resolver';

/** The centers subgraph schema: the directory, the locator, staff and coverage, and the admins' keeping of them. */
export function buildCentersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [CenterResolver, StaffMemberResolver, CoverageRangeResolver, CenterDirectoryAdminResolver, DirectoryEventResolver] },
    {
      Center: {
        __resolveReference: (reference: { id: string }, context: CentersContext) => resolveCenterReference(reference, context),
      },
    },
  );
}
