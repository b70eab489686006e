import { BadUserInputError, type FieldProblem, isIsoDate, ProblemCollector } from '@cee-hub/common';
import { REVIEW_STEPS } from '@cee-hub/contracts';
import { FILING_STATUSES } from '@cee-hub/db';
import { TRADE_REVIEW_STEP } from '../access/filing-audience';
import { PROCESSING_LOCATION_KINDS } from '../filing/filing.enums';
import type { SearchRequest } from './filing-search.criteria';
import { FILING_SEARCH_ORDERS, type FilingSearchFilter, SLA_STATES } from './filing-search.input';

type FilterField = keyof FilingSearchFilter;

/** How a query parameter becomes its FilingSearchFilter field, as GraphQL would coerce it. */
type ParameterKind = 'text' | 'date' | 'amount' | { oneOf: readonly string[] };

/**
 * The parameters of the export: every field of FilingSearchFilter under its own name (the
 * console and the benchmark build their URLs from these names), then `orderBy`.
 */
const FILTER_PARAMETERS: Readonly<Record<FilterField, ParameterKind>> = {
  entryNumberPrefix: 'text',
  importer: 'text',
  importerId: 'text',
  filerCode: 'text',
  htsPrefix: 'text',
  countryOfOrigin: 'text',
  portOfEntry: 'text',
  status: { oneOf: FILING_STATUSES },
  reviewStep: { oneOf: [...REVIEW_STEPS, TRADE_REVIEW_STEP] },
  processing: { oneOf: PROCESSING_LOCATION_KINDS },
  centerId: 'text',
  filedFrom: 'date',
  filedTo: 'date',
  entryDateFrom: 'date',
  entryDateTo: 'date',
  minEnteredValue: 'amount',
  maxEnteredValue: 'amount',
  slaState: { oneOf: SLA_STATES },
};

export const EXPORT_PARAMETERS: readonly string[] = [...Object.keys(FILTER_PARAMETERS), 'orderBy'];

/**
 * The search an export's query string asks for, in the shape searchFilings takes, so that
 * searchCriteria checks it with the same rules. What GraphQL's types would refuse (an unknown
 * enum value, a date that does not exist, a non-number) is refused here, all problems at once.
 * An unknown or repeated parameter is refused too: a misspelt filter must not silently widen
 * the export, and `status=A&status=B` must not silently keep one of them.
 */
export function exportSearchRequest(query: URLSearchParams): SearchRequest {
  const problems = new ProblemCollector();
  const filter: Record<string, string | number> = {};
  let orderBy: SearchRequest['orderBy'];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (seen.has(name)) {
      problems.add(name, 'is given more than once; give each parameter at most once');
      continue;
    }
    seen.add(name);
    if (name === 'orderBy') {
      if (isOneOf(value, FILING_SEARCH_ORDERS)) orderBy = value;
      else problems.add(name, notOneOf(value, FILING_SEARCH_ORDERS));
      continue;
    }
    const kind = Object.hasOwn(FILTER_PARAMETERS, name) ? FILTER_PARAMETERS[name as FilterField] : undefined;
    if (!kind) {
      problems.add(name, `is not a parameter of this export; the parameters are ${EXPORT_PARAMETERS.join(', ')}`);
      continue;
    }
    if (value.trim() === '') {
      problems.add(name, 'is empty; give a value or leave the parameter out');
      continue;
    }
    const parsed = parseParameter(kind, value);
    if (typeof parsed === 'object') problems.add(name, parsed.problem);
    else filter[name] = parsed;
  }
  problems.throwIfAny();
  return { filter: filter as FilingSearchFilter, orderBy };
}

function parseParameter(kind: ParameterKind, value: string): string | number | { problem: string } {
  if (kind === 'text') return value;
  if (kind === 'date') return isIsoDate(value) ? value : { problem: `'${value}' is not a day like 2026-11-30` };
  if (kind === 'amount') {
    const amount = Number(value);
    return /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(value) && Number.isFinite(amount) ? amount : { problem: `'${value}' is not an amount in U.S. dollars like 25000.50` };
  }
  return isOneOf(value, kind.oneOf) ? value : { problem: notOneOf(value, kind.oneOf) };
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

function notOneOf(value: string, allowed: readonly string[]): string {
  return `'${value}' is not one of ${allowed.join(', ')}`;
}

/**
 * searchCriteria names the fields of searchFilings' arguments (`filter.htsPrefix`); the export
 * names its query parameters (`htsPrefix`), so its refusals name what to fix in the URL.
 */
export function inExportTerms(error: BadUserInputError): BadUserInputError {
  const rename = (text: string) => text.replace(/\bfilter\.(\w+)/g, '$1');
  const problems: FieldProblem[] = error.problems.map((problem) => ({ field: rename(problem.field), message: rename(problem.message) }));
  return new BadUserInputError(problems, error.moreProblems);
}
