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

/** Events of people at CBP that are no decision: taking a step and giving it back. */
const NON_DECISION_EVENTS = `('REVIEW_CLAIMED', 'CLAIM_RELEASED')`;
/**
 * Roles whose events are a person's work at CBP (admins act for the ports). Written out: the
 * partial index filing_event_staff has this list as its predicate (migration NationalScaleIndexes).
 */
const CBP_ROLES = `('ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN')`;
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

/**
 * The filings of the period, as a CTE: filed_at from `from` to `to` inclusive, days in UTC,
 * written as a range on filed_at so the (processing_center_id, filed_at) index serves it.
 */
function scopeCte(scope: StatisticsScope): string {
  return `scope AS MATERIALIZED (
    SELECT s.id, s.importer_id, s.port_of_entry, s.status, s.filed_at, s.total_entered_value, s.total_duty
    FROM filings.entry_summary s
    WHERE s.filed_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND s.filed_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
      AND ${processingCondition(scope, 's.processing_center_id')})`;
}

/**
 * The first decision of each filing of the scope: the event that moved it into ACCEPTED or
 * REJECTED (by status, not event type, so the seed's and older rows' STATUS_CHANGED count too);
 * automatic when no one at CBP claimed the filing before.
 */
const DECISIONS_CTE = `decisions AS (
    SELECT DISTINCT ON (e.entry_summary_id) e.entry_summary_id, e.occurred_at, s.filed_at,
      NOT EXISTS (SELECT 1 FROM filings.filing_event c WHERE c.entry_summary_id = e.entry_summary_id AND c.type = 'REVIEW_CLAIMED' AND c.id < e.id) AS automatic
    FROM scope s JOIN filings.filing_event e ON e.entry_summary_id = s.id
    WHERE e.to_status IN ('ACCEPTED', 'REJECTED') AND e.from_status IS DISTINCT FROM e.to_status
    ORDER BY e.entry_summary_id, e.id)`;

/**
 * The statistics of filings, each section one SQL statement of aggregates over the indexed
 * tables: no rows come into the process but the figures themselves (at most a few hundred).
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
      `WITH ${scopeCte(scope)}
      SELECT status, count(*)::int AS filings, coalesce(sum(total_entered_value), 0)::float8 AS "enteredValue", coalesce(sum(total_duty), 0)::float8 AS duty
      FROM scope GROUP BY GROUPING SETS ((status), ()) ORDER BY status NULLS FIRST`,
    );
  }

  /** The TOP_RANKS largest HTS headings, importers, ports of entry and countries of origin by entered value. */
  top(scope: StatisticsScope): Promise<RankedRow[]> {
    return this.run(
      scope,
      `WITH ${scopeCte(scope)},
      lines AS (SELECT l.entry_summary_id, left(l.hts_number, 4) AS heading, l.country_of_origin, l.entered_value, l.duty
        FROM scope s JOIN filings.entry_summary_line l ON l.entry_summary_id = s.id),
      grouped AS (
        SELECT 'HEADING' AS dimension, heading AS key, count(DISTINCT entry_summary_id) AS filings, sum(entered_value) AS value, sum(duty) AS duty FROM lines GROUP BY heading
        UNION ALL SELECT 'COUNTRY', country_of_origin, count(DISTINCT entry_summary_id), sum(entered_value), sum(duty) FROM lines GROUP BY country_of_origin
        UNION ALL SELECT 'IMPORTER', importer_id::text, count(*), sum(total_entered_value), sum(total_duty) FROM scope GROUP BY importer_id
        UNION ALL SELECT 'PORT', port_of_entry, count(*), sum(total_entered_value), sum(total_duty) FROM scope GROUP BY port_of_entry),
      ranked AS (SELECT *, row_number() OVER (PARTITION BY dimension ORDER BY value DESC, key) AS rank FROM grouped)
      SELECT dimension, key, filings::int, value::float8 AS "enteredValue", duty::float8 AS duty FROM ranked WHERE rank <= ${TOP_RANKS} ORDER BY dimension, rank`,
    );
  }

  /**
   * CF-28 and CF-29 counts with the importers' median response time (from the request to the
   * answer that follows it), returns and corrections, over the events of the period's filings.
   */
  async informationRequests(scope: StatisticsScope): Promise<InformationRequestRow> {
    const [row] = await this.run<InformationRequestRow>(
      scope,
      `WITH ${scopeCte(scope)},
      events AS (
        SELECT e.type, e.occurred_at,
          lag(e.type) OVER w AS previous_type, lag(e.occurred_at) OVER w AS previous_at
        FROM scope s JOIN filings.filing_event e ON e.entry_summary_id = s.id
        WHERE e.type IN ('CF28_ISSUED', 'CF28_ANSWERED', 'CF29_ISSUED', 'CF29_RESPONDED', 'RETURNED', 'CORRECTED')
        WINDOW w AS (PARTITION BY e.entry_summary_id, left(e.type, 4) ORDER BY e.id)),
      responses AS (
        SELECT type, extract(epoch FROM occurred_at - previous_at) AS seconds FROM events
        WHERE (type = 'CF28_ANSWERED' AND previous_type = 'CF28_ISSUED') OR (type = 'CF29_RESPONDED' AND previous_type = 'CF29_ISSUED'))
      SELECT
        count(*) FILTER (WHERE type = 'CF28_ISSUED')::int AS "cf28Issued",
        count(*) FILTER (WHERE type = 'CF28_ANSWERED')::int AS "cf28Answered",
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM responses WHERE type = 'CF28_ANSWERED')::float8 AS "cf28MedianResponseSeconds",
        count(*) FILTER (WHERE type = 'CF29_ISSUED')::int AS "cf29Issued",
        count(*) FILTER (WHERE type = 'CF29_RESPONDED')::int AS "cf29Responded",
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FROM responses WHERE type = 'CF29_RESPONDED')::float8 AS "cf29MedianResponseSeconds",
        count(*) FILTER (WHERE type = 'RETURNED')::int AS returned,
        count(*) FILTER (WHERE type = 'CORRECTED')::int AS corrected
      FROM events`,
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

  /** Time from filing to decision, p50 and p90, for staff decisions and automatic acceptances apart. */
  decisionTimes(scope: StatisticsScope): Promise<DecisionTimeRow[]> {
    return this.run(
      scope,
      `WITH ${scopeCte(scope)}, ${DECISIONS_CTE},
      kinds AS (SELECT * FROM (VALUES (false), (true)) AS k(automatic))
      SELECT k.automatic, count(d.entry_summary_id)::int AS count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.occurred_at - d.filed_at))::float8 AS "p50Seconds",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d.occurred_at - d.filed_at))::float8 AS "p90Seconds"
      FROM kinds k LEFT JOIN decisions d ON d.automatic = k.automatic
      GROUP BY k.automatic ORDER BY k.automatic`,
    );
  }

  /** Every week (from Monday) the period touches: filings filed in it, and decisions of the period's filings made in it. */
  weekly(scope: StatisticsScope): Promise<WeekRow[]> {
    return this.run(
      scope,
      `WITH ${scopeCte(scope)}, ${DECISIONS_CTE},
      weeks AS (SELECT generate_series(date_trunc('week', $1::date), date_trunc('week', $2::date), interval '1 week')::date AS week_start),
      filed AS (SELECT date_trunc('week', filed_at AT TIME ZONE 'UTC')::date AS week_start, count(*) AS filings, sum(total_entered_value) AS value FROM scope GROUP BY 1),
      decided AS (SELECT date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date AS week_start, count(*) AS decisions, count(*) FILTER (WHERE automatic) AS automatic FROM decisions GROUP BY 1)
      SELECT to_char(w.week_start, 'YYYY-MM-DD') AS "weekStart", coalesce(f.filings, 0)::int AS filings, coalesce(f.value, 0)::float8 AS "enteredValue",
        coalesce(d.decisions, 0)::int AS decisions, coalesce(d.automatic, 0)::int AS "automaticAcceptances"
      FROM weeks w LEFT JOIN filed f USING (week_start) LEFT JOIN decided d USING (week_start)
      ORDER BY w.week_start`,
    );
  }

  /**
   * What each person at CBP did on the period's filings: steps claimed, decisions made (every
   * event of theirs but claiming and releasing), and the median time from a claim to the next
   * event of that filing. Only the staff's events are read (index filing_event_staff), and the
   * next event is looked up for claims alone, rather than ordering every event of the period.
   */
  workload(scope: StatisticsScope): Promise<WorkloadRow[]> {
    return this.run(
      scope,
      `WITH ${scopeCte(scope)},
      events AS (
        SELECT e.actor, e.actor_role, e.type,
          CASE WHEN e.type = 'REVIEW_CLAIMED' THEN
            (SELECT n.occurred_at FROM filings.filing_event n WHERE n.entry_summary_id = e.entry_summary_id AND n.id > e.id ORDER BY n.id LIMIT 1) - e.occurred_at
          END AS until_next
        FROM scope s JOIN filings.filing_event e ON e.entry_summary_id = s.id
        WHERE e.actor_role IN ${CBP_ROLES})
      SELECT actor AS "staffEmail", min(actor_role) AS role,
        count(*) FILTER (WHERE type = 'REVIEW_CLAIMED')::int AS claimed,
        count(*) FILTER (WHERE type NOT IN ${NON_DECISION_EVENTS})::int AS decided,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM until_next)) FILTER (WHERE type = 'REVIEW_CLAIMED'))::float8 AS "medianStepSeconds"
      FROM events
      GROUP BY actor ORDER BY decided DESC, claimed DESC, actor`,
    );
  }
}
