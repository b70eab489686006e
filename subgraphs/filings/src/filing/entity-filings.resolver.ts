import type { Identity } from '@cee-hub/common';
import type { FilingStatus } from '@cee-hub/db';
import { Args, type ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { type FilingScope, scopeOfCenterFilings, scopeOfImporterFilings } from '../access/filing-access';
import { Center } from './center.type';
import { EntityFilingsArgs } from './filing-page.args';
import { FilingPage } from './filing-page.type';
import { entityFilingPage } from './filing-page.resolver';
import { Importer } from './importer.type';

/**
 * Resolves `filings` on an entity another subgraph owns: its entry summaries newest first, as
 * `scopeOf` narrows them for the caller, a first page batched with the other entities' by
 * `partitionKey`.
 */
function entityFilingsResolver<TEntity extends { id: string }>(
  entity: ClassType<TEntity>,
  partitionKey: 'importerId' | 'centerId',
  scopeOf: (identity: Identity, entityId: string, status?: FilingStatus) => FilingScope,
  description: string,
) {
  @Resolver(() => entity)
  class EntityFilingsResolver {
    @FieldResolver(() => FilingPage, { description })
    async filings(@Root() root: TEntity, @Ctx() context: FilingsContext, @Args(() => EntityFilingsArgs) { first, after, status }: EntityFilingsArgs): Promise<FilingPage> {
      return entityFilingPage(context, scopeOf(context.identity, root.id, status ?? undefined), partitionKey, { first, after });
    }
  }
  return EntityFilingsResolver;
}

export const CenterFilingsResolver = entityFilingsResolver(
  Center,
  'centerId',
  scopeOfCenterFilings,
  'Entry summaries the Center processes, newest first; its own staff and CBP admins only',
);

export const ImporterFilingsResolver = entityFilingsResolver(
  Importer,
  'importerId',
  scopeOfImporterFilings,
  "The importer's entry summaries, newest first: for the importer itself and admins all of them, for staff those their Center processes",
);
