import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admins keep the directory: staff members can be deactivated (the row stays, for the
 * histories that name them), and every change of the directory — staff added, a role changed,
 * a person deactivated, a Center's contact block corrected, a notice published or closed — is
 * an audit row with who, when, and the record before and after.
 */
export class DirectoryAdmin1764600000000 implements MigrationInterface {
  name = 'DirectoryAdmin1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE centers.staff_member
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN deactivation_reason text,
        ADD CONSTRAINT staff_member_deactivation CHECK (active = (deactivated_at IS NULL))`);
    await queryRunner.query(`CREATE INDEX staff_member_active_center_role ON centers.staff_member (center_id, role) WHERE active`);
    await queryRunner.query(`
      CREATE TABLE centers.directory_event (
        id bigserial PRIMARY KEY,
        type varchar(32) NOT NULL CHECK (type IN ('STAFF_ADDED', 'STAFF_ROLE_CHANGED', 'STAFF_DEACTIVATED', 'CENTER_CONTACT_UPDATED')),
        center_id varchar(16) REFERENCES centers.center(id),
        staff_member_id uuid REFERENCES centers.staff_member(id),
        actor text NOT NULL,
        actor_role varchar(24) NOT NULL,
        note text,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX directory_event_center ON centers.directory_event (center_id, id)`);
    await queryRunner.query(`CREATE INDEX directory_event_staff ON centers.directory_event (staff_member_id, id)`);
    await queryRunner.query(`
      CREATE TABLE importers.notice_event (
        id bigserial PRIMARY KEY,
        notice_id varchar(32) NOT NULL REFERENCES importers.federal_register_notice(id),
        type varchar(16) NOT NULL CHECK (type IN ('PUBLISHED', 'CLOSED')),
        actor text NOT NULL,
        actor_role varchar(24) NOT NULL,
        note text,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX notice_event_notice ON importers.notice_event (notice_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE importers.notice_event`);
    await queryRunner.query(`DROP TABLE centers.directory_event`);
    await queryRunner.query(`DROP INDEX centers.staff_member_active_center_role`);
    await queryRunner.query(`
      ALTER TABLE centers.staff_member DROP CONSTRAINT staff_member_deactivation,
        DROP COLUMN deactivation_reason, DROP COLUMN deactivated_at, DROP COLUMN active`);
  }
}
