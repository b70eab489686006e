import type { FilingStatus } from '@cee-hub/db';
import { ArgsType, Field, Int } from 'type-graphql';
import { FilingStatusEnum } from './filing.enums';
import { FilingFilter } from './filing-filter.input';

// Args classes rather than @Arg parameters: parameter decorators run last to first, which
// would print the arguments in reverse.

@ArgsType()
export class FilingListArgs {
  @Field(() => FilingFilter, { nullable: true })
  filter?: FilingFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, from 1 to 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

@ArgsType()
export class EntityFilingsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, from 1 to 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;

  @Field(() => FilingStatusEnum, { nullable: true, description: 'Only filings in this status' })
  status?: FilingStatus | null;
}
