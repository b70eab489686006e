import { decodeCursor, encodeCursor, isUuid } from '@cee-hub/common';
import { EntrySummaryLineRow, EntrySummaryRow } from '@cee-hub/db';
import { type DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { FilingScope } from '../access/filing-access';

/** An entry summary as this subgraph reads it: the row without its bookkeeping columns. */
export type EntrySummaryRecord = Omit<EntrySummaryRow, 'createdAt' | 'updatedAt' | 'lines'>;

/** A line as this subgraph reads it. */
export type EntrySummaryLineRecord = Omit<EntrySummaryLineRow, 'id' | 'entrySummary'>;

/** What a new summary stores: the validated filing without what the database assigns. */
export type NewEntrySummary = Omit<EntrySummaryRecord, 'id' | 'filedAt' | 'status'>;

/** A line to store, less the summary it belongs to. */
export type NewEntrySummaryLine = Omit<EntrySummaryLineRecord, 'entrySummaryId'>;

export interface FilingPageResult {
  nodes: EntrySummaryRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const RECORD_FIELDS = {
  id: true,
  entryNumber: true,
  entryType: true,
  importerId: true,
  portOfEntry: true,
  entryDate: true,
  releaseDate: true,
  filedAt: true,
  status: true,
  processingCenterId: true,
  totalEnteredValue: true,
  totalDuty: true,
} as const;

/**
 * The columns of the list queries, read raw rather than hydrated: these are the hottest reads
 * of the graph. Amounts are NUMERIC(16,2): float8 reads them exactly to the cent and saves a
 * conversion per row. `filedAtKey` is filed_at in UTC to the microsecond, the key of the list
 * order for cursors: a JS Date would drop digits and skip rows.
 */
const LIST_COLUMNS: ReadonlyArray<[expression: string, alias: keyof EntrySummaryRecord | 'filedAtKey']> = [
  ['s.id', 'id'],
  ['s.entry_number', 'entryNumber'],
  ['s.entry_type', 'entryType'],
  ['s.importer_id', 'importerId'],
  ['s.port_of_entry', 'portOfEntry'],
  [`to_char(s.entry_date, 'YYYY-MM-DD')`, 'entryDate'],
  [`to_char(s.release_date, 'YYYY-MM-DD')`, 'releaseDate'],
  ['s.filed_at', 'filedAt'],
  [`to_char(s.filed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'filedAtKey'],
  ['s.status', 'status'],
  ['s.processing_center_id', 'processingCenterId'],
  ['s.total_entered_value::float8', 'totalEnteredValue'],
  ['s.total_duty::float8', 'totalDuty'],
];

type ListRow = EntrySummaryRecord & { filedAtKey: string };

const KEYSET_ORDER = 'ORDER BY s.filed_at DESC, s.id DESC';

/** A page of a list by the keyset (filed_at, id), newest first. */
export interface KeysetPageRequest {
  first: number;
  after?: string | null;
}

/**
 * The entry summaries and their lines in the filings schema: point and batch reads through
 * TypeORM repositories, the list queries through the query builder on the same entity.
 */
export class EntrySummaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Summaries by id, in the order asked, with undefined for unknown ids (the DataLoader contract). */
  async byIds(ids: readonly string[]): Promise<Array<EntrySummaryRecord | undefined>> {
    const valid = ids.filter((id) => isUuid(id));
    const rows = valid.length ? await this.dataSource.getRepository(EntrySummaryRow).find({ select: RECORD_FIELDS, where: { id: In(valid) } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()));
  }

  /** The summary with a canonical entry number. */
  async byEntryNumber(entryNumber: string): Promise<EntrySummaryRecord | undefined> {
    return (await this.dataSource.getRepository(EntrySummaryRow).findOne({ select: RECORD_FIELDS, where: { entryNumber } })) ?? undefined;
  }

  async linesOf(summaryIds: readonly string[]): Promise<EntrySummaryLineRecord[]> {
    const valid = summaryIds.filter((id) => isUuid(id));
    if (!valid.length) return [];
    return this.dataSource.getRepository(EntrySummaryLineRow).find({
      select: { entrySummaryId: true, lineNumber: true, htsNumber: true, countryOfOrigin: true, enteredValue: true, dutyRate: true, duty: true },
      where: { entrySummaryId: In(valid) },
      order: { entrySummaryId: 'ASC', lineNumber: 'ASC' },
    });
  }

  /**
   * One page of a scope, newest filing first. Keyset pagination on (filed_at, id): a page
   * costs the same however deep it is, and filings made meanwhile neither repeat nor skip rows.
   */
  async page(scope: FilingScope, request: KeysetPageRequest): Promise<FilingPageResult> {
    const query = withScope(this.listQuery(), scope);
    if (request.after) {
      const [filedAt, id] = decodeCursor(request.after, ['timestamp', 'uuid']);
      query.andWhere('(s.filed_at, s.id) < (CAST(:filedAt AS timestamptz), CAST(:id AS uuid))', { filedAt, id });
    }
    const rows: ListRow[] = await query.orderBy('s.filed_at', 'DESC').addOrderBy('s.id', 'DESC').limit(request.first + 1).getRawMany();
    return pageOf(rows, request.first);
  }

  /**
   * The first pages of several scopes that differ only in `partitionKey` (the filings of each
   * of several importers, or Centers) in one statement, for entity list fields such as
   * `Importer.filings`: a list of importers with their filings costs the same statements
   * however long it is. The window function has no query builder form; the ranked rows are
   * selected by the builder and cut in plain SQL around it.
   */
  async firstPages(scope: Omit<FilingScope, 'importerId' | 'centerId'>, partitionKey: 'importerId' | 'centerId', values: readonly string[], first: number): Promise<FilingPageResult[]> {
    const column = partitionKey === 'importerId' ? 's.importer_id' : 's.processing_center_id';
    const ranked = withScope(this.listQuery(), scope)
      .addSelect(`${column}::text`, 'partition')
      .addSelect(`row_number() OVER (PARTITION BY ${column} ${KEYSET_ORDER})`, 'position')
      .andWhere(`${column}::text = ANY(CAST(:partitions AS text[]))`, { partitions: partitionKey === 'importerId' ? values.filter(isUuid) : [...values] });
    const [sql, parameters] = ranked.getQueryAndParameters();
    const rows: Array<ListRow & { partition: string; position: string }> = await this.dataSource.query(
      `SELECT * FROM (${sql}) ranked WHERE position <= $${parameters.length + 1} ORDER BY partition, position`,
      [...parameters, first + 1],
    );
    const byPartition = new Map<string, ListRow[]>();
    for (const { partition, position: _position, ...row } of rows) byPartition.set(partition, [...(byPartition.get(partition) ?? []), row]);
    return values.map((value) => pageOf(byPartition.get(value) ?? [], first));
  }

  async count(scope: FilingScope): Promise<number> {
    const row = await withScope(this.dataSource.getRepository(EntrySummaryRow).createQueryBuilder('s').select('count(*)::int', 'n'), scope).getRawOne<{ n: number }>();
    return row!.n;
  }

  /** Stores a new summary, FILED at the transaction's time (its FILED event carries the same time). */
  async insert(manager: EntityManager, summary: NewEntrySummary): Promise<EntrySummaryRecord> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(EntrySummaryRow)
      .values({ ...summary, status: 'FILED', filedAt: () => 'now()' })
      .returning('id, filed_at')
      .updateEntity(false)
      .execute();
    const [{ id, filed_at: filedAt }] = result.raw as Array<{ id: string; filed_at: Date }>;
    return { ...summary, id, filedAt, status: 'FILED' };
  }

  /**
   * Stores the lines of a summary in one statement however many there are (up to 999): unnest
   * of arrays binds seven parameters, where a VALUES tuple per line would bind seven per line.
   */
  async insertLines(manager: EntityManager, entrySummaryId: string, lines: readonly NewEntrySummaryLine[]): Promise<EntrySummaryLineRecord[]> {
    await manager.query(
      `INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[])`,
      [
        entrySummaryId,
        lines.map((line) => line.lineNumber),
        lines.map((line) => line.htsNumber),
        lines.map((line) => line.countryOfOrigin),
        lines.map((line) => line.enteredValue),
        lines.map((line) => line.dutyRate),
        lines.map((line) => line.duty),
      ],
    );
    return lines.map((line) => ({ ...line, entrySummaryId })).sort((a, b) => a.lineNumber - b.lineNumber);
  }

  private listQuery(): SelectQueryBuilder<EntrySummaryRow> {
    const query = this.dataSource.getRepository(EntrySummaryRow).createQueryBuilder('s').select([]);
    for (const [expression, alias] of LIST_COLUMNS) query.addSelect(expression, alias);
    return query;
  }
}

/** The conditions of a scope on the summaries aliased `s`; every field given must match. */
export function withScope<T extends SelectQueryBuilder<any>>(query: T, scope: FilingScope): T {
  if (scope.importerId !== undefined) {
    // An id that is not a UUID matches nothing, rather than failing the cast.
    if (isUuid(scope.importerId)) query.andWhere('s.importer_id = CAST(:importerId AS uuid)', { importerId: scope.importerId });
    else query.andWhere('false');
  }
  if (scope.centerId !== undefined) query.andWhere('s.processing_center_id = :centerId', { centerId: scope.centerId });
  if (scope.status !== undefined) query.andWhere('s.status = :status', { status: scope.status });
  if (scope.entryNumber !== undefined) query.andWhere('s.entry_number = :entryNumber', { entryNumber: scope.entryNumber });
  return query;
}

/** A page from up to `first + 1` rows: the extra row only tells that there is a next page. */
function pageOf(rows: ListRow[], first: number): FilingPageResult {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.filedAtKey, last.id]) : null };
}
