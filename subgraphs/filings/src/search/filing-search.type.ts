import { PageOf } from '@cee-hub/common/subgraph';
import { Field, Int, ObjectType } from 'type-graphql';
import { EntrySummary } from '../filing/entry-summary.type';
import type { SearchCriteria } from './filing-search.criteria';

@ObjectType({ description: 'How many filings a search matches' })
export class FilingSearchCount {
  @Field(() => Int, { description: 'The count; past 10 000 matches, the database planner’s estimate' })
  value: number;

  @Field(() => Boolean, { description: 'Whether value is an exact count (up to 10 000 matches) rather than an estimate' })
  isExact: boolean;
}

@ObjectType({ description: 'A page of the entry summaries a search matches' })
export class FilingSearchPage extends PageOf(EntrySummary) {
  /** The search the page was cut from, and the importers its importer term named; `totalCount` counts it only when asked. */
  criteria: SearchCriteria;
  importerIds?: readonly string[];

  @Field(() => FilingSearchCount, { description: 'How many filings match, across all pages; cheap at any scale' })
  totalCount?: FilingSearchCount;
}
