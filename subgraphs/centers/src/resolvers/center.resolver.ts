import { BadUserInputError, ForbiddenError, type Identity, isCbp, isIsoDate, requireCbp, today } from '@cee-hub/common';
import type { CenterStatus } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { CentersContext } from '../context';
import { Center } from '../types/center.type';
import { CoverageRange } from '../types/coverage.type';
import { CenterStatusEnum } from '../types/enums';
import { StaffMember } from '../types/staff-member.type';
import { toCenter, toCoverageRange, toStaffMember } from './mappers';

/** Resolves a federated reference to a Center; unknown ids resolve to null. */
export async function resolveCenterReference(reference: { id: string }, context: CentersContext): Promise<Center | null> {
  const row = await context.loaders.centerById.load(reference.id);
  return row ? toCenter(row) : null;
}

@Resolver(() => Center)
export class CenterResolver {
  @Query(() => [Center], { description: 'The Centers of Excellence and Expertise, by name; public' })
  async centers(
    @Ctx() context: CentersContext,
    @Arg('status', () => CenterStatusEnum, { nullable: true }) status?: CenterStatus,
  ): Promise<Center[]> {
    const rows = await context.services.centers.list(status);
    for (const row of rows) context.loaders.centerById.prime(row.id, row);
    return rows.map(toCenter);
  }

  @Query(() => Center, { description: 'One Center by id (e.g. ELECTRONICS); public' })
  async center(@Ctx() context: CentersContext, @Arg('id', () => ID) id: string): Promise<Center> {
    const row = await context.loaders.centerById.load(id);
    return toCenter(row ?? (await context.services.centers.get(id)));
  }

  @FieldResolver(() => [CoverageRange], { description: 'HTS headings the Center covers on a date (today by default); public' })
  async coverage(
    @Root() center: Center,
    @Ctx() context: CentersContext,
    @Arg('asOf', () => GraphQLLocalDate, { nullable: true }) asOf?: string,
  ): Promise<Array<Omit<CoverageRange, 'center'>>> {
    const date = asOf ?? today();
    if (!isIsoDate(date)) throw new BadUserInputError({ field: 'asOf', message: `'${date}' is not a date like 2026-12-01` });
    return (await context.loaders.coverageByCenter(date).load(center.id)).map(toCoverageRange);
  }

  @FieldResolver(() => [StaffMember], { description: "The Center's staff; its own staff and CBP admins only" })
  async staff(@Root() center: Center, @Ctx() context: CentersContext): Promise<Array<Omit<StaffMember, 'center'>>> {
    requireStaffListOf(context.identity, center.id);
    return (await context.loaders.staffByCenter.load(center.id)).map(toStaffMember);
  }
}

/**
 * Who may list a Center's staff (`centerId`; null: everyone, HQ included): CBP admins any,
 * Center staff their own Center's only. The directory of people is CBP's internal business.
 */
function requireStaffListOf(identity: Identity, centerId: string | null): void {
  requireCbp(identity, "a Center's staff");
  if (identity.role === 'ADMIN') return;
  if (centerId === null || centerId !== identity.centerId) {
    throw new ForbiddenError(`Center staff see the staff of their own Center (${identity.centerId}) only; ask a CBP admin for others`);
  }
}

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @Query(() => [StaffMember], { description: "CBP people: admins see everyone (or one Center's); Center staff their own Center's" })
  async staffMembers(
    @Ctx() context: CentersContext,
    @Arg('centerId', () => ID, { nullable: true }) centerId?: string,
  ): Promise<Array<Omit<StaffMember, 'center'>>> {
    // Staff see their own Center's people; CBP admins see everyone.
    const scope = centerId ?? (context.identity.role === 'ADMIN' ? undefined : context.identity.centerId);
    requireStaffListOf(context.identity, scope ?? null);
    if (scope) await context.services.centers.get(scope);
    return (await context.services.centers.staff({ centerId: scope })).map(toStaffMember);
  }

  @Query(() => StaffMember, { nullable: true, description: 'The signed-in CBP person; null for everyone else' })
  async myStaffRecord(@Ctx() context: CentersContext): Promise<Omit<StaffMember, 'center'> | null> {
    if (!isCbp(context.identity) || !context.identity.email) return null;
    const [row] = await context.services.centers.staffByEmail(context.identity.email);
    return row ? toStaffMember(row) : null;
  }

  @FieldResolver(() => Center, { nullable: true })
  async center(@Root() staff: StaffMember, @Ctx() context: CentersContext): Promise<Center | null> {
    return staff.centerId ? resolveCenterReference({ id: staff.centerId }, context) : null;
  }
}
