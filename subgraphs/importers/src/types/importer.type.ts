import type { CtpatTier, ImporterNumberType, ParticipationStatus } from '@cee-hub/db';
import { Address, PageOf } from '@cee-hub/common/subgraph';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { CtpatTierEnum, ImporterNumberTypeEnum, ParticipationStatusEnum } from './enums';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Center of Excellence and Expertise (owned by the centers subgraph)' })
export class Center {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "Where an importer's entry summaries are processed" })
export class Participation {
  @Field(() => ParticipationStatusEnum)
  status: ParticipationStatus;

  @Field(() => Center, { nullable: true, description: 'The Center processing its entry summaries; null when ports do' })
  center: Center | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  since: string | null;

  accountManagerId?: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An importer of record' })
export class Importer {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Importer of record number' })
  importerNumber: string;

  @Field(() => ImporterNumberTypeEnum)
  importerNumberType: ImporterNumberType;

  @Field()
  name: string;

  @Field(() => Address)
  address: Address;

  @Field()
  contactEmail: string;

  @Field(() => CtpatTierEnum)
  ctpatTier: CtpatTier;

  @Field({ description: 'Member of Importer Self-Assessment' })
  isaMember: boolean;

  @Field({ description: 'Has an ACE portal account' })
  aceAccount: boolean;

  @Field(() => Participation)
  participation: Participation;

  @Field(() => GraphQLDateTime)
  registeredAt: Date;
}

@ObjectType({ description: 'A page of importers' })
export class ImporterPage extends PageOf(Importer, { counted: true }) {}

@InputType({ description: 'A postal address' })
export class AddressInput {
  @Field()
  street: string;

  @Field()
  city: string;

  @Field({ description: 'Two-letter state code for US addresses' })
  state: string;

  @Field()
  postalCode: string;

  @Field({ defaultValue: 'US', description: 'Two-letter ISO country code' })
  country: string;
}

@InputType({ description: 'An importer of record to register' })
export class RegisterImporterInput {
  @Field({ description: 'IRS (NN-NNNNNNNXX), SSN (NNN-NN-NNNN) or CBP-assigned (YYDDPP-NNNNN), with hyphens' })
  importerNumber: string;

  @Field()
  name: string;

  @Field(() => AddressInput)
  address: AddressInput;

  @Field()
  contactEmail: string;

  @Field(() => CtpatTierEnum, { defaultValue: 'NONE' })
  ctpatTier: CtpatTier;

  @Field({ defaultValue: false })
  isaMember: boolean;

  @Field({ defaultValue: false })
  aceAccount: boolean;
}

@InputType({ description: 'Narrows a list of importers' })
export class ImporterFilterInput {
  @Field(() => ID, { nullable: true, description: 'Participants of this Center' })
  centerId?: string;

  @Field(() => ParticipationStatusEnum, { nullable: true })
  participationStatus?: ParticipationStatus;

  @Field({ nullable: true, description: 'Part of the name or importer number' })
  search?: string;
}
