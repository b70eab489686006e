import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { FilingScope } from '../services/filing-access';
import { EntrySummary } from './entry-summary.type';

/** The importers subgraph pages with the same type; federation needs it identical and @shareable in both. */
@Directive('@shareable')
@ObjectType({ description: 'Where a page of a list ends' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}

@ObjectType({ description: 'A page of entry summaries, newest filing first' })
export class FilingPage {
  @Field(() => [EntrySummary])
  nodes: EntrySummary[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** What the page was cut from; `totalCount` counts it only when asked. */
  scope: FilingScope;

  @Field(() => Int, { description: 'How many filings match, across all pages' })
  totalCount?: number;
}
