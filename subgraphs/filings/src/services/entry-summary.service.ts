import { BadUserInputError, type Identity, parseEntryNumber, today, isUuid } from '@cee-hub/common';
import { CoverageService } from '@cee-hub/centers/coverage';
import type { FilingStatus } from '@cee-hub/db';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import { type DataSource, QueryFailedError } from 'typeorm';
import { DuplicateEntryNumberError } from '../errors';
import { importerFiledFor, type FilingScope } from './filing-access';
import { decodeFilingCursor, encodeFilingCursor } from './filing-cursor';
import { actorOf, FILING_EVENT_COLUMNS, type FilingEventRecord, recordFilingEvent } from './filing-events';
import { type FilingInput, validateFiling } from './filing-validation';

/** A row of filings.entry_summary as read by this subgraph. */
export interface EntrySummaryRecord {
  id: string;
  entryNumber: string;
  entryType: string;
  importerId: string;
  portOfEntry: string;
  entryDate: string;
  releaseDate: string | null;
  filedAt: Date;
  /** filed_at in UTC to the microsecond: the key of the list order, for cursors. */
  filedAtKey: string;
  status: FilingStatus;
  processingCenterId: string | null;
  totalEnteredValue: number;
  totalDuty: number;
}

/** A row of filings.entry_summary_line as read by this subgraph. */
export interface EntrySummaryLineRecord {
  entrySummaryId: string;
  lineNumber: number;
  /** Ten digits, no dots. */
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
  duty: number;
}

/** An event of the log with what decides who may see it, and its filing's entry number. */
export interface LoggedFilingEvent extends FilingEventRecord {
  importerId: string;
  processingCenterId: string | null;
  entryNumber: string;
}

/** How long the Center names read for the trade's view of events are reused. */
const CENTER_NAMES_TTL_MS = 60_000;

const EVENT_OWNERSHIP_COLUMNS = `s.importer_id AS "importerId", s.processing_center_id AS "processingCenterId", s.entry_number AS "entryNumber"`;

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

export interface FilingPageResult {
  nodes: EntrySummaryRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const ENTRY_NUMBER_CONSTRAINT = 'entry_summary_entry_number_key';

// Amounts are NUMERIC(16,2): float8 reads them exactly to the cent and saves a conversion per row.
const SUMMARY_COLUMNS = `s.id, s.entry_number AS "entryNumber", s.entry_type AS "entryType", s.importer_id AS "importerId",
  s.port_of_entry AS "portOfEntry", to_char(s.entry_date, 'YYYY-MM-DD') AS "entryDate",
  to_char(s.release_date, 'YYYY-MM-DD') AS "releaseDate", s.filed_at AS "filedAt",
  to_char(s.filed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "filedAtKey", s.status,
  s.processing_center_id AS "processingCenterId", s.total_entered_value::float8 AS "totalEnteredValue",
  s.total_duty::float8 AS "totalDuty"`;

const LINE_COLUMNS = `l.entry_summary_id AS "entrySummaryId", l.line_number AS "lineNumber", l.hts_number AS "htsNumber",
  l.country_of_origin AS "countryOfOrigin", l.entered_value::float8 AS "enteredValue", l.duty_rate::float8 AS "dutyRate",
  l.duty::float8 AS duty`;

/**
 * Entry summaries: filing them, and reading them back by id, entry number or page. Reads take
 * scopes that the access rules (filing-access.ts) have already narrowed to what the caller may see.
 */
export class EntrySummaryService {
  readonly coverage: CoverageService;
  readonly importers: ImporterDirectory;

  private centerNames: { readAt: number; names: Promise<Map<string, string>> } | null = null;

  constructor(private readonly dataSource: DataSource) {
    this.coverage = new CoverageService(dataSource);
    this.importers = new ImporterDirectory(dataSource);
  }

  /** Summaries by id, in the order asked, with undefined for unknown ids (the DataLoader contract). */
  async byIds(ids: readonly string[]): Promise<Array<EntrySummaryRecord | undefined>> {
    const valid = ids.filter((id) => isUuid(id));
    const rows: EntrySummaryRecord[] = valid.length
      ? await this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM filings.entry_summary s WHERE s.id = ANY($1::uuid[])`, [valid])
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()));
  }

  /**
   * A Center's display name, for the office the trade sees acting (filing-audience). The ten
   * names change rarely (an admin edits the directory), so they are read at most once a minute.
   */
  async centerName(centerId: string): Promise<string | null> {
    if (!this.centerNames || this.centerNames.readAt < Date.now() - CENTER_NAMES_TTL_MS) {
      const names = this.dataSource
        .query(`SELECT id, name FROM centers.center`)
        .then((rows: Array<{ id: string; name: string }>) => new Map(rows.map((row) => [row.id, row.name])));
      // A failed read is not remembered: the next caller tries again.
      names.catch(() => {
        this.centerNames = null;
      });
      this.centerNames = { readAt: Date.now(), names };
    }
    return (await this.centerNames.names).get(centerId) ?? null;
  }

  /** The note of the latest event of `type` of a filing before the event `beforeId` (filing-audience's lookups). */
  async noteBefore(entrySummaryId: string, beforeId: string, type: string): Promise<string | null> {
    const [row]: Array<{ note: string | null }> = await this.dataSource.query(
      `SELECT e.note FROM filings.filing_event e WHERE e.entry_summary_id = $1 AND e.id < $2::bigint AND e.type = $3 ORDER BY e.id DESC LIMIT 1`,
      [entrySummaryId, beforeId, type],
    );
    return row?.note ?? null;
  }

  /** The summary with an entry number given with or without hyphens; a malformed number is a BAD_USER_INPUT. */
  async byEntryNumber(entryNumber: string): Promise<EntrySummaryRecord | undefined> {
    const parsed = parseEntryNumber(entryNumber);
    if (!parsed.ok) throw new BadUserInputError({ field: 'entryNumber', message: parsed.message });
    const [row]: EntrySummaryRecord[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM filings.entry_summary s WHERE s.entry_number = $1`,
      [parsed.entryNumber],
    );
    return row;
  }

  async linesOf(summaryIds: readonly string[]): Promise<EntrySummaryLineRecord[]> {
    return this.dataSource.query(
      `SELECT ${LINE_COLUMNS} FROM filings.entry_summary_line l WHERE l.entry_summary_id = ANY($1::uuid[]) ORDER BY l.entry_summary_id, l.line_number`,
      [summaryIds.filter((id) => isUuid(id))],
    );
  }

  async eventsOf(summaryIds: readonly string[]): Promise<FilingEventRecord[]> {
    return this.dataSource.query(
      `SELECT ${FILING_EVENT_COLUMNS} FROM filings.filing_event e WHERE e.entry_summary_id = ANY($1::uuid[]) ORDER BY e.entry_summary_id, e.id`,
      [summaryIds.filter((id) => isUuid(id))],
    );
  }

  /** One event of the log with the ownership of its filing; undefined for an unknown id. */
  async eventById(id: string): Promise<LoggedFilingEvent | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const [row]: LoggedFilingEvent[] = await this.dataSource.query(
      `SELECT ${FILING_EVENT_COLUMNS}, ${EVENT_OWNERSHIP_COLUMNS}
         FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /**
   * Up to `limit` events of the log with ids greater than `afterId`, in id order, of the filings
   * in a scope (already narrowed to what the caller may see). `afterId` is a decimal event id.
   */
  async eventsAfter(afterId: string, scope: FilingScope, limit: number): Promise<LoggedFilingEvent[]> {
    const params: unknown[] = [afterId];
    const conditions = ['e.id > $1::bigint', ...scopeConditions(scope, params)];
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${FILING_EVENT_COLUMNS}, ${EVENT_OWNERSHIP_COLUMNS}
         FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id
        ${where(conditions)} ORDER BY e.id LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * One page of a scope, newest filing first. Keyset pagination on (filed_at, id): a page
   * costs the same however deep it is, and filings made meanwhile neither repeat nor skip rows.
   */
  async page(scope: FilingScope, request: FilingPageRequest): Promise<FilingPageResult> {
    const first = checkedPageSize(request.first);
    const params: unknown[] = [];
    const conditions = scopeConditions(scope, params);
    if (request.after) {
      const cursor = decodeFilingCursor(request.after);
      params.push(cursor.filedAt, cursor.id);
      conditions.push(`(s.filed_at, s.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(first + 1);
    const rows: EntrySummaryRecord[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM filings.entry_summary s ${where(conditions)}
        ORDER BY s.filed_at DESC, s.id DESC LIMIT $${params.length}`,
      params,
    );
    return pageOf(rows, first);
  }

  /**
   * The first pages of several scopes that differ only in `partitionKey` (the filings of each
   * of several importers, or Centers) in one statement, for entity list fields such as
   * `Importer.filings`: a list of importers with their filings costs the same statements
   * however long it is.
   */
  async firstPages(scope: FilingScope, partitionKey: 'importerId' | 'centerId', values: readonly string[], requestedFirst?: number | null): Promise<FilingPageResult[]> {
    const first = checkedPageSize(requestedFirst);
    const { [partitionKey]: _partition, ...shared } = scope;
    const params: unknown[] = [];
    const conditions = scopeConditions(shared, params);
    const column = partitionKey === 'importerId' ? 's.importer_id' : 's.processing_center_id';
    params.push(partitionKey === 'importerId' ? values.filter(isUuid) : [...values]);
    conditions.push(`${column}::text = ANY($${params.length}::text[])`);
    params.push(first + 1);
    const rows: Array<EntrySummaryRecord & { partition: string }> = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${SUMMARY_COLUMNS}, ${column}::text AS partition,
                row_number() OVER (PARTITION BY ${column} ORDER BY s.filed_at DESC, s.id DESC) AS position
           FROM filings.entry_summary s ${where(conditions)}
       ) ranked WHERE position <= $${params.length} ORDER BY partition, position`,
      params,
    );
    const byPartition = new Map<string, EntrySummaryRecord[]>();
    for (const { partition, position: _position, ...row } of rows as Array<EntrySummaryRecord & { partition: string; position: string }>) {
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), row]);
    }
    return values.map((value) => pageOf(byPartition.get(value) ?? [], first));
  }

  async count(scope: FilingScope): Promise<number> {
    const params: unknown[] = [];
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM filings.entry_summary s ${where(scopeConditions(scope, params))}`,
      params,
    );
    return row!.n;
  }

  /**
   * Files an entry summary for the caller: checks who may file, validates everything (all
   * problems at once), then writes the summary, its lines and its FILED event in one
   * transaction, announced with pg_notify on commit. A taken entry number is a CONFLICT, also
   * when two filings race for it: the unique index decides.
   */
  async file(input: FileEntrySummaryRequest, identity: Identity): Promise<FiledEntrySummary> {
    const importerId = importerFiledFor(identity, input.importerId);
    const filing = await validateFiling(input, importerId, { coverage: this.coverage, importers: this.importers, today: today() });
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [summary]: EntrySummaryRecord[] = await manager.query(
          `INSERT INTO filings.entry_summary AS s (entry_number, entry_type, importer_id, port_of_entry, entry_date, release_date,
                  filed_at, status, processing_center_id, total_entered_value, total_duty)
           VALUES ($1, $2, $3, $4, $5, $6, now(), 'FILED', $7, $8, $9)
           RETURNING ${SUMMARY_COLUMNS}`,
          [
            filing.entryNumber,
            filing.entryType,
            filing.importerId,
            filing.portOfEntry,
            filing.entryDate,
            filing.releaseDate,
            filing.processingCenterId,
            filing.totalEnteredValue,
            filing.totalDuty,
          ],
        );
        // One statement for any number of lines: arrays, not one VALUES tuple per line.
        const lines: EntrySummaryLineRecord[] = await manager.query(
          `INSERT INTO filings.entry_summary_line AS l (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[])
           RETURNING ${LINE_COLUMNS}`,
          [
            summary!.id,
            filing.lines.map((line) => line.lineNumber),
            filing.lines.map((line) => line.htsNumber),
            filing.lines.map((line) => line.countryOfOrigin),
            filing.lines.map((line) => line.enteredValue),
            filing.lines.map((line) => line.dutyRate),
            filing.lines.map((line) => line.duty),
          ],
        );
        const event = await recordFilingEvent(manager, {
          summary: summary!,
          type: 'FILED',
          fromStatus: null,
          toStatus: 'FILED',
          ...actorOf(identity),
        });
        return { summary: summary!, lines: lines.sort((a, b) => a.lineNumber - b.lineNumber), events: [event] };
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTRY_NUMBER_CONSTRAINT)) throw new DuplicateEntryNumberError(filing.entryNumber);
      throw error;
    }
  }
}

function checkedPageSize(requested: number | null | undefined): number {
  const first = requested ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError({ field: 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}; got ${first}` });
  }
  return first;
}

/** A page from up to `first + 1` rows: the extra row only tells that there is a next page. */
function pageOf(rows: EntrySummaryRecord[], first: number): FilingPageResult {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, hasNextPage: rows.length > first, endCursor: last ? encodeFilingCursor({ filedAt: last.filedAtKey, id: last.id }) : null };
}

function scopeConditions(scope: FilingScope, params: unknown[]): string[] {
  const conditions: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (scope.importerId !== undefined) {
    // An id that is not a UUID matches nothing, rather than failing the cast.
    if (isUuid(scope.importerId)) add((p) => `s.importer_id = ${p}::uuid`, scope.importerId);
    else conditions.push('false');
  }
  if (scope.centerId !== undefined) add((p) => `s.processing_center_id = ${p}`, scope.centerId);
  if (scope.status !== undefined) add((p) => `s.status = ${p}`, scope.status);
  if (scope.entryNumber !== undefined) add((p) => `s.entry_number = ${p}`, scope.entryNumber);
  return conditions;
}

function where(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
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
