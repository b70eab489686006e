import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding events become a live, resumable log like the filing events: each row of
 * importers.onboarding_event is announced on the channel `onboarding_events` by the
 * transaction that writes it (pg_notify is delivered on commit, dropped on rollback), and rows
 * commit in id order. A BEFORE trigger takes a transaction-scoped advisory lock of the log and
 * only then draws the row's id, holding the lock to the commit: without it a transaction that
 * drew id 10 could commit after one that drew 11, and a subscriber (or a gateway resuming
 * "after 11") would never see 10. The payload carries what decides who may see the event.
 */
export class OnboardingNotify1764600002000 implements MigrationInterface {
  name = 'OnboardingNotify1764600002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION importers.onboarding_event_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7301776341);
        NEW.id := nextval(pg_get_serial_sequence('importers.onboarding_event', 'id'));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION importers.onboarding_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        application importers.onboarding%ROWTYPE;
      BEGIN
        SELECT * INTO application FROM importers.onboarding WHERE id = NEW.onboarding_id;
        PERFORM pg_notify('onboarding_events', json_build_object(
          'eventId', NEW.id::text, 'onboardingId', NEW.onboarding_id, 'type', NEW.type,
          'importerId', application.importer_id, 'centerId', application.center_id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER onboarding_event_in_order BEFORE INSERT ON importers.onboarding_event
        FOR EACH ROW EXECUTE FUNCTION importers.onboarding_event_in_order()`);
    await queryRunner.query(`
      CREATE TRIGGER onboarding_event_notify AFTER INSERT ON importers.onboarding_event
        FOR EACH ROW EXECUTE FUNCTION importers.onboarding_event_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER onboarding_event_notify ON importers.onboarding_event`);
    await queryRunner.query(`DROP TRIGGER onboarding_event_in_order ON importers.onboarding_event`);
    await queryRunner.query(`DROP FUNCTION importers.onboarding_event_notify()`);
    await queryRunner.query(`DROP FUNCTION importers.onboarding_event_in_order()`);
  }
}
