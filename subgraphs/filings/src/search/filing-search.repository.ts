import { BadUserInputError, decodeCursor, encodeCursor, isIsoTimestamp } from '@cee-hub/common';
import type { DataSource } from 'typeorm';
import { type FilingPageResult, type ListRow, pageOf, SUMMARY_COLUMNS, scopeConditions, where } from '../filing/entry-summary.repository';
import type { SearchCriteria } from './filing-search.criteria';

/**
 * Up to this many matches `totalCount` counts exactly; beyond, the planner's estimate is cheaper
 * than a count of millions. A thousand is fifty pages: past it a person narrows the search or
 * exports it, and a search by HTS heading at national scale counts in a tenth of the time.
 */
export const EXACT_COUNT_BOUND = 1_000;

/** How many filings a search matches: exact, or the planner's estimate (flagged) past EXACT_COUNT_BOUND. */
export interface SearchCount {
  value: number;
  isExact: boolean;
}

/** A search as SQL on the summaries `s` (and their review `r` when it takes part), with its parameters. */
export interface SearchSql {
  from: string;
  conditions: string[];
  params: unknown[];
}

/** The sort key of the DUE_FIRST order for a filing with no due step: after every due one. */
const NO_DUE_KEY = 'infinity';
const DUE_CURSOR_TAG = 'due';
/** The DUE_FIRST sort key: the open step's due time, filings with none after every due one. */
const DUE_KEY = `COALESCE(r.step_due_at, '${NO_DUE_KEY}'::timestamptz)`;

/** The ORDER BY of each order of searchFilings, which the CSV export follows too. */
export const SEARCH_ORDER_SQL = { NEWEST_FIRST: 's.filed_at DESC, s.id DESC', DUE_FIRST: `${DUE_KEY}, s.id` } as const;

/**
 * The SQL of searchFilings. Reads the same columns and pages as the lists of
 * entry-summary.repository.ts, so EntrySummary resolves the same way; the conditions of the
 * shared scope come from there too. Every condition is an indexed one (migration SearchIndexes).
 */
export class FilingSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the matches of `criteria`, whose importer term the caller has resolved to `importerIds`. */
  async page(criteria: SearchCriteria, importerIds?: readonly string[]): Promise<FilingPageResult> {
    const sql = searchSql(criteria, importerIds);
    if (criteria.order === 'DUE_FIRST') return this.duePage(sql, criteria);
    if (criteria.after) {
      sql.params.push(...decodeCursor(criteria.after, ['timestamp', 'uuid']));
      sql.conditions.push(`(s.filed_at, s.id) < ($${sql.params.length - 1}::timestamptz, $${sql.params.length}::uuid)`);
    }
    sql.params.push(criteria.first + 1);
    const rows: ListRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${sql.from} ${where(sql.conditions)} ORDER BY ${SEARCH_ORDER_SQL.NEWEST_FIRST} LIMIT $${sql.params.length}`,
      sql.params,
    );
    return pageOf(rows, criteria.first);
  }

  /** Counts the matches up to EXACT_COUNT_BOUND exactly; past it, asks the planner how many it expects. */
  async count(criteria: SearchCriteria, importerIds?: readonly string[], bound = EXACT_COUNT_BOUND): Promise<SearchCount> {
    const sql = searchSql(criteria, importerIds);
    const matches = `SELECT 1 FROM ${sql.from} ${where(sql.conditions)}`;
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (${matches} LIMIT $${sql.params.length + 1}) bounded`,
      [...sql.params, bound + 1],
    );
    if (row!.n <= bound) return { value: row!.n, isExact: true };
    const [plan]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await this.dataSource.query(`EXPLAIN (FORMAT JSON) ${matches}`, sql.params);
    return { value: Math.max(bound + 1, Math.round(plan!['QUERY PLAN'][0]!.Plan['Plan Rows'])), isExact: false };
  }

  /** DUE_FIRST: the open step due soonest first, then those with none; keyset on (due, id). */
  private async duePage(sql: SearchSql, criteria: SearchCriteria): Promise<FilingPageResult> {
    if (criteria.after) {
      const [due, id] = decodeDueCursor(criteria.after);
      sql.params.push(due, id);
      sql.conditions.push(`(${DUE_KEY}, s.id) > ($${sql.params.length - 1}::timestamptz, $${sql.params.length}::uuid)`);
    }
    sql.params.push(criteria.first + 1);
    const rows: Array<ListRow & { dueKey: string }> = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS},
              CASE WHEN r.step_due_at IS NULL THEN '${NO_DUE_KEY}'
                   ELSE to_char(r.step_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') END AS "dueKey"
         FROM ${sql.from} ${where(sql.conditions)} ORDER BY ${SEARCH_ORDER_SQL.DUE_FIRST} LIMIT $${sql.params.length}`,
      sql.params,
    );
    const nodes = rows.slice(0, criteria.first).map(({ dueKey: _dueKey, ...row }) => row);
    const last = rows[nodes.length - 1];
    return { nodes, hasNextPage: rows.length > criteria.first, endCursor: last ? encodeCursor([DUE_CURSOR_TAG, last.dueKey, last.id]) : null };
  }
}

function decodeDueCursor(cursor: string): [string, string] {
  const [tag, due, id] = decodeCursor(cursor, ['text', 'text', 'uuid']);
  if (tag !== DUE_CURSOR_TAG || !(due === NO_DUE_KEY || isIsoTimestamp(due!))) {
    throw new BadUserInputError({ field: 'after', message: 'is not a cursor from this list; pass the endCursor of the previous page' });
  }
  return [due!, id!];
}

/** The FROM and WHERE of a search; the review joins only when a condition or the order needs it. */
export function searchSql(criteria: SearchCriteria, importerIds?: readonly string[]): SearchSql {
  const params: unknown[] = [];
  const conditions = scopeConditions(criteria.scope, params);
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  for (const prefix of criteria.entryNumberPrefixes) add((p) => `s.entry_number LIKE ${p}`, `${prefix}%`);
  if (importerIds) add((p) => `s.importer_id = ANY(${p}::uuid[])`, importerIds);
  if (criteria.portOfEntry) add((p) => `s.port_of_entry = ${p}`, criteria.portOfEntry);
  if (criteria.processing) conditions.push(`s.processing_center_id IS ${criteria.processing === 'CENTER' ? 'NOT NULL' : 'NULL'}`);
  if (criteria.filedFrom) add((p) => `s.filed_at >= (${p}::date::timestamp AT TIME ZONE 'UTC')`, criteria.filedFrom);
  if (criteria.filedTo) add((p) => `s.filed_at < ((${p}::date + 1)::timestamp AT TIME ZONE 'UTC')`, criteria.filedTo);
  if (criteria.entryDateFrom) add((p) => `s.entry_date >= ${p}::date`, criteria.entryDateFrom);
  if (criteria.entryDateTo) add((p) => `s.entry_date <= ${p}::date`, criteria.entryDateTo);
  if (criteria.minEnteredValue !== undefined) add((p) => `s.total_entered_value >= ${p}::numeric`, criteria.minEnteredValue);
  if (criteria.maxEnteredValue !== undefined) add((p) => `s.total_entered_value <= ${p}::numeric`, criteria.maxEnteredValue);
  lineConditions(criteria, params, conditions);
  const review = reviewConditions(criteria, params, conditions);
  const joinReview = review || criteria.order === 'DUE_FIRST';
  return { from: `filings.entry_summary s${joinReview ? ' LEFT JOIN filings.review r ON r.entry_summary_id = s.id' : ''}`, conditions, params };
}

/** HTS prefix and country of origin on one line of the summary. */
function lineConditions(criteria: SearchCriteria, params: unknown[], conditions: string[]): void {
  const line: string[] = [];
  if (criteria.htsPrefix) {
    params.push(`${criteria.htsPrefix}%`);
    line.push(`l.hts_number LIKE $${params.length}`);
  }
  if (criteria.countryOfOrigin) {
    params.push(criteria.countryOfOrigin);
    line.push(`l.country_of_origin = $${params.length}`);
  }
  if (line.length) conditions.push(`EXISTS (SELECT 1 FROM filings.entry_summary_line l WHERE l.entry_summary_id = s.id AND ${line.join(' AND ')})`);
}

/** The review step and SLA state; says whether any condition reads the review. */
function reviewConditions(criteria: SearchCriteria, params: unknown[], conditions: string[]): boolean {
  const before = conditions.length;
  if (criteria.reviewSteps) {
    params.push(criteria.reviewSteps);
    conditions.push(`r.step = ANY($${params.length}::text[])`);
  }
  if (criteria.slaState === 'OVERDUE') conditions.push(`r.step_due_at < now()`);
  if (criteria.slaState === 'DUE_SOON') conditions.push(`r.step_due_at >= now() AND r.step_due_at < now() + interval '24 hours'`);
  if (criteria.slaState === 'ON_TIME') conditions.push(`r.step_due_at >= now() + interval '24 hours'`);
  return conditions.length > before;
}
