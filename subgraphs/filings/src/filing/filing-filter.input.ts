import type { FilingStatus } from '@cee-hub/db';
import { Field, ID, InputType } from 'type-graphql';
import { FilingStatusEnum } from './filing.enums';

/** Whose filings: the Center that processes them, the importer of record. Lists and live updates narrow by both. */
@InputType()
export abstract class FilingPartiesFilter {
  @Field(() => ID, { nullable: true, description: 'Only filings processed by this Center' })
  centerId?: string | null;

  @Field(() => ID, { nullable: true })
  importerId?: string | null;
}

@InputType({ description: 'Narrows a list of filings; every field given must match' })
export class FilingFilter extends FilingPartiesFilter {
  @Field(() => FilingStatusEnum, { nullable: true })
  status?: FilingStatus | null;

  @Field(() => String, { nullable: true, description: 'One entry number, with or without hyphens' })
  entryNumber?: string | null;
}
