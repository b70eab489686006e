/**
 * Deactivating a staff member: the person leaves the directory, and every review step they
 * have claimed goes back to its queue through its review workflow. A small workflow carries
 * both, so a deactivation once started finishes even if a process dies on the way.
 */
import type { Actor } from './actor';

export const STAFF_DEACTIVATION_WORKFLOW_TYPE = 'deactivateStaffMember';

/** One deactivation per person; a second one while it runs is refused by Temporal. */
export function staffDeactivationWorkflowId(staffMemberId: string): string {
  return `staff-deactivation-${staffMemberId}`;
}

/** The longest reason for a deactivation. */
export const MAX_DEACTIVATION_REASON = 2000;

export interface StaffDeactivationInput {
  staffMemberId: string;
  /** The admin (or Center director) deactivating them. */
  actor: Actor;
  reason: string;
}

/** A review whose claim was released, by its entry number. */
export interface ReleasedClaim {
  entrySummaryId: string;
  entryNumber: string;
}

export interface StaffDeactivationResult {
  staffMemberId: string;
  releasedClaims: ReleasedClaim[];
}
