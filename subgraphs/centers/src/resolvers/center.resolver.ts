import { isCbp, isIsoDate, requireCbp, today, BadUserInputError } from '@cee-hub/common';
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

  @FieldResolver(() => [StaffMember], { description: "The Center's staff; CBP users only" })
  async staff(@Root() center: Center, @Ctx() context: CentersContext): Promise<Array<Omit<StaffMember, 'center'>>> {
    requireCbp(context.identity, "a Center's staff");
    return (await context.loaders.staffByCenter.load(center.id)).map(toStaffMember);
  }
}

@Resolver(() => StaffMember)
export class StaffMemberResolver {
  @Query(() => [StaffMember], { description: 'CBP people, optionally of one Center or role; CBP users only' })
  async staffMembers(
    @Ctx() context: CentersContext,
    @Arg('centerId', () => ID, { nullable: true }) centerId?: string,
  ): Promise<Array<Omit<StaffMember, 'center'>>> {
    requireCbp(context.identity, 'staff members');
    if (centerId) await context.services.centers.get(centerId);
    return (await context.services.centers.staff({ centerId })).map(toStaffMember);
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
