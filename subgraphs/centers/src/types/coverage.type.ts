import type { CoverageBasis } from '@cee-hub/db';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { Center } from './center.type';
import { CoverageBasisEnum, PredominanceMeasureEnum } from './enums';

@ObjectType({ description: 'HTS headings (inclusive) a Center covers over a period, with where that comes from' })
export class CoverageRange {
  @Field(() => ID)
  id: string;

  centerId: string;

  @Field(() => Center)
  center: Center;

  @Field({ description: 'First heading, 4 digits' })
  firstHeading: string;

  @Field({ description: 'Last heading, 4 digits' })
  lastHeading: string;

  @Field(() => CoverageBasisEnum)
  basis: CoverageBasis;

  @Field({ description: 'Where the range comes from, so it can be checked and corrected' })
  source: string;

  @Field(() => GraphQLLocalDate)
  effectiveFrom: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day the range no longer applies; null while current' })
  effectiveTo: string | null;
}

@ObjectType({ description: 'One HTS number and the Center that covers it, or why none does' })
export class LocatedLine {
  @Field({ description: 'The HTS number as given' })
  input: string;

  @Field(() => String, { nullable: true, description: 'The ten digits with dots (8471.30.0100); null when the input is not an HTS number' })
  htsNumber: string | null;

  @Field(() => Center, { nullable: true })
  center: Center | null;

  @Field(() => CoverageRange, { nullable: true, description: 'The range that decided the Center' })
  coverage: CoverageRange | null;

  @Field(() => Float, { nullable: true, description: 'The value given for this line' })
  value: number | null;

  @Field(() => String, { nullable: true, description: 'Why no Center covers this line' })
  problem: string | null;
}

@ObjectType({ description: 'Where the predominant part of some goods is processed' })
export class PredominantCenter {
  @Field(() => Center)
  center: Center;

  @Field(() => PredominanceMeasureEnum)
  measure: 'VALUE' | 'COUNT';

  @Field(() => Float, { description: 'Total value (or count of lines) the Center covers' })
  amount: number;
}

@ObjectType({ description: 'The Centers that cover some HTS numbers' })
export class CenterLocation {
  @Field(() => GraphQLLocalDate, { description: 'The date the coverage was read for' })
  asOf: string;

  @Field(() => [LocatedLine])
  lines: LocatedLine[];

  @Field(() => PredominantCenter, { nullable: true, description: 'Null when no line is covered' })
  predominantCenter: PredominantCenter | null;
}

@InputType({ description: 'Assign HTS headings to a Center from a date' })
export class ChangeCoverageInput {
  @Field(() => ID)
  centerId: string;

  @Field()
  firstHeading: string;

  @Field()
  lastHeading: string;

  @Field(() => GraphQLLocalDate)
  effectiveFrom: string;

  @Field({ description: 'The source of the change, e.g. a Federal Register citation' })
  source: string;
}

@ObjectType({ description: 'The result of a coverage change' })
export class CoverageChange {
  @Field(() => CoverageRange)
  range: CoverageRange;

  @Field(() => [CoverageRange], { description: "Other Centers' confirmed ranges closed by the change" })
  closed: CoverageRange[];
}
