import type { FilingStatus } from '@cee-hub/db';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Center } from './center.type';
import { FilingStatusEnum, type ProcessingLocationKind, ProcessingLocationKindEnum } from './filing.enums';
import { Importer } from './importer.type';

@ObjectType({ description: 'Who processes an entry summary: a Center when the importer participated in one at filing time, else the port of entry' })
export class ProcessingLocation {
  @Field(() => ProcessingLocationKindEnum)
  kind: ProcessingLocationKind;

  @Field(() => Center, { nullable: true, description: 'Set when kind is CENTER' })
  center: Center | null;

  @Field(() => String, { nullable: true, description: 'Schedule D code of the port; set when kind is PORT' })
  port: string | null;
}

@ObjectType({ description: 'One line of an entry summary (CBP Form 7501, columns 27–34)' })
export class EntrySummaryLine {
  @Field(() => Int, { description: 'From 1' })
  lineNumber: number;

  @Field({ description: 'HTSUS number with dots, e.g. 8471.30.0100' })
  htsNumber: string;

  @Field({ description: 'Two-letter ISO country code' })
  countryOfOrigin: string;

  @Field(() => Float, { description: 'Entered value in U.S. dollars' })
  enteredValue: number;

  @Field(() => Float, { description: 'Ad valorem duty rate in percent' })
  dutyRate: number;

  @Field(() => Float, { description: 'Duty in U.S. dollars, to the cent' })
  duty: number;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An entry summary (CBP Form 7501) and where it stands' })
export class EntrySummary {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Filer code, serial and check digit, e.g. ABC-1234567-6' })
  entryNumber: string;

  @Field({ description: 'Two-digit entry type code, e.g. 01' })
  entryType: string;

  @Field({ description: 'What the entry type code means' })
  entryTypeDescription: string;

  @Field({ description: 'The three-character filer code the entry number starts with' })
  filerCode: string;

  // Nullable so that, while the importers service is unavailable, a list of filings still
  // comes back with an error naming the missing field instead of losing the whole answer.
  @Field(() => Importer, { nullable: true, description: 'The importer of record; null only when the importers service cannot be reached' })
  importer: Importer;

  @Field({ description: 'Four-digit Schedule D code of the port where the goods entered; never changes' })
  portOfEntry: string;

  @Field(() => GraphQLLocalDate)
  entryDate: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  releaseDate: string | null;

  @Field(() => GraphQLDateTime)
  filedAt: Date;

  @Field(() => FilingStatusEnum)
  status: FilingStatus;

  @Field(() => ProcessingLocation)
  processingLocation: ProcessingLocation;

  @Field(() => Center, { nullable: true, description: 'The Center processing the summary; null when the port of entry does' })
  processingCenter: Center | null;

  @Field(() => Float, { description: 'Sum of the lines’ entered values, in U.S. dollars' })
  totalEnteredValue: number;

  @Field(() => Float, { description: 'Sum of the lines’ duty, in U.S. dollars' })
  totalDuty: number;
}
