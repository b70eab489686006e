import type { CtpatTier } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CtpatTierEnum } from './enums';
import { Center } from './importer.type';

@ObjectType({ description: 'Who may volunteer under a notice' })
export class NoticeEligibility {
  @Field(() => [CtpatTierEnum], { description: 'C-TPAT tiers that qualify' })
  qualifyingCtpatTiers: CtpatTier[];

  @Field({ description: 'Whether ISA membership qualifies on its own' })
  isaQualifies: boolean;

  @Field({ description: 'Whether an ACE portal account is required' })
  aceAccountRequired: boolean;

  @Field()
  description: string;
}

@ObjectType({ description: 'A Federal Register notice that opens volunteering for Centers' })
export class FederalRegisterNotice {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. 77 FR 52048' })
  citation: string;

  @Field()
  title: string;

  @Field(() => GraphQLLocalDate)
  publishedOn: string;

  @Field(() => GraphQLLocalDate)
  opensOn: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day to volunteer; null while open-ended' })
  closesOn: string | null;

  @Field({ description: 'Whether volunteering is possible today' })
  isOpen: boolean;

  @Field(() => [Center])
  centers: Center[];

  @Field(() => NoticeEligibility)
  eligibility: NoticeEligibility;

  @Field(() => String, { nullable: true, description: 'What the data assumes where the notice is silent' })
  note: string | null;
}

@InputType({ description: 'Who may volunteer under a notice, as data' })
export class NoticeEligibilityInput {
  @Field(() => [CtpatTierEnum], { description: 'C-TPAT tiers that qualify' })
  qualifyingCtpatTiers: CtpatTier[];

  @Field({ description: 'Whether ISA membership qualifies on its own' })
  isaQualifies: boolean;

  @Field({ description: 'Whether an ACE portal account is required' })
  aceAccountRequired: boolean;

  @Field({ description: 'The eligibility as the notice words it' })
  description: string;
}

@InputType({ description: 'A Federal Register notice to publish: it opens volunteering for some Centers from a date' })
export class PublishFederalRegisterNoticeInput {
  @Field({ description: 'The Federal Register citation, volume FR page: e.g. 91 FR 12345; the notice id is made from it (91-FR-12345)' })
  citation: string;

  @Field()
  title: string;

  @Field(() => GraphQLLocalDate, { description: 'Date of publication in the Federal Register' })
  publishedOn: string;

  @Field(() => GraphQLLocalDate, { description: 'First day to volunteer; not before publication' })
  opensOn: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day to volunteer, not before opensOn; none while open-ended' })
  closesOn?: string | null;

  @Field(() => [ID], { description: 'The Centers it opens, by id (e.g. ELECTRONICS)' })
  centerIds: string[];

  @Field(() => NoticeEligibilityInput)
  eligibility: NoticeEligibilityInput;

  @Field(() => String, { nullable: true, description: 'What the data assumes where the notice is silent' })
  note?: string | null;
}
