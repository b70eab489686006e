import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The roles whose events are a person's work at CBP (admins act for the ports). */
const CBP_ROLES = `('ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN')`;
/** The events the information-request figures count. */
const COUNTED_EVENTS = `('CF28_ISSUED', 'CF28_ANSWERED', 'CF29_ISSUED', 'CF29_RESPONDED', 'RETURNED', 'CORRECTED')`;
/** An event that moves a filing into a decision (by status, so the seed's STATUS_CHANGED rows count too). */
const DECISION = (event: string) => `${event}.to_status IN ('ACCEPTED', 'REJECTED') AND ${event}.from_status IS DISTINCT FROM ${event}.to_status`;
/** The kind of a person's event in the STAFF measure. */
const STAFF_KIND = (event: string) => `CASE ${event}.type WHEN 'REVIEW_CLAIMED' THEN 'CLAIMED' WHEN 'CLAIM_RELEASED' THEN 'RELEASED' ELSE 'DECIDED' END`;

/**
 * The statistics' rollups (issue 13): what the statistics count, kept per filing day (UTC) and
 * per month, per processing Center ('' for the ports), in the transaction that writes the
 * filing, its lines or its events, so that a year's statistics add up a few thousand rows
 * instead of aggregating a year of filings.
 *
 * Writers only ever insert deltas (+1 filing here, -1 there), so concurrent filings never wait
 * on, or deadlock over, a shared counter row; filings.compact_statistics() later merges the
 * deltas of each row key into one row. The measures (`key` in brackets):
 * - STATUS [status], PORT [port of entry]: filings, entered value, duty of the summaries;
 * - HEADING [4-digit heading], COUNTRY [country of origin]: a filing once per key, the value
 *   and duty of its lines;
 * - EVENT [event type]: CF-28s, CF-29s, returns and corrections;
 * - RESPONSE_TIME [CF28|CF29 bucket], DECISION_TIME [automatic bucket], STEP_TIME [actor
 *   bucket]: histograms of the times whose percentiles the statistics give, in buckets 2 %
 *   wide (filings.statistics_bucket), so a percentile is exact to within 1 %;
 * - DECIDED [decision day, automatic]: first decisions, for the weekly series;
 * - STAFF [actor role CLAIMED|DECIDED|RELEASED]: the events of people at CBP.
 * Times and decisions are counted on the day the filing was filed, as the statistics count
 * the filings filed in a period.
 *
 * filings.statistics_of(ids) computes the same rows from the filings themselves: the backfill
 * below, the benchmark's bulk load, and a test that checks the triggers against it use it.
 * The lines and events indexes that only the statistics read are dropped.
 */
export class StatisticsRollup1764900000000 implements MigrationInterface {
  name = 'StatisticsRollup1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE filings.statistics_rollup (
        measure varchar(16) NOT NULL,
        monthly boolean NOT NULL,
        center varchar(16) NOT NULL,
        day date NOT NULL,
        key text NOT NULL,
        filings bigint NOT NULL,
        entered_value numeric NOT NULL,
        duty numeric NOT NULL,
        compacted boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`COMMENT ON COLUMN filings.statistics_rollup.center IS 'The processing Center; empty for the filings the ports process'`);
    await queryRunner.query(`COMMENT ON COLUMN filings.statistics_rollup.day IS 'The filing day (UTC), or the first day of the month when monthly'`);
    await queryRunner.query(
      `CREATE INDEX statistics_rollup_center ON filings.statistics_rollup (measure, monthly, center, day, key) INCLUDE (filings, entered_value, duty)`,
    );
    await queryRunner.query(
      `CREATE INDEX statistics_rollup_day ON filings.statistics_rollup (measure, monthly, day) INCLUDE (center, key, filings, entered_value, duty)`,
    );
    await queryRunner.query(`CREATE INDEX statistics_rollup_fresh ON filings.statistics_rollup (measure) WHERE NOT compacted`);

    await queryRunner.query(`
      CREATE FUNCTION filings.statistics_bucket(seconds double precision) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT floor(ln(1 + greatest(seconds, 0) * 1000) / ln(1.02))::int $$`);
    await queryRunner.query(`
      CREATE FUNCTION filings.statistics_bucket_seconds(bucket int) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (power(1.02::float8, bucket + 0.5) - 1) / 1000 $$`);

    // The rows of a day: each at the filing day and again at its month.
    await queryRunner.query(`
      CREATE FUNCTION filings.statistics_grains(filing_day date) RETURNS TABLE (monthly boolean, day date)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ VALUES (false, filing_day), (true, date_trunc('month', filing_day::timestamp)::date) $$`);

    await queryRunner.query(`
      CREATE FUNCTION filings.statistics_of(only_filings uuid[])
      RETURNS TABLE (measure varchar, monthly boolean, center varchar, day date, key text, filings bigint, entered_value numeric, duty numeric)
      LANGUAGE plpgsql STABLE AS $fn$
      BEGIN
        RETURN QUERY EXECUTE format($q$
          WITH s AS MATERIALIZED (
            SELECT id, filed_at, (filed_at AT TIME ZONE 'UTC')::date AS day, coalesce(processing_center_id, '') AS center,
              status, port_of_entry, total_entered_value, total_duty
            FROM filings.entry_summary WHERE %s),
          e AS (
            SELECT e.entry_summary_id, e.type, e.actor, e.actor_role, e.occurred_at, e.from_status, e.to_status,
              lead(e.occurred_at) OVER filing AS next_at,
              count(*) FILTER (WHERE e.type = 'REVIEW_CLAIMED') OVER earlier AS claims_before,
              count(*) FILTER (WHERE ${DECISION('e')}) OVER earlier AS decisions_before
            FROM filings.filing_event e JOIN s ON s.id = e.entry_summary_id
            WINDOW filing AS (PARTITION BY e.entry_summary_id ORDER BY e.id), earlier AS (filing ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
          responses AS (
            SELECT r.entry_summary_id, r.type, r.occurred_at, lag(r.type) OVER family AS previous_type, lag(r.occurred_at) OVER family AS previous_at
            FROM filings.filing_event r JOIN s ON s.id = r.entry_summary_id
            WHERE r.type IN ('CF28_ISSUED', 'CF28_ANSWERED', 'CF29_ISSUED', 'CF29_RESPONDED')
            WINDOW family AS (PARTITION BY r.entry_summary_id, left(r.type, 4) ORDER BY r.id)),
          parts (id, measure, key, filings, entered_value, duty) AS (
            SELECT id, 'STATUS', status::text, 1::bigint, total_entered_value::numeric, total_duty::numeric FROM s
            UNION ALL SELECT id, 'PORT', port_of_entry::text, 1, total_entered_value, total_duty FROM s
            UNION ALL SELECT l.entry_summary_id, 'HEADING', left(l.hts_number, 4), 1, sum(l.entered_value), sum(l.duty)
              FROM filings.entry_summary_line l JOIN s ON s.id = l.entry_summary_id GROUP BY 1, 3
            UNION ALL SELECT l.entry_summary_id, 'COUNTRY', l.country_of_origin::text, 1, sum(l.entered_value), sum(l.duty)
              FROM filings.entry_summary_line l JOIN s ON s.id = l.entry_summary_id GROUP BY 1, 3
            UNION ALL SELECT entry_summary_id, 'EVENT', type::text, 1, 0, 0 FROM e WHERE type IN ${COUNTED_EVENTS}
            UNION ALL SELECT entry_summary_id, 'RESPONSE_TIME', left(type, 4) || ' ' || filings.statistics_bucket(extract(epoch FROM occurred_at - previous_at)), 1, 0, 0
              FROM responses WHERE (type = 'CF28_ANSWERED' AND previous_type = 'CF28_ISSUED') OR (type = 'CF29_RESPONDED' AND previous_type = 'CF29_ISSUED')
            UNION ALL SELECT e.entry_summary_id, 'DECIDED', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || (e.claims_before = 0), 1, 0, 0
              FROM e WHERE ${DECISION('e')} AND e.decisions_before = 0
            UNION ALL SELECT e.entry_summary_id, 'DECISION_TIME', (e.claims_before = 0) || ' ' || filings.statistics_bucket(extract(epoch FROM e.occurred_at - s.filed_at)), 1, 0, 0
              FROM e JOIN s ON s.id = e.entry_summary_id WHERE ${DECISION('e')} AND e.decisions_before = 0
            UNION ALL SELECT entry_summary_id, 'STAFF', actor || ' ' || actor_role || ' ' || ${STAFF_KIND('e')}, 1, 0, 0 FROM e WHERE actor_role IN ${CBP_ROLES}
            UNION ALL SELECT entry_summary_id, 'STEP_TIME', actor || ' ' || filings.statistics_bucket(extract(epoch FROM next_at - occurred_at)), 1, 0, 0
              FROM e WHERE type = 'REVIEW_CLAIMED' AND actor_role IN ${CBP_ROLES} AND next_at IS NOT NULL)
          SELECT p.measure::varchar, g.monthly, s.center::varchar, g.day, p.key, sum(p.filings)::bigint, sum(p.entered_value), sum(p.duty)
          FROM parts p JOIN s ON s.id = p.id CROSS JOIN LATERAL filings.statistics_grains(s.day) g
          GROUP BY 1, 2, 3, 4, 5 $q$, CASE WHEN only_filings IS NULL THEN 'TRUE' ELSE 'id = ANY($1)' END) USING only_filings;
      END $fn$`);

    // A summary's own figures move with its status, port and totals. A summary deleted, or
    // moved to another filing time or Center (which changes its times too), takes away all it
    // counted before the change, read while it is still there, and adds it all again after.
    const moved = `OLD.filed_at IS DISTINCT FROM NEW.filed_at OR OLD.processing_center_id IS DISTINCT FROM NEW.processing_center_id`;
    await queryRunner.query(`
      CREATE FUNCTION filings.roll_entry_summary() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_WHEN = 'BEFORE' THEN
          INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
            SELECT measure, monthly, center, day, key, -filings, -entered_value, -duty FROM filings.statistics_of(ARRAY[OLD.id]);
          IF TG_OP = 'DELETE' THEN
            RETURN OLD;
          END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF ${moved} THEN
            INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
              SELECT * FROM filings.statistics_of(ARRAY[NEW.id]);
            RETURN NULL;
          END IF;
          IF (OLD.status, OLD.port_of_entry, OLD.total_entered_value, OLD.total_duty) IS NOT DISTINCT FROM (NEW.status, NEW.port_of_entry, NEW.total_entered_value, NEW.total_duty) THEN
            RETURN NULL;
          END IF;
          INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
            SELECT m.measure, g.monthly, coalesce(OLD.processing_center_id, ''), g.day, m.key, -1, -OLD.total_entered_value, -OLD.total_duty
            FROM (VALUES ('STATUS', OLD.status::text), ('PORT', OLD.port_of_entry::text)) AS m(measure, key)
            CROSS JOIN filings.statistics_grains((OLD.filed_at AT TIME ZONE 'UTC')::date) g;
        END IF;
        INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
          SELECT m.measure, g.monthly, coalesce(NEW.processing_center_id, ''), g.day, m.key, 1, NEW.total_entered_value, NEW.total_duty
          FROM (VALUES ('STATUS', NEW.status::text), ('PORT', NEW.port_of_entry::text)) AS m(measure, key)
          CROSS JOIN filings.statistics_grains((NEW.filed_at AT TIME ZONE 'UTC')::date) g;
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(`CREATE TRIGGER statistics_delete BEFORE DELETE ON filings.entry_summary FOR EACH ROW EXECUTE FUNCTION filings.roll_entry_summary()`);
    await queryRunner.query(`CREATE TRIGGER statistics_move BEFORE UPDATE ON filings.entry_summary FOR EACH ROW WHEN (${moved}) EXECUTE FUNCTION filings.roll_entry_summary()`);
    await queryRunner.query(`CREATE TRIGGER statistics AFTER INSERT OR UPDATE ON filings.entry_summary FOR EACH ROW EXECUTE FUNCTION filings.roll_entry_summary()`);
    await queryRunner.query(`
      CREATE FUNCTION filings.forget_statistics() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM filings.statistics_rollup;
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(`CREATE TRIGGER statistics_truncate AFTER TRUNCATE ON filings.entry_summary FOR EACH STATEMENT EXECUTE FUNCTION filings.forget_statistics()`);

    // Lines, per statement: the value and duty they add or take away, and a filing counted
    // once per heading and country, by whether it has a line of that key before and after.
    await queryRunner.query(`CREATE TYPE filings.statistics_line_change AS (entry_summary_id uuid, heading text, country text, entered_value numeric, duty numeric, lines int)`);
    await queryRunner.query(`
      CREATE FUNCTION filings.roll_entry_summary_lines() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        changes filings.statistics_line_change[] := '{}';
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          changes := changes || ARRAY(SELECT ROW(o.entry_summary_id, left(o.hts_number, 4), o.country_of_origin::text, -o.entered_value, -o.duty, -1)::filings.statistics_line_change FROM old_lines o);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          changes := changes || ARRAY(SELECT ROW(n.entry_summary_id, left(n.hts_number, 4), n.country_of_origin::text, n.entered_value, n.duty, 1)::filings.statistics_line_change FROM new_lines n);
        END IF;
        WITH c AS (SELECT * FROM unnest(changes)),
        grouped AS (
          SELECT entry_summary_id, 'HEADING' AS measure, heading AS key, sum(lines) AS lines, sum(entered_value) AS entered_value, sum(duty) AS duty FROM c GROUP BY 1, 3
          UNION ALL SELECT entry_summary_id, 'COUNTRY', country, sum(lines), sum(entered_value), sum(duty) FROM c GROUP BY 1, 3),
        counted AS (
          SELECT g.*, (SELECT count(*) FROM filings.entry_summary_line l WHERE l.entry_summary_id = g.entry_summary_id
                         AND CASE g.measure WHEN 'HEADING' THEN left(l.hts_number, 4) ELSE l.country_of_origin::text END = g.key) AS lines_now
          FROM grouped g),
        deltas AS (SELECT c.*, (c.lines_now > 0)::int - (c.lines_now - c.lines > 0)::int AS filings FROM counted c)
        INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
          SELECT d.measure, g.monthly, coalesce(s.processing_center_id, ''), g.day, d.key, d.filings, d.entered_value, d.duty
          FROM deltas d JOIN filings.entry_summary s ON s.id = d.entry_summary_id
          CROSS JOIN filings.statistics_grains((s.filed_at AT TIME ZONE 'UTC')::date) g
          WHERE d.filings <> 0 OR d.entered_value <> 0 OR d.duty <> 0;
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(
      `CREATE TRIGGER statistics_insert AFTER INSERT ON filings.entry_summary_line REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION filings.roll_entry_summary_lines()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER statistics_update AFTER UPDATE ON filings.entry_summary_line REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION filings.roll_entry_summary_lines()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER statistics_delete AFTER DELETE ON filings.entry_summary_line REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION filings.roll_entry_summary_lines()`,
    );

    // Events are appended, never changed: each adds what it counts, read against the events
    // of its filing before it.
    await queryRunner.query(`
      CREATE FUNCTION filings.roll_filing_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        summary record;
        measures text[] := '{}';
        keys text[] := '{}';
        earlier_type text;
        earlier_at timestamptz;
        earlier_actor text;
        earlier_role text;
        automatic boolean;
      BEGIN
        SELECT s.filed_at, coalesce(s.processing_center_id, '') AS center INTO summary FROM filings.entry_summary s WHERE s.id = NEW.entry_summary_id;
        IF NEW.type IN ${COUNTED_EVENTS} THEN
          measures := measures || 'EVENT'::text; keys := keys || NEW.type::text;
        END IF;
        IF NEW.type IN ('CF28_ANSWERED', 'CF29_RESPONDED') THEN
          SELECT e.type, e.occurred_at INTO earlier_type, earlier_at FROM filings.filing_event e
            WHERE e.entry_summary_id = NEW.entry_summary_id AND e.id < NEW.id AND e.type IN (left(NEW.type, 4) || '_ISSUED', NEW.type)
            ORDER BY e.id DESC LIMIT 1;
          IF earlier_type = left(NEW.type, 4) || '_ISSUED' THEN
            measures := measures || 'RESPONSE_TIME'::text;
            keys := keys || (left(NEW.type, 4) || ' ' || filings.statistics_bucket(extract(epoch FROM NEW.occurred_at - earlier_at)));
          END IF;
        END IF;
        IF ${DECISION('NEW')} AND NOT EXISTS (
          SELECT 1 FROM filings.filing_event e WHERE e.entry_summary_id = NEW.entry_summary_id AND e.id < NEW.id AND ${DECISION('e')}) THEN
          automatic := NOT EXISTS (SELECT 1 FROM filings.filing_event e WHERE e.entry_summary_id = NEW.entry_summary_id AND e.id < NEW.id AND e.type = 'REVIEW_CLAIMED');
          measures := measures || 'DECIDED'::text || 'DECISION_TIME'::text;
          keys := keys || (to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || automatic)
                       || (automatic || ' ' || filings.statistics_bucket(extract(epoch FROM NEW.occurred_at - summary.filed_at)));
        END IF;
        IF NEW.actor_role IN ${CBP_ROLES} THEN
          measures := measures || 'STAFF'::text; keys := keys || (NEW.actor || ' ' || NEW.actor_role || ' ' || ${STAFF_KIND('NEW')});
        END IF;
        SELECT e.type, e.occurred_at, e.actor, e.actor_role INTO earlier_type, earlier_at, earlier_actor, earlier_role FROM filings.filing_event e
          WHERE e.entry_summary_id = NEW.entry_summary_id AND e.id < NEW.id ORDER BY e.id DESC LIMIT 1;
        IF earlier_type = 'REVIEW_CLAIMED' AND earlier_role IN ${CBP_ROLES} THEN
          measures := measures || 'STEP_TIME'::text;
          keys := keys || (earlier_actor || ' ' || filings.statistics_bucket(extract(epoch FROM NEW.occurred_at - earlier_at)));
        END IF;
        INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty)
          SELECT u.measure, g.monthly, summary.center, g.day, u.key, 1, 0, 0
          FROM unnest(measures, keys) AS u(measure, key) CROSS JOIN filings.statistics_grains((summary.filed_at AT TIME ZONE 'UTC')::date) g;
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(`CREATE TRIGGER statistics AFTER INSERT ON filings.filing_event FOR EACH ROW EXECUTE FUNCTION filings.roll_filing_event()`);

    // Merges the deltas of each row key into one row; rows that add up to nothing go. One
    // compaction at a time; rows of transactions still open are left to the next.
    await queryRunner.query(`
      CREATE FUNCTION filings.compact_statistics() RETURNS bigint LANGUAGE plpgsql AS $fn$
      DECLARE
        merged bigint;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('filings.compact_statistics')) THEN
          RETURN 0;
        END IF;
        WITH fresh AS (SELECT DISTINCT measure, monthly, center, day, key FROM filings.statistics_rollup WHERE NOT compacted),
        moved AS (
          DELETE FROM filings.statistics_rollup r USING fresh f
          WHERE (r.measure, r.monthly, r.center, r.day, r.key) = (f.measure, f.monthly, f.center, f.day, f.key)
          RETURNING r.*),
        kept AS (
          INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty, compacted)
            SELECT measure, monthly, center, day, key, sum(filings), sum(entered_value), sum(duty), true FROM moved
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(filings) <> 0 OR sum(entered_value) <> 0 OR sum(duty) <> 0
            RETURNING 1)
        SELECT count(*) INTO merged FROM moved;
        RETURN merged;
      END $fn$`);

    await queryRunner.query(
      `INSERT INTO filings.statistics_rollup (measure, monthly, center, day, key, filings, entered_value, duty, compacted)
        SELECT *, true FROM filings.statistics_of(NULL)`,
    );

    for (const index of ['filing_event_information_request', 'filing_event_staff', 'filing_event_claim', 'filing_event_decision', 'entry_summary_line_statistics']) {
      await queryRunner.query(`DROP INDEX filings.${index}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX entry_summary_line_statistics ON filings.entry_summary_line (entry_summary_id) INCLUDE (hts_number, country_of_origin, entered_value, duty)`);
    await queryRunner.query(
      `CREATE INDEX filing_event_decision ON filings.filing_event (entry_summary_id, id) INCLUDE (occurred_at) WHERE ${DECISION('filing_event')}`,
    );
    await queryRunner.query(`CREATE INDEX filing_event_claim ON filings.filing_event (entry_summary_id, id) WHERE type = 'REVIEW_CLAIMED'`);
    await queryRunner.query(`CREATE INDEX filing_event_staff ON filings.filing_event (entry_summary_id, id) INCLUDE (actor, actor_role, type, occurred_at) WHERE actor_role IN ${CBP_ROLES}`);
    await queryRunner.query(`CREATE INDEX filing_event_information_request ON filings.filing_event (entry_summary_id, id) INCLUDE (type, occurred_at) WHERE type IN ${COUNTED_EVENTS}`);
    await queryRunner.query(`DROP TRIGGER statistics ON filings.filing_event`);
    await queryRunner.query(`DROP TRIGGER statistics_insert ON filings.entry_summary_line`);
    await queryRunner.query(`DROP TRIGGER statistics_update ON filings.entry_summary_line`);
    await queryRunner.query(`DROP TRIGGER statistics_delete ON filings.entry_summary_line`);
    await queryRunner.query(`DROP TRIGGER statistics_truncate ON filings.entry_summary`);
    await queryRunner.query(`DROP TRIGGER statistics ON filings.entry_summary`);
    await queryRunner.query(`DROP TRIGGER statistics_move ON filings.entry_summary`);
    await queryRunner.query(`DROP TRIGGER statistics_delete ON filings.entry_summary`);
    for (const fn of ['compact_statistics()', 'roll_filing_event()', 'roll_entry_summary_lines()', 'forget_statistics()', 'roll_entry_summary()', 'statistics_of(uuid[])', 'statistics_grains(date)', 'statistics_bucket_seconds(int)', 'statistics_bucket(double precision)']) {
      await queryRunner.query(`DROP FUNCTION filings.${fn}`);
    }
    await queryRunner.query(`DROP TYPE filings.statistics_line_change`);
    await queryRunner.query(`DROP TABLE filings.statistics_rollup`);
  }
}
