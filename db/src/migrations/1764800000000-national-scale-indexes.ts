import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for a million filings (issue 13, measured by `BENCH_SCALE=national`):
 * - the lists' (Center, filed_at) and (filed_at) indexes carry the columns the statistics read
 *   of a filing, so a period's filings come from an index-only scan instead of one heap page
 *   per filing;
 * - the first decision, the claims, the staff's events and the information-request events of a
 *   filing have partial indexes of their own, so the statistics probe a few narrow entries per
 *   filing instead of its whole event log; the lines carry what the rankings read, likewise;
 * - the open staff steps (a few thousand of a million reviews) have a partial index, so the
 *   national openSteps reads them and not every review;
 * - the review sweep looks for FILED summaries, which are a handful: without an index it walked
 *   every filing each minute.
 */
export class NationalScaleIndexes1764800000000 implements MigrationInterface {
  name = 'NationalScaleIndexes1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statisticsColumns = 'INCLUDE (importer_id, port_of_entry, status, total_entered_value, total_duty)';
    await queryRunner.query(`DROP INDEX filings.entry_summary_center`);
    await queryRunner.query(`CREATE INDEX entry_summary_center ON filings.entry_summary (processing_center_id, filed_at DESC, id) ${statisticsColumns}`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_filed`);
    await queryRunner.query(`CREATE INDEX entry_summary_filed ON filings.entry_summary (filed_at DESC, id) ${statisticsColumns}`);
    await queryRunner.query(`CREATE INDEX entry_summary_awaiting_review ON filings.entry_summary (filed_at) WHERE status = 'FILED'`);
    await queryRunner.query(
      `CREATE INDEX filing_event_decision ON filings.filing_event (entry_summary_id, id) INCLUDE (occurred_at)
        WHERE to_status IN ('ACCEPTED', 'REJECTED') AND from_status IS DISTINCT FROM to_status`,
    );
    await queryRunner.query(`CREATE INDEX filing_event_claim ON filings.filing_event (entry_summary_id, id) WHERE type = 'REVIEW_CLAIMED'`);
    await queryRunner.query(
      `CREATE INDEX filing_event_staff ON filings.filing_event (entry_summary_id, id) INCLUDE (actor, actor_role, type, occurred_at)
        WHERE actor_role IN ('ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE INDEX entry_summary_line_statistics ON filings.entry_summary_line (entry_summary_id) INCLUDE (hts_number, country_of_origin, entered_value, duty)`,
    );
    await queryRunner.query(
      `CREATE INDEX review_open_staff_step ON filings.review (step) INCLUDE (processing_center_id, step_due_at, escalated)
        WHERE step IN ('ENTRY_REVIEW', 'IMPORT_REVIEW', 'SIGN_OFF')`,
    );
    await queryRunner.query(
      `CREATE INDEX filing_event_information_request ON filings.filing_event (entry_summary_id, id) INCLUDE (type, occurred_at)
        WHERE type IN ('CF28_ISSUED', 'CF28_ANSWERED', 'CF29_ISSUED', 'CF29_RESPONDED', 'RETURNED', 'CORRECTED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX filings.filing_event_information_request`);
    await queryRunner.query(`DROP INDEX filings.review_open_staff_step`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_line_statistics`);
    await queryRunner.query(`DROP INDEX filings.filing_event_staff`);
    await queryRunner.query(`DROP INDEX filings.filing_event_claim`);
    await queryRunner.query(`DROP INDEX filings.filing_event_decision`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_awaiting_review`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_filed`);
    await queryRunner.query(`CREATE INDEX entry_summary_filed ON filings.entry_summary (filed_at DESC, id)`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_center`);
    await queryRunner.query(`CREATE INDEX entry_summary_center ON filings.entry_summary (processing_center_id, filed_at DESC, id)`);
  }
}
