import { graphqlEnum } from '@cee-hub/common/subgraph';
import { DIRECTORY_EVENT_TYPES, type DirectoryEventType } from '@cee-hub/db';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Center } from './center.type';
import { CbpRoleEnum } from './enums';
import { StaffMember } from './staff-member.type';

export const DirectoryEventTypeEnum = graphqlEnum(DIRECTORY_EVENT_TYPES, { name: 'DirectoryEventType', description: 'What changed in the directory' });

export const CenterStaffRoleEnum = graphqlEnum(['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR'] as const, {
  name: 'CenterStaffRole',
  description: "A Center staff member's role (HQ admins are ADMIN, with no Center)",
});

@InputType({ description: 'A new CBP person: Center staff (with a Center), or an HQ admin (role ADMIN, no Center)' })
export class AddStaffMemberInput {
  @Field(() => ID, { nullable: true, description: 'The Center; none for an HQ admin' })
  centerId?: string | null;

  @Field()
  name: string;

  @Field({ description: 'Unique across CBP people, active or not; the sign-in name' })
  email: string;

  @Field(() => CbpRoleEnum)
  role: string;
}

@InputType({ description: "A Center's public contact block; the fields given replace the current ones" })
export class CenterAddressInput {
  @Field()
  street: string;

  @Field()
  city: string;

  @Field({ description: 'Two-letter state code' })
  state: string;

  @Field({ description: 'ZIP code, e.g. 90802 or 90802-1234' })
  postalCode: string;
}

@InputType({ description: "A correction of a Center's public contact block: only the fields given change" })
export class UpdateCenterContactInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. +1 562-555-0160' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Office hours, in local time' })
  hours?: string | null;

  @Field(() => CenterAddressInput, { nullable: true })
  address?: CenterAddressInput | null;
}

@ObjectType({ description: 'One field of a directory record, before and after a change' })
export class DirectoryFieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ description: "An audit entry of the directory: who changed a person or a Center's contact block, when, and what" })
export class DirectoryEvent {
  @Field(() => ID)
  id: string;

  @Field(() => DirectoryEventTypeEnum)
  type: DirectoryEventType;

  @Field(() => GraphQLDateTime)
  at: Date;

  @Field({ description: 'Who made the change (an email)' })
  actor: string;

  @Field()
  actorRole: string;

  @Field(() => String, { nullable: true, description: 'The reason of a deactivation' })
  note: string | null;

  centerId: string | null;

  @Field(() => Center, { nullable: true })
  center: Center | null;

  staffMemberId: string | null;

  @Field(() => StaffMember, { nullable: true, description: 'The person changed (also once deactivated)' })
  staffMember: StaffMember | null;

  @Field(() => [DirectoryFieldChange], { description: 'The fields that changed; for an addition, every field with no value before' })
  changes: DirectoryFieldChange[];
}

@ObjectType({ description: 'A review whose claim went back to its queue' })
export class ReleasedClaim {
  @Field(() => ID, { description: 'The entry summary' })
  entrySummaryId: string;

  @Field()
  entryNumber: string;
}

@ObjectType({ description: 'A deactivation: the person, no longer active, and the claims of theirs that went back to the queues' })
export class StaffDeactivation {
  @Field(() => StaffMember)
  staffMember: StaffMember;

  @Field(() => [ReleasedClaim])
  releasedClaims: ReleasedClaim[];
}
