import type { StaffMemberRow } from '@cee-hub/db';

/** A person as the directory's audit rows keep them, before and after a change. */
export function staffRecord(row: StaffMemberRow): Record<string, unknown> {
  return {
    name: row.name,
    email: row.email,
    role: row.role,
    centerId: row.centerId,
    active: row.active,
    deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    deactivationReason: row.deactivationReason,
  };
}
