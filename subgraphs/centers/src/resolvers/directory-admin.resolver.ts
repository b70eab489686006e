import { checkPageSize, ForbiddenError, type Identity, requireCbp } from '@cee-hub/common';
import type { DirectoryEventRow } from '@cee-hub/db';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { CentersContext } from '../context';
import { Center } from '../types/center.type';
import { AddStaffMemberInput, CenterStaffRoleEnum, DirectoryEvent, type DirectoryFieldChange, StaffDeactivation, UpdateCenterContactInput } from '../types/directory-admin.type';
import { StaffMember } from '../types/staff-member.type';
import { resolveCenterReference } from './center.resolver';
import { toCenter, toStaffMember } from './mappers';

const show = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The fields that differ between an audit row's before and after (every field of an addition), by name: jsonb keeps no key order. */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DirectoryFieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields
    .map((field) => ({ field, before: show(before?.[field]), after: show(after?.[field]) }))
    .filter((change) => change.before !== change.after);
}

function toDirectoryEvent(row: DirectoryEventRow): Omit<DirectoryEvent, 'center' | 'staffMember'> {
  return {
    id: row.id,
    type: row.type,
    at: row.at,
    actor: row.actor,
    actorRole: row.actorRole,
    note: row.note,
    centerId: row.centerId,
    staffMemberId: row.staffMemberId,
    changes: fieldChanges(row.before, row.after),
  };
}

/** Who reads a Center's audit log: CBP admins, and the Center's own director. */
function requireAuditReader(identity: Identity, centerId: string): void {
  requireCbp(identity, "a Center's audit log");
  if (identity.role === 'ADMIN' || (identity.role === 'CENTER_DIRECTOR' && identity.centerId === centerId)) return;
  throw new ForbiddenError("A Center's audit log is for CBP admins and the Center's director");
}

@Resolver(() => Center)
export class CenterDirectoryAdminResolver {
  @Mutation(() => StaffMember, { description: "Adds a CBP person: Center staff (admins any Center; a Center's director their own, directors excepted) or an HQ admin (admins). The email must be new (CONFLICT otherwise)." })
  async addStaffMember(@Ctx() context: CentersContext, @Arg('input', () => AddStaffMemberInput) input: AddStaffMemberInput): Promise<Omit<StaffMember, 'center'>> {
    return toStaffMember(await context.services.staffAdmin.add(context.identity, input));
  }

  @Mutation(() => StaffMember, { description: "Changes a Center staff member's role (admins; a Center's director for their own Center, directors excepted). Claims they hold stay theirs." })
  async changeStaffRole(
    @Ctx() context: CentersContext,
    @Arg('id', () => ID) id: string,
    @Arg('role', () => CenterStaffRoleEnum) role: string,
  ): Promise<Omit<StaffMember, 'center'>> {
    return toStaffMember(await context.services.staffAdmin.changeRole(context.identity, id, role));
  }

  @Mutation(() => StaffDeactivation, {
    description:
      "Deactivates a person (admins; a Center's director for their own Center, directors excepted): they leave staff lists, lookups and sign-in, the row stays for the histories, and every review step they had claimed goes back to its queue with an event in the filing's history.",
  })
  async deactivateStaffMember(
    @Ctx() context: CentersContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Kept in the audit log and in the released filings’ history (CBP only)' }) reason: string,
  ): Promise<{ staffMember: Omit<StaffMember, 'center'>; releasedClaims: StaffDeactivation['releasedClaims'] }> {
    const { row, result } = await context.services.staffAdmin.deactivate(context.identity, id, reason);
    return { staffMember: toStaffMember(row), releasedClaims: result.releasedClaims };
  }

  @Mutation(() => Center, { description: "Corrects a Center's public contact block (admins, or the Center's director), with an audit entry of before and after" })
  async updateCenterContact(
    @Ctx() context: CentersContext,
    @Arg('centerId', () => ID) centerId: string,
    @Arg('input', () => UpdateCenterContactInput) input: UpdateCenterContactInput,
  ): Promise<Center> {
    const row = await context.services.contacts.update(context.identity, centerId, input);
    context.loaders.centerById.clear(centerId).prime(centerId, row);
    return toCenter(row);
  }

  @FieldResolver(() => [DirectoryEvent], { description: "Who changed the Center's contact block and people, newest first; CBP admins and the Center's director" })
  async directoryEvents(
    @Root() center: Center,
    @Ctx() context: CentersContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 by default' }) first?: number,
  ): Promise<Array<Omit<DirectoryEvent, 'center' | 'staffMember'>>> {
    requireAuditReader(context.identity, center.id);
    return (await context.services.contacts.eventsOf(center.id, checkPageSize(first))).map(toDirectoryEvent);
  }
}

@Resolver(() => DirectoryEvent)
export class DirectoryEventResolver {
  @FieldResolver(() => Center, { nullable: true })
  async center(@Root() event: DirectoryEvent, @Ctx() context: CentersContext): Promise<Center | null> {
    return event.centerId ? resolveCenterReference({ id: event.centerId }, context) : null;
  }

  @FieldResolver(() => StaffMember, { nullable: true })
  async staffMember(@Root() event: DirectoryEvent, @Ctx() context: CentersContext): Promise<Omit<StaffMember, 'center'> | null> {
    const row = event.staffMemberId ? await context.loaders.staffById.load(event.staffMemberId) : undefined;
    return row ? toStaffMember(row) : null;
  }
}
