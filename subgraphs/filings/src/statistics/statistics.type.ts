import { graphqlEnum } from '@cee-hub/common/subgraph';
import type { FilingStatus } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Center } from '../filing/center.type';
import { FilingStatusEnum } from '../filing/filing.enums';
import { Importer } from '../filing/importer.type';
import { ReviewStepEnum } from '../review/review.type';
import { type StatisticsProcessing, type StatisticsScope, STATISTICS_PROCESSING } from './statistics-period';

export const StatisticsProcessingEnum = graphqlEnum(STATISTICS_PROCESSING, {
  name: 'StatisticsProcessing',
  description: 'Whose filings national statistics count: CENTER (processed by a Center), PORT (processed by the port of entry) or ALL',
});

@ObjectType({ description: 'Filings with their entered value and duty (in USD)' })
export class FilingFigures {
  @Field(() => Int)
  filings: number;

  @Field(() => Float)
  enteredValue: number;

  @Field(() => Float)
  duty: number;
}

@ObjectType({ description: 'The figures of the filings in one status' })
export class StatusFigures extends FilingFigures {
  @Field(() => FilingStatusEnum)
  status: FilingStatus;
}

@ObjectType({ description: 'One of the largest of a dimension (HTS heading, port, country) by entered value; for headings and countries the line values, filings counted once' })
export class RankedFigures extends FilingFigures {
  @Field({ description: 'The 4-digit HTS heading, the 4-digit port code or the 2-letter country code' })
  key: string;
}

@ObjectType({ description: 'One of the largest importers by entered value' })
export class ImporterFigures extends FilingFigures {
  @Field(() => Importer)
  importer: Importer;
}

@ObjectType({ description: 'CF-28 requests for information and CF-29 notices of action sent to importers, and returns and corrections' })
export class InformationRequestFigures {
  @Field(() => Int)
  cf28Issued: number;

  @Field(() => Int)
  cf28Answered: number;

  @Field(() => Float, { nullable: true, description: "Median seconds from a CF-28 to the importer's answer; null without answers" })
  cf28MedianResponseSeconds: number | null;

  @Field(() => Int, { description: 'Notices of action sent (signed off), not proposals' })
  cf29Issued: number;

  @Field(() => Int)
  cf29Responded: number;

  @Field(() => Float, { nullable: true, description: "Median seconds from a CF-29 to the importer's response; null without responses" })
  cf29MedianResponseSeconds: number | null;

  @Field(() => Int, { description: 'Summaries returned to the filer' })
  returned: number;

  @Field(() => Int, { description: 'Corrections the filers sent after a return' })
  corrected: number;
}

@ObjectType({ description: 'The staff steps of one queue open now' })
export class OpenStepFigures {
  @Field(() => ReviewStepEnum)
  step: string;

  @Field(() => Int)
  open: number;

  @Field(() => Int, { description: 'Past their SLA' })
  breached: number;

  @Field(() => Int, { description: 'Escalated to the supervisors' })
  escalated: number;

  @Field(() => Int, { description: 'Not past their SLA yet, but within the next 24 hours' })
  dueWithin24Hours: number;
}

@ObjectType({ description: 'Times from filing to decision, in seconds' })
export class DecisionTimes {
  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true, description: 'Median; null without decisions' })
  p50Seconds: number | null;

  @Field(() => Float, { nullable: true })
  p90Seconds: number | null;
}

@ObjectType({ description: 'One week (from Monday) of the period' })
export class WeeklyFigures {
  @Field(() => GraphQLLocalDate, { description: 'The Monday the week starts on' })
  weekStart: string;

  @Field(() => Int, { description: 'Filings filed in the week' })
  filings: number;

  @Field(() => Float)
  enteredValue: number;

  @Field(() => Int, { description: "Decisions made in the week on the period's filings" })
  decisions: number;

  @Field(() => Int, { description: 'Of them, automatic acceptances' })
  automaticAcceptances: number;
}

@ObjectType({ description: "What one person at CBP did on the period's filings" })
export class StaffWorkload {
  @Field({ description: 'Their email (else their staff id) as the event log records it' })
  staffEmail: string;

  @Field({ description: 'The role they acted in' })
  role: string;

  @Field(() => Int, { description: 'Steps claimed' })
  claimed: number;

  @Field(() => Int, { description: 'Decisions made: accepting, referring, returning, requesting information, proposing, signing off, rejecting' })
  decided: number;

  @Field(() => Float, { nullable: true, description: 'Median seconds from claiming a step to the next thing that happened to the filing' })
  medianStepSeconds: number | null;
}

/**
 * The statistics of the filings filed (filed_at, in UTC) in a period; each field is one SQL
 * statement, run when asked for. Open steps are those open now, whatever the period.
 */
@ObjectType({ description: 'Statistics of the entry summaries filed (filedAt, UTC days) from `from` to `to` inclusive, computed by the database' })
export class FilingStatistics {
  /** What the fields count; not in the schema. */
  scope: StatisticsScope;
  /** Each section's statement, run once however many fields read it. */
  sections: Map<string, Promise<unknown>>;

  @Field(() => GraphQLLocalDate)
  from: string;

  @Field(() => GraphQLLocalDate)
  to: string;

  @Field(() => Center, { nullable: true, description: 'The Center counted; null for national statistics' })
  center: Center | null;

  @Field(() => StatisticsProcessingEnum)
  processing: StatisticsProcessing;
}

/** The statistics object of a scope, its fields resolved by FilingStatisticsResolver. */
export function filingStatistics(scope: StatisticsScope): FilingStatistics {
  return Object.assign(new FilingStatistics(), {
    scope,
    sections: new Map(),
    from: scope.from,
    to: scope.to,
    center: scope.centerId !== null ? { id: scope.centerId } : null,
    processing: scope.processing,
  });
}
