import {
  addWorkingDays,
  adValoremDuty,
  amountProblem,
  ENTRY_TYPES,
  isIsoDate,
  isUuid,
  MAX_AMOUNT,
  parseEntryNumber,
  parseHtsNumber,
  ProblemCollector,
  toCents,
} from '@cee-hub/common';
import type { CoverageService } from '@cee-hub/centers/coverage';
import type { ImporterDirectory } from '@cee-hub/importers/directory';
import type { LocatedLine } from '@cee-hub/centers/coverage';
import type { NewEntrySummaryLine } from './entry-summary.repository';

/** Form 7501 numbers its lines with three digits. */
export const MAX_LINES = 999;
/** 19 CFR 142.12(b): the entry summary is due within 10 working days after entry. */
export const FILING_DUE_WORKING_DAYS = 10;
const MAX_DUTY_RATE = 1000;

export interface FilingLineInput {
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
}

export interface FilingInput {
  entryNumber: string;
  entryType: string;
  portOfEntry: string;
  entryDate: string;
  releaseDate?: string | null;
  lines: readonly FilingLineInput[];
}

/** A checked line: what will be stored, less the summary it belongs to. */
export type ValidFilingLine = NewEntrySummaryLine;

/** A filing that passed every check, in canonical form, with its duty and processing Center worked out. */
export interface ValidFiling {
  entryNumber: string;
  entryType: string;
  importerId: string;
  portOfEntry: string;
  entryDate: string;
  releaseDate: string | null;
  /** The importer's Center when it participates now, else null: the port of entry processes it. */
  processingCenterId: string | null;
  lines: ValidFilingLine[];
  totalEnteredValue: number;
  totalDuty: number;
}

/** What the checks read from other domains, and the date they run on. */
export interface FilingChecks {
  coverage: Pick<CoverageService, 'locate'>;
  importers: Pick<ImporterDirectory, 'byIds'>;
  today: string;
}

/**
 * Checks a filing completely and reports every problem at once (BadUserInputError with one
 * problem per field, such as `lines[2].htsNumber`), so a filer fixes everything in one round.
 * `importerId` is the importer the caller files for, or null when none was named.
 */
export async function validateFiling(input: FilingInput, importerId: string | null, checks: FilingChecks): Promise<ValidFiling> {
  const problems = new ProblemCollector();

  const entryNumber = parseEntryNumber(input.entryNumber);
  if (!entryNumber.ok) problems.add('entryNumber', entryNumber.message);

  const entryType = input.entryType.trim();
  if (!Object.hasOwn(ENTRY_TYPES, entryType)) {
    problems.add('entryType', `'${input.entryType}' is not a CBP entry type code; use one of ${Object.keys(ENTRY_TYPES).join(', ')}`);
  }

  const portOfEntry = input.portOfEntry.trim();
  if (!/^\d{4}$/.test(portOfEntry)) problems.add('portOfEntry', `'${input.portOfEntry}' is not a 4-digit Schedule D port code like 2704`);

  const { entryDate, releaseDate } = checkDates(input, checks.today, problems);

  // Coverage is read for the entry date; without a valid one only the format can be checked.
  const tooManyLines = input.lines.length > MAX_LINES;
  const [located, [importer]] = await Promise.all([
    entryDate && !tooManyLines ? checks.coverage.locate(input.lines.map((line) => line.htsNumber), entryDate) : null,
    importerId && isUuid(importerId) ? checks.importers.byIds([importerId]) : [undefined],
  ]);

  if (!importerId) problems.add('importerId', 'name the importer of record you file for');
  else if (!importer) problems.add('importerId', `no importer is registered with the id '${importerId}'`);

  if (input.lines.length === 0) problems.add('lines', 'give at least one line');
  // Past the limit, per-line problems would only bury the one that matters.
  if (tooManyLines) problems.add('lines', `an entry summary has at most ${MAX_LINES} lines; got ${input.lines.length}`);
  const { lines, totalEnteredValue, totalDuty } = tooManyLines ? { lines: [], totalEnteredValue: 0, totalDuty: 0 } : checkLines(input.lines, located, problems);

  problems.throwIfAny();
  return {
    entryNumber: (entryNumber as { entryNumber: string }).entryNumber,
    entryType,
    importerId: importerId!,
    portOfEntry,
    entryDate: entryDate!,
    releaseDate,
    processingCenterId: importer!.participationCenterId,
    lines,
    totalEnteredValue,
    totalDuty,
  };
}

/**
 * Checks every line (its HTS number located on the entry date where that date is valid) and
 * works out its duty; the totals are summed in cents, then checked against the columns.
 */
function checkLines(
  inputLines: readonly FilingLineInput[],
  located: readonly LocatedLine[] | null,
  problems: ProblemCollector,
): { lines: ValidFilingLine[]; totalEnteredValue: number; totalDuty: number } {
  const lines: ValidFilingLine[] = [];
  let totalEnteredCents = 0;
  let totalDutyCents = 0;
  inputLines.forEach((line, index) => {
    const field = (name: string) => `lines[${index}].${name}`;
    const htsNumber = checkedHtsNumber(line, located?.[index], (message) => problems.add(field('htsNumber'), message));
    const countryOfOrigin = line.countryOfOrigin.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(countryOfOrigin)) {
      problems.add(field('countryOfOrigin'), `'${line.countryOfOrigin}' is not a two-letter country code like CN`);
    }
    const valueProblem = amountProblem(line.enteredValue);
    if (valueProblem) problems.add(field('enteredValue'), valueProblem);
    const rateProblem = dutyRateProblem(line.dutyRate);
    if (rateProblem) problems.add(field('dutyRate'), rateProblem);
    if (htsNumber && !valueProblem && !rateProblem) {
      const duty = adValoremDuty(line.enteredValue, line.dutyRate);
      totalEnteredCents += toCents(line.enteredValue);
      totalDutyCents += toCents(duty);
      lines.push({ lineNumber: index + 1, htsNumber, countryOfOrigin, enteredValue: line.enteredValue, dutyRate: line.dutyRate, duty });
    }
  });
  const totalEnteredValue = totalEnteredCents / 100;
  const totalDuty = totalDutyCents / 100;
  // Each line fits the columns; many large lines together could overflow the totals.
  if (totalEnteredValue > MAX_AMOUNT) problems.add('lines', `the entered values add up to ${totalEnteredValue}, more than ${MAX_AMOUNT}`);
  if (totalDuty > MAX_AMOUNT) problems.add('lines', `the duty adds up to ${totalDuty}, more than ${MAX_AMOUNT}`);
  return { lines, totalEnteredValue, totalDuty };
}

/** A line's HTS number without dots: located in the coverage when the entry date allowed it, else only its format checked. */
function checkedHtsNumber(line: FilingLineInput, located: LocatedLine | undefined, problem: (message: string) => void): string | null {
  if (located) {
    if (located.range) return located.htsNumber;
    problem(located.problem);
    return null;
  }
  const parsed = parseHtsNumber(line.htsNumber);
  if (parsed.ok) return parsed.htsNumber;
  problem(parsed.message);
  return null;
}

/**
 * entryDate ≤ releaseDate ≤ today, and today within 10 working days after entry. Returns the
 * valid dates (null for an invalid one) so later checks can use them.
 */
function checkDates(input: FilingInput, today: string, problems: ProblemCollector): { entryDate: string | null; releaseDate: string | null } {
  let entryDate: string | null = input.entryDate.trim();
  if (!isIsoDate(entryDate)) {
    problems.add('entryDate', `'${input.entryDate}' is not a date like 2026-11-20`);
    entryDate = null;
  } else if (entryDate > today) {
    problems.add('entryDate', `must not be in the future; today is ${today}`);
  } else {
    const due = addWorkingDays(entryDate, FILING_DUE_WORKING_DAYS);
    if (today > due) {
      problems.add(
        'entryDate',
        `the entry summary for an entry on ${entryDate} was due by ${due}, ${FILING_DUE_WORKING_DAYS} working days after entry (19 CFR 142.12(b))`,
      );
    }
  }

  if (input.releaseDate === null || input.releaseDate === undefined) return { entryDate, releaseDate: null };
  const releaseDate = input.releaseDate.trim();
  if (!isIsoDate(releaseDate)) {
    problems.add('releaseDate', `'${input.releaseDate}' is not a date like 2026-11-20`);
    return { entryDate, releaseDate: null };
  }
  if (entryDate && releaseDate < entryDate) problems.add('releaseDate', `must not be before the entry date ${entryDate}`);
  else if (releaseDate > today) problems.add('releaseDate', `must not be in the future; today is ${today}`);
  return { entryDate, releaseDate };
}

function dutyRateProblem(rate: number): string | null {
  if (!Number.isFinite(rate)) return 'must be a number';
  if (rate < 0 || rate > MAX_DUTY_RATE) return `must be a percentage from 0 to ${MAX_DUTY_RATE}; got ${rate}`;
  if (Math.abs(Math.round(rate * 1000) - rate * 1000) > 1e-6) return `must have at most three decimals; got ${rate}`;
  return null;
}
