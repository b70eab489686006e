import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes behind `searchFilings`: prefix searches (LIKE 'x%') use a B-tree only with the
 * pattern operator classes (the default collation is not C), and the port list is read newest
 * first like the other lists, so a page costs the same however many filings a port has.
 */
export class SearchIndexes1764700001000 implements MigrationInterface {
  name = 'SearchIndexes1764700001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // HTS prefix at chapter, heading or subheading; the summary id lets the semi-join skip the table.
    await queryRunner.query(`CREATE INDEX entry_summary_line_hts_prefix ON filings.entry_summary_line (hts_number bpchar_pattern_ops, entry_summary_id)`);
    // Entry number and filer code prefixes.
    await queryRunner.query(`CREATE INDEX entry_summary_entry_number_prefix ON filings.entry_summary (entry_number varchar_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX entry_summary_port ON filings.entry_summary (port_of_entry, filed_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX entry_summary_entry_date ON filings.entry_summary (entry_date)`);
    // Importer name prefix, case-insensitive (ImporterDirectory.idsMatching).
    await queryRunner.query(`CREATE INDEX importer_name_prefix ON importers.importer (lower(name) text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX importers.importer_name_prefix`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_entry_date`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_port`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_entry_number_prefix`);
    await queryRunner.query(`DROP INDEX filings.entry_summary_line_hts_prefix`);
  }
}
