import { Field, InputType } from 'type-graphql';
import { FilingPartiesFilter } from '../filing/filing-filter.input';

@InputType({ description: 'Narrows filingUpdated; every field given must match, and none may reach past what the caller may see' })
export class FilingUpdateFilter extends FilingPartiesFilter {
  @Field(() => String, { nullable: true, description: 'One entry number, with or without hyphens; it need not be filed yet' })
  entryNumber?: string | null;
}
