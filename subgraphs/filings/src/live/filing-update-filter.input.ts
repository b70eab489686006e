import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows filingUpdated; every field given must match, and none may reach past what the caller may see' })
export class FilingUpdateFilter {
  @Field(() => ID, { nullable: true, description: 'Only filings processed by this Center' })
  centerId?: string | null;

  @Field(() => ID, { nullable: true })
  importerId?: string | null;

  @Field(() => String, { nullable: true, description: 'One entry number, with or without hyphens; it need not be filed yet' })
  entryNumber?: string | null;
}
