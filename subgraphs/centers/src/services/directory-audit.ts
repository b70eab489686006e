import type { Identity } from '@cee-hub/common';
import { eventActorOf } from '@cee-hub/contracts';
import { DirectoryEventRow, type DirectoryEventType } from '@cee-hub/db';
import type { EntityManager } from 'typeorm';

/** One change of the directory to record: what, where, and the record before and after. */
export interface DirectoryChange {
  type: DirectoryEventType;
  centerId: string | null;
  staffMemberId?: string | null;
  before: object | null;
  after: object | null;
  note?: string | null;
}

/** Writes the audit row of a directory change in the caller's transaction (who: the identity that made it). */
export async function recordDirectoryEvent(manager: EntityManager, by: Pick<Identity, 'role' | 'email' | 'subject' | 'importerId'>, change: DirectoryChange): Promise<void> {
  const { actor, actorRole } = eventActorOf(by);
  // save, not insert: TypeORM's insert types cannot follow an open record into a jsonb column.
  await manager.getRepository(DirectoryEventRow).save({
    type: change.type,
    centerId: change.centerId,
    staffMemberId: change.staffMemberId ?? null,
    actor,
    actorRole,
    note: change.note ?? null,
    before: (change.before as Record<string, unknown> | null) ?? null,
    after: (change.after as Record<string, unknown> | null) ?? null,
  });
}
