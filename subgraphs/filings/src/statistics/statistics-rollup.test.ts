import { testSubgraphConfig } from '@cee-hub/common/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { createFilingsDataSource } from '../server';

// The rollups the triggers keep (migration StatisticsRollup) against the same rows computed
// from the filings themselves, through a history with every kind of write: filing, lines
// replaced by a correction and updated, events of a review, a summary moved to another day and
// Center, and one deleted. All in a transaction rolled back at the end, so the shared test
// database keeps its seed.

let dataSource: DataSource;
let runner: QueryRunner;

beforeAll(async () => {
  dataSource = await createFilingsDataSource(testSubgraphConfig(process.env.TEST_DB_URL!)).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
});

beforeEach(async () => {
  runner = dataSource.createQueryRunner();
  await runner.startTransaction();
});

afterEach(async () => {
  await runner.rollbackTransaction();
  await runner.release();
});

/** Rows of the rollup (deltas added up) that differ from a rebuild from the filings; none when they agree. */
async function differences(): Promise<unknown[]> {
  return runner.query(`
    WITH kept AS (
      SELECT measure, monthly, center, day, key, sum(filings) AS filings, sum(entered_value) AS entered_value, sum(duty) AS duty
      FROM filings.statistics_rollup GROUP BY 1, 2, 3, 4, 5 HAVING sum(filings) <> 0 OR sum(entered_value) <> 0 OR sum(duty) <> 0),
    rebuilt AS (SELECT measure, monthly, center, day, key, filings, entered_value, duty FROM filings.statistics_of(NULL))
    (SELECT 'kept' AS side, * FROM kept EXCEPT ALL SELECT 'kept', * FROM rebuilt)
    UNION ALL (SELECT 'rebuilt', * FROM rebuilt EXCEPT ALL SELECT 'rebuilt', * FROM kept)`);
}

async function fileSummary(entryNumber: string, centerId: string | null, filedAt: string): Promise<string> {
  const [{ id }] = await runner.query(
    `INSERT INTO filings.entry_summary (entry_number, entry_type, importer_id, port_of_entry, entry_date, filed_at, status, processing_center_id, total_entered_value, total_duty)
     VALUES ($1, '01', gen_random_uuid(), '2704', $2::date, $2, 'FILED', $3, 3000, 75) RETURNING id`,
    [entryNumber, filedAt, centerId],
  );
  await runner.query(
    `INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
     VALUES ($1, 1, '8542310000', 'KR', 1000, 0, 0), ($1, 2, '8542390000', 'KR', 1000, 0, 0), ($1, 3, '8708100000', 'MX', 1000, 7.5, 75)`,
    [id],
  );
  return id;
}

async function event(id: string, type: string, fromStatus: string | null, toStatus: string, actor: string, role: string, occurredAt: string): Promise<void> {
  await runner.query(
    `INSERT INTO filings.filing_event (entry_summary_id, type, from_status, to_status, actor, actor_role, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, type, fromStatus, toStatus, actor, role, occurredAt],
  );
}

it('keeps in step with the filings through filing, review, correction, moves and deletion', async () => {
  const id = await fileSummary('ZZ9-0000001-1', 'ELECTRONICS', '2026-03-30T10:00:00Z');
  expect(await differences()).toEqual([]);

  await event(id, 'FILED', null, 'FILED', 'importer@example.com', 'IMPORTER', '2026-03-30T10:00:00Z');
  await event(id, 'REVIEW_CLAIMED', 'UNDER_REVIEW', 'UNDER_REVIEW', 'es@cbp.example', 'ENTRY_SPECIALIST', '2026-03-30T11:00:00Z');
  await event(id, 'CF28_ISSUED', 'UNDER_REVIEW', 'UNDER_REVIEW', 'es@cbp.example', 'ENTRY_SPECIALIST', '2026-03-30T12:00:00Z');
  await event(id, 'CF28_ANSWERED', 'UNDER_REVIEW', 'UNDER_REVIEW', 'importer@example.com', 'IMPORTER', '2026-04-02T12:00:00Z');
  await event(id, 'RETURNED', 'UNDER_REVIEW', 'RETURNED', 'es@cbp.example', 'ENTRY_SPECIALIST', '2026-04-02T13:00:00Z');
  await runner.query(`UPDATE filings.entry_summary SET status = 'RETURNED' WHERE id = $1`, [id]);
  expect(await differences()).toEqual([]);

  // The correction replaces the lines (one heading gone, a country added) and the totals.
  await runner.query(`DELETE FROM filings.entry_summary_line WHERE entry_summary_id = $1`, [id]);
  await runner.query(
    `INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
     VALUES ($1, 1, '8542310000', 'TW', 2500, 0, 0), ($1, 2, '8542390000', 'KR', 500, 0, 0)`,
    [id],
  );
  await runner.query(`UPDATE filings.entry_summary SET status = 'UNDER_REVIEW', total_entered_value = 3000, total_duty = 0 WHERE id = $1`, [id]);
  await event(id, 'CORRECTED', 'RETURNED', 'UNDER_REVIEW', 'importer@example.com', 'IMPORTER', '2026-04-03T09:00:00Z');
  await runner.query(`UPDATE filings.entry_summary_line SET hts_number = '8471300000', duty = 10 WHERE entry_summary_id = $1 AND line_number = 2`, [id]);
  await event(id, 'REVIEW_CLAIMED', 'UNDER_REVIEW', 'UNDER_REVIEW', 'is@cbp.example', 'IMPORT_SPECIALIST', '2026-04-03T10:00:00Z');
  await event(id, 'CLAIM_RELEASED', 'UNDER_REVIEW', 'UNDER_REVIEW', 'is@cbp.example', 'IMPORT_SPECIALIST', '2026-04-03T10:30:00Z');
  await event(id, 'ACCEPTED', 'UNDER_REVIEW', 'ACCEPTED', 'is@cbp.example', 'IMPORT_SPECIALIST', '2026-04-04T10:00:00Z');
  await runner.query(`UPDATE filings.entry_summary SET status = 'ACCEPTED' WHERE id = $1`, [id]);
  expect(await differences()).toEqual([]);

  // Moved to another month and to the ports: its lines and events move with it.
  await runner.query(`UPDATE filings.entry_summary SET filed_at = '2026-05-02T08:00:00Z', processing_center_id = NULL WHERE id = $1`, [id]);
  expect(await differences()).toEqual([]);

  const other = await fileSummary('ZZ9-0000002-2', 'PHARMACEUTICALS', '2026-03-31T23:59:00Z');
  await event(other, 'ACCEPTED', 'UNDER_REVIEW', 'ACCEPTED', 'review-workflow', 'SYSTEM', '2026-03-31T23:59:01Z');
  await runner.query(`DELETE FROM filings.entry_summary WHERE id = $1`, [other]);
  expect(await differences()).toEqual([]);

  // Compaction merges the deltas and changes no figure.
  const [{ before }] = await runner.query(`SELECT count(*)::int AS before FROM filings.statistics_rollup WHERE NOT compacted`);
  expect(before).toBeGreaterThan(0);
  const [{ merged }] = await runner.query(`SELECT filings.compact_statistics()::int AS merged`);
  expect(merged).toBeGreaterThanOrEqual(before);
  expect(await runner.query(`SELECT 1 FROM filings.statistics_rollup WHERE NOT compacted`)).toEqual([]);
  expect(await differences()).toEqual([]);
});

it('counts a filing once per heading however many of its lines share it, on its day and in its month', async () => {
  const heading8542 = async (monthly: boolean): Promise<{ filings: number; value: number }> => {
    const [row] = await runner.query(
      `SELECT coalesce(sum(filings), 0)::int AS filings, coalesce(sum(entered_value), 0)::float8 AS value FROM filings.statistics_rollup
        WHERE measure = 'HEADING' AND monthly = $1 AND center = 'ELECTRONICS' AND day = $2 AND key = '8542'`,
      [monthly, monthly ? '2016-06-01' : '2016-06-10'],
    );
    return row;
  };
  const id = await fileSummary('ZZ9-0000003-3', 'ELECTRONICS', '2016-06-10T10:00:00Z');
  expect(await heading8542(false)).toEqual({ filings: 1, value: 2000 });
  expect(await heading8542(true)).toEqual({ filings: 1, value: 2000 });

  await runner.query(`DELETE FROM filings.entry_summary_line WHERE entry_summary_id = $1 AND line_number = 1`, [id]);
  expect(await heading8542(true)).toEqual({ filings: 1, value: 1000 });
  await runner.query(`DELETE FROM filings.entry_summary_line WHERE entry_summary_id = $1 AND line_number = 2`, [id]);
  expect(await heading8542(false)).toEqual({ filings: 0, value: 0 });
});
