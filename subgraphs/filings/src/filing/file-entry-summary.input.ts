import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'One line of a new entry summary' })
export class EntrySummaryLineInput {
  @Field({ description: '10-digit HTSUS number, with or without dots' })
  htsNumber: string;

  @Field({ description: 'Two-letter ISO country code' })
  countryOfOrigin: string;

  @Field(() => Float, { description: 'U.S. dollars, in whole cents' })
  enteredValue: number;

  @Field(() => Float, { description: 'Ad valorem rate in percent, 0–1000, at most three decimals' })
  dutyRate: number;
}

/**
 * What a filer states about an entry summary and may correct once it is returned: a new filing
 * (FileEntrySummaryInput) and a correction (CorrectEntrySummaryInput) both carry it.
 * Dates are Strings rather than LocalDate so a bad date comes back as a field problem with
 * the rest, not as a variable coercion error that hides every other problem.
 */
@InputType()
export abstract class EntrySummaryContentsInput {
  @Field({ description: 'Two-digit entry type code, e.g. 01' })
  entryType: string;

  @Field({ description: 'YYYY-MM-DD' })
  entryDate: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  releaseDate?: string | null;

  @Field(() => [EntrySummaryLineInput])
  lines: EntrySummaryLineInput[];
}

/** Adds what identifies the entry to its contents; these stay as filed through corrections. */
@InputType({ description: 'A new entry summary (CBP Form 7501)' })
export class FileEntrySummaryInput extends EntrySummaryContentsInput {
  @Field({ description: 'e.g. ABC-1234567-6; hyphens optional' })
  entryNumber: string;

  @Field(() => ID, { nullable: true, description: 'The importer of record; an importer filing for itself may leave it out' })
  importerId?: string | null;

  @Field({ description: 'Four-digit Schedule D port code' })
  portOfEntry: string;
}
