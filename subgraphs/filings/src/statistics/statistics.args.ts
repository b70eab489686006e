import { GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field } from 'type-graphql';
import { type StatisticsProcessing } from './statistics-period';
import { StatisticsProcessingEnum } from './statistics.type';

/** The period of `Center.statistics` and `statistics`; checked by checkStatisticsPeriod before any query. */
@ArgsType()
export class StatisticsPeriodArgs {
  @Field(() => GraphQLLocalDate, { description: 'The first day counted: summaries filed (filedAt, UTC) on or after it' })
  from: string;

  @Field(() => GraphQLLocalDate, { description: 'The last day counted, on or after `from` and at most 5 years after it' })
  to: string;
}

@ArgsType()
export class NationalStatisticsArgs extends StatisticsPeriodArgs {
  @Field(() => StatisticsProcessingEnum, { defaultValue: 'ALL', description: "Centers' filings, ports' or both" })
  processing: StatisticsProcessing;
}
