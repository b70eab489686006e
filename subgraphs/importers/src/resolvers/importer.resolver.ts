import { checkPageSize, ForbiddenError, isStaffRole, requireSignedIn, UnauthenticatedError } from '@cee-hub/common';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ImportersContext } from '../context';
import { UnknownImporterError } from '../errors';
import { canSeeImporter } from '../services/importer.service';
import { Importer, ImporterFilterInput, ImporterPage, RegisterImporterInput } from '../types/importer.type';
import { centerOfCallersList } from './center-scoped-list';
import { toImporter, toImporterPage } from './mappers';

/**
 * Resolves an importer for the caller: admins see every importer, an importer itself, staff
 * the importers participating in their Center. Used for queries and federated references.
 */
export async function loadVisibleImporter(id: string, context: ImportersContext): Promise<Importer> {
  requireSignedIn(context.identity, 'see importers');
  const row = await context.loaders.importerById.load(id);
  if (!row) throw new UnknownImporterError(id);
  if (!canSeeImporter(context.identity, row)) throw new ForbiddenError(`You may not see importer ${id}`);
  return toImporter(row);
}

@Resolver(() => Importer)
export class ImporterResolver {
  @Query(() => Importer, { description: 'One importer: admins any, staff those of their Center, an importer itself' })
  importer(@Ctx() context: ImportersContext, @Arg('id', () => ID) id: string): Promise<Importer> {
    return loadVisibleImporter(id, context);
  }

  @Query(() => Importer, { nullable: true, description: "The signed-in importer's own record; null for anyone else" })
  async me(@Ctx() context: ImportersContext): Promise<Importer | null> {
    const { identity } = context;
    return identity.role === 'IMPORTER' && identity.importerId ? loadVisibleImporter(identity.importerId, context) : null;
  }

  @Query(() => ImporterPage, { description: "Importers by name: admins all, staff their Center's participants" })
  async importers(
    @Ctx() context: ImportersContext,
    @Arg('filter', () => ImporterFilterInput, { nullable: true }) filter?: ImporterFilterInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ImporterPage> {
    const { identity } = context;
    requireSignedIn(identity, 'list importers');
    checkPageSize(first);
    const narrowed = {
      ...filter,
      centerId: centerOfCallersList(identity, filter?.centerId, {
        otherCenter: `Staff of ${identity.centerId} may list only the importers of their own Center`,
        notCbp: 'Only CBP users may list importers; an importer sees its own record through `me`',
      }),
    };
    return toImporterPage(await context.services.importers.list(narrowed, first, after ?? undefined));
  }

  @Mutation(() => Importer, { description: 'Registers an importer of record: self-service (no sign-in) or by an admin' })
  async registerImporter(@Ctx() context: ImportersContext, @Arg('input', () => RegisterImporterInput) input: RegisterImporterInput): Promise<Importer> {
    const { identity } = context;
    if (identity.role === 'IMPORTER') throw new ForbiddenError('You are signed in as a registered importer already');
    if (identity.role !== 'PUBLIC' && identity.role !== 'ADMIN') throw new ForbiddenError('Center staff do not register importers');
    const row = await context.services.importers.register({ ...input, ...input.address });
    context.loaders.importerById.prime(row.id, row);
    return toImporter(row);
  }
}

export function requireCenterAccess(context: ImportersContext, centerId: string): void {
  const { identity } = context;
  if (identity.role === 'PUBLIC') throw new UnauthenticatedError("Sign in as CBP staff to see a Center's importers");
  if (identity.role === 'ADMIN') return;
  if (!isStaffRole(identity.role)) throw new ForbiddenError("Only CBP users may see a Center's importers");
  if (identity.centerId !== centerId) throw new ForbiddenError(`Staff of ${identity.centerId} may see only their own Center's importers`);
}
