import { STAFF_STEPS } from '@cee-hub/contracts';
import type { DataSource } from 'typeorm';
import type { StatisticsScope } from './statistics-period';

/** Filings, entered value and duty; `status` null on the totals row. */
export interface FigureRow {
  status: string | null;
  filings: number;
  enteredValue: number;
  duty: number;
}

/** One of the ten largest by entered value of a dimension. */
export interface RankedRow {
  dimension: 'HEADING' | 'IMPORTER' | 'PORT' | 'COUNTRY';
  key: string;
  filings: number;
  enteredValue: number;
  duty: number;
}

export interface InformationRequestRow {
  cf28Issued: number;
  cf28Answered: number;
  cf28MedianResponseSeconds: number | null;
  cf29Issued: number;
  cf29Responded: number;
  cf29MedianResponseSeconds: number | null;
  returned: number;
  corrected: number;
}

export interface OpenStepRow {
  step: string;
  open: number;
  breached: number;
  escalated: number;
  dueWithin24Hours: number;
}

export interface DecisionTimeRow {
  automatic: boolean;
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface WeekRow {
  weekStart: string;
  filings: number;
  enteredValue: number;
  decisions: number;
  automaticAcceptances: number;
}

export interface WorkloadRow {
  staffEmail: string;
  role: string;
  claimed: number;
  decided: number;
  medianStepSeconds: number | null;
}

/** How many of each dimension `top` ranks. */
export const TOP_RANKS = 10;

/**
 * The staff steps as a literal list: the open steps are a few thousand of a million reviews,
 * and only a literal lets the planner use the partial index review_open_staff_step.
 */
const STAFF_STEP_LIST = `(${STAFF_STEPS.map((step) => `'${step}'`).join(', ')})`;

/**
 * Which filings a scope counts, on `column` (processing_center_id of a summary or a review);
 * `centerParameter` holds the Center when there is one.
 */
function processingCondition(scope: StatisticsScope, column: string, centerParameter = '$3'): string {
  if (scope.centerId !== null) return `${column} = ${centerParameter}`;
  if (scope.processing === 'CENTER') return `${column} IS NOT NULL`;
  if (scope.processing === 'PORT') return `${column} IS NULL`;
  return 'TRUE';
}

/** The same on the rollup's `center`, which is empty for the filings the ports process. */
function rollupProcessingCondition(scope: StatisticsScope): string {
  if (scope.centerId !== null) return `r.center = $3`;
  if (scope.processing === 'CENTER') return `r.center <> ''`;
  if (scope.processing === 'PORT') return `r.center = ''`;
  return 'TRUE';
}

/** The first day of the first whole month of the period, and the day after its last whole month. */
const WHOLE_MONTHS_FROM = `(CASE WHEN extract(day FROM $1::date) = 1 THEN $1::date ELSE (date_trunc('month', $1::date::timestamp) + interval '1 month')::date END)`;
const WHOLE_MONTHS_UNTIL = `date_trunc('month', ($2::date + 1)::timestamp)::date`;

/**
 * A CTE `name` of the rollup rows of `measures` that add up to the period's filings
 * (migration StatisticsRollup): with `grain` 'months', the monthly rows of its whole months and
 * the daily rows of the days around them; with 'days', the daily rows alone (for a weekly series).
 */
function rollupCte(scope: StatisticsScope, name: string, measures: readonly string[], grain: 'months' | 'days'): string {
  const rows = (condition: string) => `SELECT r.measure, r.day, r.key, r.filings, r.entered_value, r.duty FROM filings.statistics_rollup r
      WHERE r.measure IN (${measures.map((measure) => `'${measure}'`).join(', ')}) AND ${rollupProcessingCondition(scope)} AND ${condition}`;
  if (grain === 'days') return `${name} AS (${rows('NOT r.monthly AND r.day >= $1::date AND r.day <= $2::date')})`;
  // Three ranges of the index: the whole months, the days before them, the days after them.
  return `${name} AS (
    ${rows(`r.monthly AND r.day >= ${WHOLE_MONTHS_FROM} AND r.day < ${WHOLE_MONTHS_UNTIL}`)}
    UNION ALL ${rows(`NOT r.monthly AND r.day >= $1::date AND r.day <= $2::date AND r.day < ${WHOLE_MONTHS_FROM}`)}
    UNION ALL ${rows(`NOT r.monthly AND r.day >= $1::date AND r.day <= $2::date AND r.day >= ${WHOLE_MONTHS_UNTIL} AND r.day >= ${WHOLE_MONTHS_FROM}`)})`;
}

/**
 * A CTE `name` of percentiles, in seconds, of the histograms `buckets` (columns `group`, bucket,
 * n): one row per `group`, a column per entry of `fractions`, each the bucket the running count
 * reaches it in (nearest rank), in one pass over the buckets. The buckets are 2 % wide and
 * answer their middle, so a figure is exact to within 1 %.
 */
function percentilesCte(name: string, buckets: string, group: string, fractions: Record<string, number>): string {
  const columns = Object.entries(fractions).map(
    ([column, fraction]) => `filings.statistics_bucket_seconds(min(bucket) FILTER (WHERE running >= ${fraction} * total)) AS ${column}`,
  );
  return `${name} AS (
    SELECT ${group}, ${columns.join(', ')} FROM (
      SELECT ${group}, bucket, sum(n) OVER (PARTITION BY ${group} ORDER BY bucket) AS running, sum(n) OVER (PARTITION BY ${group}) AS total FROM ${buckets}) h
    GROUP BY ${group})`;
}

/** The importers of the period's filings with their value and duty, from the (Center, filed_at) and (filed_at) indexes alone. */
function importersOfPeriod(scope: StatisticsScope): string {
  return `SELECT s.importer_id, s.total_entered_value, s.total_duty FROM filings.entry_summary s
    WHERE s.filed_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND s.filed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
      AND ${processingCondition(scope, 's.processing_center_id')}`;
}

/** The TOP_RANKS largest of `dimension` in `grouped` (columns key, filings, value, duty), ranked. */
function ranked(dimension: string, grouped: string): string {
  return `(SELECT '${dimension}' AS dimension, key, filings, value, duty, row_number() OVER (ORDER BY value DESC, key) AS rank
    FROM (${grouped} ORDER BY value DESC, key LIMIT ${TOP_RANKS}) top)`;
}

/**
 * The statistics of filings, each section one SQL statement over the rollups the database keeps
 * with the filings (migration StatisticsRollup) — a year is a few thousand rows of them — and
 * the importers' ranking over the filings' index: no rows come into the process but the
 * figures themselves (at most a few hundred).
 */
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs a statement on the scope's parameters: $1 from, $2 to, and $3 the Center when there is one. */
  private run<T>(scope: StatisticsScope, sql: string): Promise<T[]> {
    return this.dataSource.query(sql, scope.centerId !== null ? [scope.from, scope.to, scope.centerId] : [scope.from, scope.to]);
  }

  /** Figures by status, and the totals (status null). */
  figures(scope: StatisticsScope): Promise<FigureRow[]> {
    return this.run(
      scope,
      `WITH ${rollupCte(scope, 'rollup', ['STATUS'], 'months')}
      SELECT key AS status, coalesce(sum(filings), 0)::int AS filings, coalesce(sum(entered_value), 0)::float8 AS "enteredValue", coalesce(sum(duty), 0)::float8 AS duty
      FROM rollup GROUP BY GROUPING SETS ((key), ()) HAVING GROUPING(key) = 1 OR sum(filings) <> 0 ORDER BY status NULLS FIRST`,
    );
  }

  /** The TOP_RANKS largest HTS headings, importers, ports of entry and countries of origin by entered value. */
  top(scope: StatisticsScope): Promise<RankedRow[]> {
    const fromRollup = (measure: string) =>
      `SELECT key, sum(filings) AS filings, sum(entered_value) AS value, sum(duty) AS duty FROM rollup WHERE measure = '${measure}' GROUP BY key HAVING sum(filings) > 0`;
    const sql = `WITH ${rollupCte(scope, 'rollup', ['HEADING', 'COUNTRY', 'PORT'], 'months')},
      grouped AS (
        ${ranked('HEADING', fromRollup('HEADING'))}
        UNION ALL ${ranked('COUNTRY', fromRollup('COUNTRY'))}
        UNION ALL ${ranked('PORT', fromRollup('PORT'))}
        UNION ALL ${ranked('IMPORTER', `SELECT importer_id::text AS key, count(*) AS filings, sum(total_entered_value) AS value, sum(total_duty) AS duty FROM (${importersOfPeriod(scope)}) i GROUP BY importer_id`)})
      SELECT dimension, key, filings::int, value::float8 AS "enteredValue", duty::float8 AS duty FROM grouped ORDER BY dimension, rank`;
    return this.run(scope, sql);
  }

  /**
   * CF-28 and CF-29 counts with the importers' median response time (from the request to the
   * answer that follows it), returns and corrections, of the period's filings.
   */
  async informationRequests(scope: StatisticsScope): Promise<InformationRequestRow> {
    const count = (type: string) => `coalesce((SELECT sum(filings) FROM rollup WHERE measure = 'EVENT' AND key = '${type}'), 0)::int`;
    const [row] = await this.run<InformationRequestRow>(
      scope,
      `WITH ${rollupCte(scope, 'rollup', ['EVENT', 'RESPONSE_TIME'], 'months')},
      responses AS (
        SELECT split_part(key, ' ', 1) AS family, split_part(key, ' ', 2)::int AS bucket, sum(filings) AS n
        FROM rollup WHERE measure = 'RESPONSE_TIME' GROUP BY 1, 2 HAVING sum(filings) > 0),
      ${percentilesCte('medians', 'responses', 'family', { seconds: 0.5 })}
      SELECT
        ${count('CF28_ISSUED')} AS "cf28Issued",
        ${count('CF28_ANSWERED')} AS "cf28Answered",
        (SELECT seconds FROM medians WHERE family = 'CF28') AS "cf28MedianResponseSeconds",
        ${count('CF29_ISSUED')} AS "cf29Issued",
        ${count('CF29_RESPONDED')} AS "cf29Responded",
        (SELECT seconds FROM medians WHERE family = 'CF29') AS "cf29MedianResponseSeconds",
        ${count('RETURNED')} AS returned,
        ${count('CORRECTED')} AS corrected`,
    );
    return row!;
  }

  /**
   * The staff steps open now, by queue, whatever the period: a queue is today's work. Breached:
   * past its SLA; due within 24 hours: not yet past it, but soon.
   */
  openSteps(scope: StatisticsScope): Promise<OpenStepRow[]> {
    return this.dataSource.query(
      `SELECT q.step, count(r.entry_summary_id)::int AS open,
        count(*) FILTER (WHERE r.step_due_at < now())::int AS breached,
        count(*) FILTER (WHERE r.escalated)::int AS escalated,
        count(*) FILTER (WHERE r.step_due_at >= now() AND r.step_due_at < now() + interval '24 hours')::int AS "dueWithin24Hours"
      FROM unnest($1::text[]) WITH ORDINALITY AS q(step, position)
      LEFT JOIN filings.review r ON r.step = q.step AND r.step IN ${STAFF_STEP_LIST} AND ${processingCondition(scope, 'r.processing_center_id', '$2')}
      GROUP BY q.step, q.position ORDER BY q.position`,
      scope.centerId !== null ? [STAFF_STEPS, scope.centerId] : [STAFF_STEPS],
    );
  }

  /** Time from filing to the first decision, p50 and p90, for staff decisions and automatic acceptances apart. */
  decisionTimes(scope: StatisticsScope): Promise<DecisionTimeRow[]> {
    return this.run(
      scope,
      `WITH ${rollupCte(scope, 'rollup', ['DECISION_TIME'], 'months')},
      times AS (
        SELECT split_part(key, ' ', 1)::boolean AS automatic, split_part(key, ' ', 2)::int AS bucket, sum(filings) AS n
        FROM rollup GROUP BY 1, 2 HAVING sum(filings) > 0),
      counted AS (SELECT automatic, sum(n) AS count FROM times GROUP BY automatic),
      ${percentilesCte('percentiles', 'times', 'automatic', { p50: 0.5, p90: 0.9 })}
      SELECT k.automatic, coalesce(c.count, 0)::int AS count, p.p50 AS "p50Seconds", p.p90 AS "p90Seconds"
      FROM (VALUES (false), (true)) AS k(automatic) LEFT JOIN counted c USING (automatic) LEFT JOIN percentiles p USING (automatic)
      ORDER BY k.automatic`,
    );
  }

  /** Every week (from Monday) the period touches: filings filed in it, and decisions of the period's filings made in it. */
  weekly(scope: StatisticsScope): Promise<WeekRow[]> {
    return this.run(
      scope,
      `WITH ${rollupCte(scope, 'filed_days', ['STATUS'], 'days')}, ${rollupCte(scope, 'decisions', ['DECIDED'], 'months')},
      weeks AS (SELECT generate_series(date_trunc('week', $1::date::timestamp), date_trunc('week', $2::date::timestamp), interval '1 week')::date AS week_start),
      filed AS (SELECT date_trunc('week', day::timestamp)::date AS week_start, sum(filings) AS filings, sum(entered_value) AS value FROM filed_days GROUP BY 1),
      decided AS (
        SELECT date_trunc('week', split_part(key, ' ', 1)::timestamp)::date AS week_start, sum(filings) AS decisions,
          sum(filings) FILTER (WHERE split_part(key, ' ', 2) = 'true') AS automatic
        FROM decisions GROUP BY 1)
      SELECT to_char(w.week_start, 'YYYY-MM-DD') AS "weekStart", coalesce(f.filings, 0)::int AS filings, coalesce(f.value, 0)::float8 AS "enteredValue",
        coalesce(d.decisions, 0)::int AS decisions, coalesce(d.automatic, 0)::int AS "automaticAcceptances"
      FROM weeks w LEFT JOIN filed f USING (week_start) LEFT JOIN decided d USING (week_start)
      ORDER BY w.week_start`,
    );
  }

  /**
   * What each person at CBP did on the period's filings: steps claimed, decisions made (every
   * event of theirs but claiming and releasing), and the median time from a claim to the next
   * event of that filing.
   */
  workload(scope: StatisticsScope): Promise<WorkloadRow[]> {
    return this.run(
      scope,
      `WITH ${rollupCte(scope, 'staff_rows', ['STAFF'], 'months')}, ${rollupCte(scope, 'step_rows', ['STEP_TIME'], 'months')},
      staff AS (
        SELECT split_part(key, ' ', 1) COLLATE "C" AS actor, split_part(key, ' ', 2) AS role, split_part(key, ' ', 3) AS kind, sum(filings) AS n
        FROM staff_rows GROUP BY 1, 2, 3 HAVING sum(filings) > 0),
      steps AS (
        SELECT split_part(key, ' ', 1) COLLATE "C" AS actor, split_part(key, ' ', 2)::int AS bucket, sum(filings) AS n
        FROM step_rows GROUP BY 1, 2 HAVING sum(filings) > 0),
      ${percentilesCte('medians', 'steps', 'actor', { seconds: 0.5 })}
      SELECT staff.actor AS "staffEmail", min(staff.role) AS role,
        coalesce(sum(n) FILTER (WHERE kind = 'CLAIMED'), 0)::int AS claimed,
        coalesce(sum(n) FILTER (WHERE kind = 'DECIDED'), 0)::int AS decided,
        min(medians.seconds) AS "medianStepSeconds"
      FROM staff LEFT JOIN medians USING (actor) GROUP BY staff.actor ORDER BY decided DESC, claimed DESC, staff.actor`,
    );
  }

  /**
   * Merges the rollups' deltas into one row per key (filings.compact_statistics); answers how
   * many rows it merged. The figures are the same before and after: this keeps them fast.
   */
  async compact(): Promise<number> {
    const [{ merged }] = await this.dataSource.query(`SELECT filings.compact_statistics()::int AS merged`);
    return merged;
  }
}
