import type { ReviewStep } from '@cee-hub/contracts';
import { graphqlEnum } from '@cee-hub/common/subgraph';
import type { FilingStatus } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { FilingStatusEnum, type ProcessingLocationKind, ProcessingLocationKindEnum } from '../filing/filing.enums';
import { ReviewStepEnum } from '../review/review.type';

export const SLA_STATES = ['ON_TIME', 'DUE_SOON', 'OVERDUE'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const SlaStateEnum = graphqlEnum(SLA_STATES, {
  name: 'SlaState',
  description: "Where the open review step stands against its due time: OVERDUE (past it), DUE_SOON (within 24 hours), ON_TIME (later). Filings with no open step match none",
});

export const FILING_SEARCH_ORDERS = ['NEWEST_FIRST', 'DUE_FIRST'] as const;
export type FilingSearchOrder = (typeof FILING_SEARCH_ORDERS)[number];
export const FilingSearchOrderEnum = graphqlEnum(FILING_SEARCH_ORDERS, {
  name: 'FilingSearchOrder',
  description: 'NEWEST_FIRST: latest filing first. DUE_FIRST: the open step due soonest first, filings with no due step last (CBP only)',
});

@InputType({ description: 'What searchFilings matches; every field given must match' })
export class FilingSearchFilter {
  @Field(() => String, { nullable: true, description: 'The start of an entry number, with or without hyphens (ABC-12, ABC12)' })
  entryNumberPrefix?: string | null;

  @Field(() => String, { nullable: true, description: "An importer of record number (with its hyphens), or the start of an importer's name (any case)" })
  importer?: string | null;

  @Field(() => ID, { nullable: true })
  importerId?: string | null;

  @Field(() => String, { nullable: true, description: 'The 3-character filer code that starts the entry number' })
  filerCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A line whose HTS number starts so: chapter (2 digits), heading (4), subheading (6), 8 or 10 digits, with or without dots',
  })
  htsPrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'A line with this country of origin (ISO 3166 alpha-2); with htsPrefix, the same line' })
  countryOfOrigin?: string | null;

  @Field(() => String, { nullable: true, description: 'The 4-digit Schedule D port of entry' })
  portOfEntry?: string | null;

  @Field(() => FilingStatusEnum, { nullable: true })
  status?: FilingStatus | null;

  @Field(() => ReviewStepEnum, { nullable: true, description: 'The review step; the trade names the steps CBP works as CBP_REVIEW' })
  reviewStep?: ReviewStep | 'CBP_REVIEW' | null;

  @Field(() => ProcessingLocationKindEnum, { nullable: true, description: 'Processed by a Center or by the port (port-processed filings: admins only)' })
  processing?: ProcessingLocationKind | null;

  @Field(() => ID, { nullable: true, description: 'Only filings processed by this Center' })
  centerId?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Filed on or after this day (UTC)' })
  filedFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Filed on or before this day (UTC)' })
  filedTo?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Entry date on or after this day' })
  entryDateFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Entry date on or before this day' })
  entryDateTo?: string | null;

  @Field(() => Float, { nullable: true, description: 'Total entered value at least this, in U.S. dollars' })
  minEnteredValue?: number | null;

  @Field(() => Float, { nullable: true, description: 'Total entered value at most this, in U.S. dollars' })
  maxEnteredValue?: number | null;

  @Field(() => SlaStateEnum, { nullable: true, description: 'The open step against its due time (CBP only)' })
  slaState?: SlaState | null;
}

@ArgsType()
export class SearchFilingsArgs {
  @Field(() => FilingSearchFilter, { nullable: true })
  filter?: FilingSearchFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, from 1 to 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page (of the same order)' })
  after?: string | null;

  @Field(() => FilingSearchOrderEnum, { nullable: true, defaultValue: 'NEWEST_FIRST' })
  orderBy?: FilingSearchOrder | null;
}
