import { formatHtsNumber, isIsoDate, ProblemCollector, requireAdmin, today } from '@cee-hub/common';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Float, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CentersContext } from '../context';
import { Center } from '../types/center.type';
import { CenterLocation, ChangeCoverageInput, CoverageChange, CoverageRange } from '../types/coverage.type';
import { resolveCenterReference } from './center.resolver';
import { toCoverageRange } from './mappers';

/**
 * The most HTS numbers (and values) one locator call takes; documented in the schema and the
 * README. The gateway costs the call by the length of its lists, so aliases cannot multiply it.
 */
export const MAX_LOCATE_LINES = 500;

@Resolver(() => CoverageRange)
export class CoverageRangeResolver {
  @FieldResolver(() => Center)
  async center(@Root() range: CoverageRange, @Ctx() context: CentersContext): Promise<Center | null> {
    return resolveCenterReference({ id: range.centerId }, context);
  }

  @Query(() => CenterLocation, {
    description:
      `Finds the Center for each HTS number and the predominant Center of the lot: by value when values are given (one per number), else by count. At most ${MAX_LOCATE_LINES} numbers per call. Public.`,
  })
  async locateCenter(
    @Ctx() context: CentersContext,
    @Arg('htsNumbers', () => [String], { description: `At most ${MAX_LOCATE_LINES}` }) htsNumbers: string[],
    @Arg('values', () => [Float], { nullable: true, description: 'One per HTS number, in dollars' }) values?: number[],
    @Arg('asOf', () => GraphQLLocalDate, { nullable: true, description: 'Coverage date; today by default' }) asOf?: string,
  ): Promise<CenterLocation> {
    const problems = new ProblemCollector();
    if (htsNumbers.length === 0) problems.add('htsNumbers', 'give at least one HTS number');
    if (htsNumbers.length > MAX_LOCATE_LINES) problems.add('htsNumbers', `give at most ${MAX_LOCATE_LINES} HTS numbers at once; got ${htsNumbers.length}`);
    if (values && values.length !== htsNumbers.length) {
      problems.add('values', `give one value per HTS number: ${htsNumbers.length} numbers but ${values.length} values`);
    }
    // Each value is checked only in a list of the right length: a wrong list is one problem, not one per item.
    if (values && problems.ok) {
      values.forEach((value, index) => {
        if (!Number.isFinite(value) || value < 0) problems.add(`values[${index}]`, `must be a non-negative amount; got ${value}`);
      });
    }
    const date = asOf ?? today();
    if (!isIsoDate(date)) problems.add('asOf', `'${date}' is not a date like 2026-12-01`);
    problems.throwIfAny();

    const service = context.services.centers;
    const located = service.coverage.locateIn(htsNumbers, date, await context.loaders.rangesEffectiveOn(date));
    const predominant = service.predominant(located, values);
    const centerOf = async (id: string): Promise<Center> => (await resolveCenterReference({ id }, context))!;
    return {
      asOf: date,
      lines: await Promise.all(
        located.map(async (line, index) => ({
          input: line.input,
          htsNumber: line.htsNumber ? formatHtsNumber(line.htsNumber) : null,
          center: line.range ? await centerOf(line.range.centerId) : null,
          coverage: line.range ? (toCoverageRange(line.range) as CoverageRange) : null,
          value: values ? values[index]! : null,
          problem: line.problem ?? null,
        })),
      ),
      predominantCenter: predominant
        ? { center: await centerOf(predominant.centerId), measure: predominant.measure, amount: predominant.amount }
        : null,
    };
  }

  @Mutation(() => CoverageChange, {
    description:
      "Assigns HTS headings to a Center from a date as a confirmed range; other Centers' confirmed ranges over those headings close on that date. Admins only.",
  })
  async changeCenterCoverage(@Ctx() context: CentersContext, @Arg('input', () => ChangeCoverageInput) input: ChangeCoverageInput): Promise<CoverageChange> {
    requireAdmin(context.identity, "change a Center's coverage");
    const result = await context.services.centers.changeCoverage(input, context.identity.email ?? context.identity.subject ?? 'admin');
    return {
      range: toCoverageRange(result.range) as CoverageRange,
      closed: result.closed.map((range) => toCoverageRange(range) as CoverageRange),
    };
  }
}
