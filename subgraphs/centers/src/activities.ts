import type { StaffDeactivationInput } from '@cee-hub/contracts';
import { StaffMemberRow } from '@cee-hub/db';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { staffRecord } from './services/staff-record';
import { recordDirectoryEvent } from './services/directory-audit';

/** The person as the rest of a deactivation needs them. */
export interface DeactivatedStaffMember {
  staffMemberId: string;
  email: string;
  centerId: string | null;
}

/**
 * Marks the person inactive with the audit row, in one transaction. Safe to retry: a person
 * inactive already is answered as they are, with no second audit row.
 */
async function deactivateStaffRecord(dataSource: DataSource, input: StaffDeactivationInput): Promise<DeactivatedStaffMember> {
  return dataSource.transaction(async (manager) => {
    const row = await manager.getRepository(StaffMemberRow).findOne({ where: { id: input.staffMemberId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw ApplicationFailure.create({ type: 'NOT_FOUND', message: `No staff member has the id ${input.staffMemberId}`, nonRetryable: true });
    const result = { staffMemberId: row.id, email: row.email, centerId: row.centerId };
    if (!row.active) return result;
    const before = staffRecord(row);
    row.active = false;
    row.deactivatedAt = new Date();
    row.deactivationReason = input.reason.trim();
    await manager.getRepository(StaffMemberRow).save(row);
    await recordDirectoryEvent(manager, input.actor, {
      type: 'STAFF_DEACTIVATED',
      centerId: row.centerId,
      staffMemberId: row.id,
      before,
      after: staffRecord(row),
      note: row.deactivationReason,
    });
    return result;
  });
}

/**
 * The centers domain's Temporal activities (the staff deactivation workflow's directory
 * part). Registered by the worker in workflows/; their names are activity types in histories.
 */
export function createCentersActivities(dataSource: DataSource) {
  return {
    deactivateStaffRecord: (input: StaffDeactivationInput) => deactivateStaffRecord(dataSource, input),
  };
}

export type CentersActivities = ReturnType<typeof createCentersActivities>;
