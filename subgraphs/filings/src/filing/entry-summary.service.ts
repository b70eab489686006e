import { BadUserInputError, checkPageSize, type Identity, parseEntryNumber, today } from '@cee-hub/common';
import { CoverageService } from '@cee-hub/centers/coverage';
import { eventActorOf } from '@cee-hub/contracts';
import type { FilingStatus } from '@cee-hub/db';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import { type DataSource, QueryFailedError } from 'typeorm';
import { importerFiledFor, type FilingScope } from '../access/filing-access';
import { DuplicateEntryNumberError } from '../errors';
import { type FilingEventRecord, recordFilingEvent } from '../event-log/filing-event-log';
import { type EntrySummaryLineRecord, type EntrySummaryRecord, EntrySummaryRepository, type FilingPageResult } from './entry-summary.repository';
import { type FilingChecks, type FilingInput, validateFiling } from './filing-validation';

export interface FileEntrySummaryRequest extends FilingInput {
  importerId?: string | null;
}

/** A new filing with everything it wrote, so the response needs no further reads. */
export interface FiledEntrySummary {
  summary: EntrySummaryRecord;
  lines: EntrySummaryLineRecord[];
  events: FilingEventRecord[];
}

export interface FilingPageRequest {
  first?: number | null;
  after?: string | null;
}

const ENTRY_NUMBER_CONSTRAINT = 'entry_summary_entry_number_key';

/**
 * Entry summaries: filing them, and reading them back by id, entry number or page. Reads take
 * scopes that the access rules (filing-access.ts) have already narrowed to what the caller may see.
 */
export class EntrySummaryService {
  readonly summaries: EntrySummaryRepository;
  private readonly coverage: CoverageService;
  private readonly importers: ImporterDirectory;

  constructor(private readonly dataSource: DataSource) {
    this.summaries = new EntrySummaryRepository(dataSource);
    this.coverage = new CoverageService(dataSource);
    this.importers = new ImporterDirectory(dataSource);
  }

  /** What validateFiling reads from other domains, as of today. */
  checks(): FilingChecks {
    return { coverage: this.coverage, importers: this.importers, today: today() };
  }

  /** The summary with an entry number given with or without hyphens; a malformed number is a BAD_USER_INPUT. */
  async byEntryNumber(entryNumber: string): Promise<EntrySummaryRecord | undefined> {
    const parsed = parseEntryNumber(entryNumber);
    if (!parsed.ok) throw new BadUserInputError({ field: 'entryNumber', message: parsed.message });
    return this.summaries.byEntryNumber(parsed.entryNumber);
  }

  /** One page of a scope, newest filing first. */
  page(scope: FilingScope, request: FilingPageRequest): Promise<FilingPageResult> {
    return this.summaries.page(scope, { first: checkPageSize(request.first), after: request.after });
  }

  /** The first pages of the filings of several importers (or Centers) within a scope, in one statement. */
  firstPages(scope: FilingScope, partitionKey: 'importerId' | 'centerId', values: readonly string[], first?: number | null): Promise<FilingPageResult[]> {
    const { [partitionKey]: _partition, ...shared } = scope;
    return this.summaries.firstPages(shared, partitionKey, values, checkPageSize(first));
  }

  /**
   * Files an entry summary for the caller: checks who may file, validates everything (all
   * problems at once), then writes the summary, its lines and its FILED event in one
   * transaction, announced with pg_notify on commit. A taken entry number is a CONFLICT, also
   * when two filings race for it: the unique index decides.
   */
  async file(input: FileEntrySummaryRequest, identity: Identity): Promise<FiledEntrySummary> {
    const importerId = importerFiledFor(identity, input.importerId);
    const { lines: validLines, ...filing } = await validateFiling(input, importerId, this.checks());
    try {
      return await this.dataSource.transaction(async (manager) => {
        const summary = await this.summaries.insert(manager, filing);
        const lines = await this.summaries.insertLines(manager, summary.id, validLines);
        const event = await recordFilingEvent(manager, { summary, type: 'FILED', fromStatus: null, toStatus: 'FILED', ...eventActorOf(identity) });
        return { summary, lines, events: [event] };
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTRY_NUMBER_CONSTRAINT)) throw new DuplicateEntryNumberError(filing.entryNumber);
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}

/** The caller's filter as a scope, in canonical form; a malformed entry number is a BAD_USER_INPUT. */
export function scopeOfFilter(filter: { centerId?: string | null; importerId?: string | null; status?: FilingStatus | null; entryNumber?: string | null }): FilingScope {
  const scope: FilingScope = {};
  if (filter.centerId) scope.centerId = filter.centerId;
  if (filter.importerId) scope.importerId = filter.importerId;
  if (filter.status) scope.status = filter.status;
  if (filter.entryNumber) {
    const parsed = parseEntryNumber(filter.entryNumber);
    if (!parsed.ok) throw new BadUserInputError({ field: 'filter.entryNumber', message: parsed.message });
    scope.entryNumber = parsed.entryNumber;
  }
  return scope;
}
