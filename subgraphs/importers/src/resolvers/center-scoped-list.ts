import { ForbiddenError, type Identity, isStaffRole } from '@cee-hub/common';

/** How a center-scoped list words its refusals. */
export interface CenterScopedListRefusals {
  /** Center staff named another Center. */
  otherCenter: string;
  /** The caller is not CBP (an importer has its own way to its records). */
  notCbp: string;
}

/**
 * The Center a CBP user's list is narrowed to: for admins the one they asked for (undefined:
 * every Center), for Center staff always their own; anyone else is refused.
 */
export function centerOfCallersList(identity: Identity, requestedCenterId: string | undefined, refusals: CenterScopedListRefusals): string | undefined {
  if (isStaffRole(identity.role)) {
    if (requestedCenterId && requestedCenterId !== identity.centerId) throw new ForbiddenError(refusals.otherCenter);
    return identity.centerId;
  }
  if (identity.role !== 'ADMIN') throw new ForbiddenError(refusals.notCbp);
  return requestedCenterId;
}
