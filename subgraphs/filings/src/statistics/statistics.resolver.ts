import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { Center } from '../filing/center.type';
import { NationalStatisticsArgs, StatisticsPeriodArgs } from './statistics.args';
import { centerStatisticsScope, nationalStatisticsScope } from './statistics-period';
import type { FigureRow, RankedRow, StatisticsRepository } from './statistics.repository';
import {
  DecisionTimes,
  FilingFigures,
  FilingStatistics,
  filingStatistics,
  ImporterFigures,
  InformationRequestFigures,
  OpenStepFigures,
  RankedFigures,
  StaffWorkload,
  StatusFigures,
  WeeklyFigures,
} from './statistics.type';

/** Runs a section's statement once per statistics object, however many of its fields are read. */
function section<T>(root: FilingStatistics, name: keyof StatisticsRepository, run: () => Promise<T>): Promise<T> {
  if (!root.sections.has(name)) root.sections.set(name, run());
  return root.sections.get(name) as Promise<T>;
}

/** `Center.statistics`: the Center's own, for its staff and admins. */
@Resolver(() => Center)
export class CenterStatisticsResolver {
  @FieldResolver(() => FilingStatistics, { description: "Statistics of the entry summaries the Center processes; its own staff and CBP admins only" })
  statistics(
    @Root() center: Center,
    @Ctx() context: FilingsContext,
    @Args(() => StatisticsPeriodArgs) { from, to }: StatisticsPeriodArgs,
  ): FilingStatistics {
    return filingStatistics(centerStatisticsScope(context.identity, center.id, from, to));
  }
}

/** The national `statistics` and the sections of every statistics object. */
@Resolver(() => FilingStatistics)
export class FilingStatisticsResolver {
  @Query(() => FilingStatistics, { description: "National statistics of entry summaries, the ports' among them; CBP admins only" })
  statistics(
    @Ctx() context: FilingsContext,
    @Args(() => NationalStatisticsArgs) { from, to, processing }: NationalStatisticsArgs,
  ): FilingStatistics {
    return filingStatistics(nationalStatisticsScope(context.identity, processing, from, to));
  }

  private figures(root: FilingStatistics, context: FilingsContext): Promise<FigureRow[]> {
    return section(root, 'figures', () => context.services.statistics.figures(root.scope));
  }

  @FieldResolver(() => FilingFigures, { description: 'All filings of the period' })
  async totals(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<FilingFigures> {
    return (await this.figures(root, context)).find((row) => row.status === null)!;
  }

  @FieldResolver(() => [StatusFigures], { description: 'By the status the filings are in now; statuses without filings left out' })
  async byStatus(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<StatusFigures[]> {
    return (await this.figures(root, context)).filter((row): row is StatusFigures => row.status !== null);
  }

  private ranked(root: FilingStatistics, context: FilingsContext, dimension: RankedRow['dimension']): Promise<RankedRow[]> {
    return section(root, 'top', () => context.services.statistics.top(root.scope)).then((rows) => rows.filter((row) => row.dimension === dimension));
  }

  @FieldResolver(() => [RankedFigures], { description: 'The 10 largest 4-digit HTS headings by the entered value of their lines' })
  topHeadings(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<RankedFigures[]> {
    return this.ranked(root, context, 'HEADING');
  }

  @FieldResolver(() => [RankedFigures], { description: 'The 10 largest countries of origin by the entered value of their lines' })
  topCountriesOfOrigin(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<RankedFigures[]> {
    return this.ranked(root, context, 'COUNTRY');
  }

  @FieldResolver(() => [RankedFigures], { description: 'The 10 largest ports of entry by entered value' })
  topPortsOfEntry(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<RankedFigures[]> {
    return this.ranked(root, context, 'PORT');
  }

  @FieldResolver(() => [ImporterFigures], { description: 'The 10 largest importers by entered value' })
  async topImporters(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<ImporterFigures[]> {
    return (await this.ranked(root, context, 'IMPORTER')).map(({ key, filings, enteredValue, duty }) => ({ importer: { id: key }, filings, enteredValue, duty }));
  }

  @FieldResolver(() => InformationRequestFigures)
  informationRequests(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<InformationRequestFigures> {
    return section(root, 'informationRequests', () => context.services.statistics.informationRequests(root.scope));
  }

  @FieldResolver(() => [OpenStepFigures], { description: 'The staff steps open now, one row per queue (ENTRY_REVIEW, IMPORT_REVIEW, SIGN_OFF), whatever the period' })
  openSteps(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<OpenStepFigures[]> {
    return section(root, 'openSteps', () => context.services.statistics.openSteps(root.scope));
  }

  private decisionTimes(root: FilingStatistics, context: FilingsContext, automatic: boolean): Promise<DecisionTimes> {
    return section(root, 'decisionTimes', () => context.services.statistics.decisionTimes(root.scope)).then((rows) => rows.find((row) => row.automatic === automatic)!);
  }

  @FieldResolver(() => DecisionTimes, { description: 'From filing to the first decision (acceptance or rejection) by staff, of the filings a person at CBP claimed' })
  staffDecisionTimes(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<DecisionTimes> {
    return this.decisionTimes(root, context, false);
  }

  @FieldResolver(() => DecisionTimes, { description: 'From filing to acceptance of the filings accepted with no one at CBP claiming them (low risk)' })
  automaticAcceptanceTimes(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<DecisionTimes> {
    return this.decisionTimes(root, context, true);
  }

  @FieldResolver(() => [WeeklyFigures], { description: 'Every week (from Monday) the period touches, oldest first' })
  weekly(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<WeeklyFigures[]> {
    return section(root, 'weekly', () => context.services.statistics.weekly(root.scope));
  }

  @FieldResolver(() => [StaffWorkload], { description: "Each person at CBP who worked the period's filings, most decisions first" })
  workload(@Root() root: FilingStatistics, @Ctx() context: FilingsContext): Promise<StaffWorkload[]> {
    return section(root, 'workload', () => context.services.statistics.workload(root.scope));
  }
}
