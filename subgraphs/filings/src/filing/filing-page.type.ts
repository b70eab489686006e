import { PageOf } from '@cee-hub/common/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import type { FilingScope } from '../access/filing-access';
import { EntrySummary } from './entry-summary.type';

@ObjectType({ description: 'A page of entry summaries, newest filing first' })
export class FilingPage extends PageOf(EntrySummary) {
  /** What the page was cut from; `totalCount` counts it only when asked. */
  scope: FilingScope;

  @Field(() => Int, { description: 'How many filings match, across all pages' })
  totalCount?: number;
}
