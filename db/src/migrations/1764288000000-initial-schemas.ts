import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One Postgres schema per subgraph: centers, importers, filings. */
export class InitialSchemas1764288000000 implements MigrationInterface {
  name = 'InitialSchemas1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS centers`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS importers`);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS filings`);

    await queryRunner.query(`
      CREATE TABLE centers.center (
        id varchar(16) PRIMARY KEY,
        name text NOT NULL,
        management_city text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'PLANNED')),
        opened_on date,
        contact_email text NOT NULL,
        contact_phone text NOT NULL,
        street text NOT NULL,
        city text NOT NULL,
        state varchar(2) NOT NULL,
        postal_code varchar(10) NOT NULL,
        hours text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE centers.coverage_range (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        center_id varchar(16) NOT NULL REFERENCES centers.center(id),
        first_heading char(4) NOT NULL CHECK (first_heading ~ '^[0-9]{4}$'),
        last_heading char(4) NOT NULL CHECK (last_heading ~ '^[0-9]{4}$'),
        basis varchar(16) NOT NULL CHECK (basis IN ('CONFIRMED', 'CHAPTER_LEVEL', 'REMAINDER')),
        source text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CHECK (first_heading <= last_heading),
        CHECK (effective_to IS NULL OR effective_to > effective_from)
      )`);
    await queryRunner.query(`CREATE INDEX coverage_range_headings ON centers.coverage_range (first_heading, last_heading)`);
    await queryRunner.query(`CREATE INDEX coverage_range_center ON centers.coverage_range (center_id)`);
    await queryRunner.query(`
      CREATE TABLE centers.staff_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role varchar(24) NOT NULL CHECK (role IN ('ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ADMIN')),
        center_id varchar(16) REFERENCES centers.center(id),
        CHECK ((role = 'ADMIN') = (center_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX staff_member_center ON centers.staff_member (center_id)`);

    await queryRunner.query(`
      CREATE TABLE importers.importer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        importer_number varchar(16) NOT NULL UNIQUE,
        importer_number_type varchar(16) NOT NULL CHECK (importer_number_type IN ('IRS', 'SSN', 'CBP_ASSIGNED')),
        name text NOT NULL,
        street text NOT NULL,
        city text NOT NULL,
        state varchar(3) NOT NULL,
        postal_code varchar(10) NOT NULL,
        country char(2) NOT NULL,
        contact_email text NOT NULL UNIQUE,
        ctpat_tier varchar(8) NOT NULL CHECK (ctpat_tier IN ('NONE', 'TIER_1', 'TIER_2', 'TIER_3')),
        isa_member boolean NOT NULL,
        ace_account boolean NOT NULL,
        participation_status varchar(24) NOT NULL CHECK (participation_status IN ('NOT_PARTICIPATING', 'PARTICIPATING', 'WITHDRAWN')),
        participation_center_id varchar(16),
        participating_since date,
        registered_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((participation_status = 'PARTICIPATING') = (participation_center_id IS NOT NULL AND participating_since IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX importer_center ON importers.importer (participation_center_id) WHERE participation_center_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX importer_name ON importers.importer (name, id)`);
    await queryRunner.query(`
      CREATE TABLE importers.federal_register_notice (
        id varchar(32) PRIMARY KEY,
        citation text NOT NULL,
        title text NOT NULL,
        published_on date NOT NULL,
        opens_on date NOT NULL,
        closes_on date,
        center_ids text[] NOT NULL,
        qualifying_ctpat_tiers text[] NOT NULL,
        isa_qualifies boolean NOT NULL,
        ace_account_required boolean NOT NULL,
        eligibility_text text NOT NULL,
        note text,
        CHECK (closes_on IS NULL OR closes_on >= opens_on)
      )`);

    await queryRunner.query(`
      CREATE TABLE filings.entry_summary (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_number varchar(13) NOT NULL UNIQUE,
        entry_type char(2) NOT NULL,
        importer_id uuid NOT NULL,
        port_of_entry char(4) NOT NULL,
        entry_date date NOT NULL,
        release_date date,
        filed_at timestamptz NOT NULL,
        status varchar(24) NOT NULL,
        processing_center_id varchar(16),
        total_entered_value numeric(16,2) NOT NULL CHECK (total_entered_value >= 0),
        total_duty numeric(16,2) NOT NULL CHECK (total_duty >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX entry_summary_importer ON filings.entry_summary (importer_id, filed_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX entry_summary_center ON filings.entry_summary (processing_center_id, filed_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX entry_summary_filed ON filings.entry_summary (filed_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE filings.entry_summary_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_summary_id uuid NOT NULL REFERENCES filings.entry_summary(id) ON DELETE CASCADE,
        line_number int NOT NULL CHECK (line_number > 0),
        hts_number char(10) NOT NULL CHECK (hts_number ~ '^[0-9]{10}$'),
        country_of_origin char(2) NOT NULL,
        entered_value numeric(16,2) NOT NULL CHECK (entered_value >= 0),
        duty_rate numeric(7,3) NOT NULL CHECK (duty_rate >= 0),
        duty numeric(16,2) NOT NULL CHECK (duty >= 0),
        UNIQUE (entry_summary_id, line_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE filings.filing_event (
        id bigserial PRIMARY KEY,
        entry_summary_id uuid NOT NULL REFERENCES filings.entry_summary(id) ON DELETE CASCADE,
        type varchar(32) NOT NULL,
        from_status varchar(24),
        to_status varchar(24) NOT NULL,
        actor text NOT NULL,
        actor_role varchar(24) NOT NULL,
        note text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX filing_event_summary ON filings.filing_event (entry_summary_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA filings CASCADE`);
    await queryRunner.query(`DROP SCHEMA importers CASCADE`);
    await queryRunner.query(`DROP SCHEMA centers CASCADE`);
  }
}
