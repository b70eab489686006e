import { BadUserInputError, checkPageSize, ForbiddenError, type Identity, isCbp, ProblemCollector, textProblem } from '@cee-hub/common';
import { REVIEW_STEPS, type ReviewStep, STAFF_STEPS } from '@cee-hub/contracts';
import { type FilingScope, scopeOfFilingList } from '../access/filing-access';
import { TRADE_REVIEW_STEP } from '../access/filing-audience';
import type { ProcessingLocationKind } from '../filing/filing.enums';
import type { FilingSearchFilter, FilingSearchOrder, SlaState } from './filing-search.input';

/** The longest importer name start searched for; longer text names no more importers. */
const MAX_IMPORTER_TERM = 200;

/**
 * A search checked and narrowed to what the caller may see: every value canonical, ready for
 * SQL. `scope` carries the parts the list of filings shares (importer, Center, status).
 */
export interface SearchCriteria {
  scope: FilingScope;
  /** The start of a canonical entry number (`ABC-12`), or the filer code followed by its hyphen. */
  entryNumberPrefixes: string[];
  /** An importer number or name start, resolved to importer ids by the importers domain. */
  importerTerm?: string;
  htsPrefix?: string;
  countryOfOrigin?: string;
  portOfEntry?: string;
  reviewSteps?: ReviewStep[];
  processing?: ProcessingLocationKind;
  filedFrom?: string;
  filedTo?: string;
  entryDateFrom?: string;
  entryDateTo?: string;
  minEnteredValue?: number;
  maxEnteredValue?: number;
  slaState?: SlaState;
  order: FilingSearchOrder;
  first: number;
  after?: string;
}

export interface SearchRequest {
  filter?: FilingSearchFilter | null;
  first?: number | null;
  after?: string | null;
  orderBy?: FilingSearchOrder | null;
}

/**
 * Checks a search before any query runs: malformed values are one BAD_USER_INPUT naming every
 * field, then a filter reaching past what the caller may see is FORBIDDEN (as for `filings`).
 */
export function searchCriteria(identity: Identity, request: SearchRequest): SearchCriteria {
  const filter = request.filter ?? {};
  const problems = new ProblemCollector();
  const criteria: SearchCriteria = { scope: {}, entryNumberPrefixes: [], order: request.orderBy ?? 'NEWEST_FIRST', first: 0 };
  try {
    criteria.first = checkPageSize(request.first);
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    for (const problem of error.problems) problems.add(problem.field, problem.message);
  }
  if (request.after) criteria.after = request.after;
  checkParties(filter, criteria, problems);
  checkLineFilters(filter, criteria, problems);
  checkRanges(filter, criteria, problems);
  problems.throwIfAny();
  criteria.scope = scopeOfFilingList(identity, {
    ...(filter.importerId ? { importerId: filter.importerId } : {}),
    ...(filter.centerId ? { centerId: filter.centerId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  });
  criteria.reviewSteps = filter.reviewStep ? stepsSearched(identity, filter.reviewStep) : undefined;
  refuseBeyondAudience(identity, criteria);
  return criteria;
}

function checkParties(filter: FilingSearchFilter, criteria: SearchCriteria, problems: ProblemCollector): void {
  if (filter.entryNumberPrefix != null) {
    const compact = filter.entryNumberPrefix.trim().toUpperCase().replace(/[\s-]/g, '');
    if (/^[A-Z0-9]{1,3}$|^[A-Z0-9]{3}\d{1,8}$/.test(compact)) criteria.entryNumberPrefixes.push(canonicalEntryPrefix(compact));
    else problems.add('filter.entryNumberPrefix', `'${filter.entryNumberPrefix}' is not the start of an entry number like ABC-1234567-6`);
  }
  if (filter.filerCode != null) {
    const code = filter.filerCode.trim().toUpperCase();
    if (/^[A-Z0-9]{3}$/.test(code)) criteria.entryNumberPrefixes.push(`${code}-`);
    else problems.add('filter.filerCode', `'${filter.filerCode}' is not a filer code: 3 letters or digits, like ABC`);
  }
  if (filter.importer != null) {
    const term = filter.importer.trim();
    const problem = term ? textProblem(term) : 'must name an importer number or the start of a name';
    if (problem) problems.add('filter.importer', problem);
    else if (term.length > MAX_IMPORTER_TERM) problems.add('filter.importer', `must be at most ${MAX_IMPORTER_TERM} characters`);
    else criteria.importerTerm = term;
  }
  if (filter.portOfEntry != null) {
    if (/^\d{4}$/.test(filter.portOfEntry.trim())) criteria.portOfEntry = filter.portOfEntry.trim();
    else problems.add('filter.portOfEntry', `'${filter.portOfEntry}' is not a 4-digit Schedule D port code like 2704`);
  }
  if (filter.processing) criteria.processing = filter.processing;
  if (filter.slaState) criteria.slaState = filter.slaState;
}

function checkLineFilters(filter: FilingSearchFilter, criteria: SearchCriteria, problems: ProblemCollector): void {
  if (filter.htsPrefix != null) {
    const digits = filter.htsPrefix.trim().replace(/[.\s]/g, '');
    if (!/^\d+$/.test(digits) || digits.length > 10) {
      problems.add('filter.htsPrefix', `'${filter.htsPrefix}' is not the start of an HTS number: 2 to 10 digits, with or without dots, like 8542 or 8542.31`);
    } else if (digits.length % 2 === 1) {
      problems.add('filter.htsPrefix', `'${filter.htsPrefix}' has ${digits.length} digits; give a chapter (2), heading (4), subheading (6), 8 or 10 digits`);
    } else criteria.htsPrefix = digits;
  }
  if (filter.countryOfOrigin != null) {
    const country = filter.countryOfOrigin.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(country)) criteria.countryOfOrigin = country;
    else problems.add('filter.countryOfOrigin', `'${filter.countryOfOrigin}' is not a 2-letter ISO country code like CN`);
  }
}

function checkRanges(filter: FilingSearchFilter, criteria: SearchCriteria, problems: ProblemCollector): void {
  const range = <T extends string | number>(fromField: string, toField: string, from: T | null | undefined, to: T | null | undefined): [T?, T?] => {
    if (from != null && to != null && from > to) problems.add(`filter.${toField}`, `must not be before filter.${fromField} (${from}); got ${to}`);
    return [from ?? undefined, to ?? undefined];
  };
  [criteria.filedFrom, criteria.filedTo] = range('filedFrom', 'filedTo', filter.filedFrom, filter.filedTo);
  [criteria.entryDateFrom, criteria.entryDateTo] = range('entryDateFrom', 'entryDateTo', filter.entryDateFrom, filter.entryDateTo);
  for (const field of ['minEnteredValue', 'maxEnteredValue'] as const) {
    const value = filter[field];
    if (value != null && (!Number.isFinite(value) || value < 0)) problems.add(`filter.${field}`, `must be an amount of 0 or more; got ${value}`);
  }
  [criteria.minEnteredValue, criteria.maxEnteredValue] = range('minEnteredValue', 'maxEnteredValue', filter.minEnteredValue, filter.maxEnteredValue);
}

/** `ABC12345` as stored: `ABC-12345`; the hyphens fall after the filer code and after the serial. */
function canonicalEntryPrefix(compact: string): string {
  if (compact.length <= 3) return compact;
  if (compact.length <= 10) return `${compact.slice(0, 3)}-${compact.slice(3)}`;
  return `${compact.slice(0, 3)}-${compact.slice(3, 10)}-${compact.slice(10)}`;
}

/** CBP_REVIEW is the steps CBP works, as the trade names them; the trade may not ask for those steps one by one. */
function stepsSearched(identity: Identity, step: ReviewStep | typeof TRADE_REVIEW_STEP): ReviewStep[] {
  if (step === TRADE_REVIEW_STEP) return [...STAFF_STEPS];
  if (!isCbp(identity) && STAFF_STEPS.includes(step)) {
    throw new ForbiddenError(`The trade sees ${STAFF_STEPS.join(', ')} as ${TRADE_REVIEW_STEP}; search by reviewStep: ${TRADE_REVIEW_STEP}`);
  }
  return REVIEW_STEPS.includes(step) ? [step] : [];
}

/** Step deadlines are CBP's own (the trade sees none), and port-processed filings are no Center's. */
function refuseBeyondAudience(identity: Identity, criteria: SearchCriteria): void {
  if (!isCbp(identity) && (criteria.slaState || criteria.order === 'DUE_FIRST')) {
    throw new ForbiddenError("Review step deadlines are CBP's: leave out slaState and order by NEWEST_FIRST");
  }
  if (identity.role !== 'ADMIN' && isCbp(identity) && criteria.processing === 'PORT') {
    throw new ForbiddenError('Port-processed filings are worked by the ports; Center staff may search only their own Center’s');
  }
}
