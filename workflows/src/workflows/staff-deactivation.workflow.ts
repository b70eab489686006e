import type { StaffDeactivationInput, StaffDeactivationResult } from '@cee-hub/contracts';
import { centersActivities, filingsActivities } from './staff-deactivation/activities';

/**
 * Deactivation of one staff member (workflow id `staff-deactivation-<staff id>`): the centers
 * domain marks them inactive with an audit row, then the filings domain hands every review
 * step they had claimed back to its queue, each through its own review workflow (which records
 * the release in the filing's history). Both activities are safe to retry, so a deactivation
 * once started finishes whatever process dies on the way.
 */
export async function deactivateStaffMember(input: StaffDeactivationInput): Promise<StaffDeactivationResult> {
  const person = await centersActivities.deactivateStaffRecord(input);
  const releasedClaims = await filingsActivities.releaseReviewClaimsOf({
    staffMemberId: person.staffMemberId,
    email: person.email,
    actor: input.actor,
    reason: input.reason,
  });
  return { staffMemberId: person.staffMemberId, releasedClaims };
}
