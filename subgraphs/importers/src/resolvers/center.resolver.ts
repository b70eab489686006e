import { checkPageSize } from '@cee-hub/common';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ImportersContext } from '../context';
import { Center, ImporterPage } from '../types/importer.type';
import { requireCenterAccess } from './importer.resolver';
import { toImporterPage } from './mappers';

@Resolver(() => Center)
export class CenterImportersResolver {
  @FieldResolver(() => ImporterPage, { description: "Importers whose entry summaries this Center processes; the Center's staff and admins" })
  async participatingImporters(
    @Root() center: Center,
    @Ctx() context: ImportersContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ImporterPage> {
    requireCenterAccess(context, center.id);
    checkPageSize(first);
    const page = after
      ? await context.services.importers.list({ centerId: center.id }, first, after)
      : await context.loaders.participantsByCenter(first).load(center.id);
    return toImporterPage(page);
  }
}
