import { canSeeImporterData, ForbiddenError, type Identity, isStaffRole, requireSignedIn } from '@cee-hub/common';
import type { FilingStatus } from '@cee-hub/db';
import { UnknownFilingError } from '../errors';

/**
 * The filings a list may return: the caller's own narrowing joined with what the caller may
 * see. Every field given must match; `entryNumber` is canonical.
 */
export interface FilingScope {
  importerId?: string;
  centerId?: string;
  status?: FilingStatus;
  entryNumber?: string;
}

/** What decides who may see a filing. */
export interface FilingOwnership {
  importerId: string;
  processingCenterId: string | null;
}

/** Any signed-in caller may ask; what they get is narrowed by the functions below. */
export function requireFilingReader(identity: Identity): void {
  requireSignedIn(identity, 'see entry summaries');
}

/**
 * An importer sees its own filings, staff the filings their Center processes, admins all.
 * A filing processed at a port is visible to no Center's staff: the port works it.
 */
export function canSeeFiling(identity: Identity, filing: FilingOwnership): boolean {
  return canSeeImporterData(identity, filing.importerId, [filing.processingCenterId]);
}

/**
 * Refuses a filing the caller may not see exactly as one that does not exist (`what` completes
 * "No entry summary has …"): a FORBIDDEN would tell that the entry number is used, and by whom.
 */
export function assertCanSeeFiling(identity: Identity, filing: FilingOwnership, what: string): void {
  requireFilingReader(identity);
  if (!canSeeFiling(identity, filing)) throw new UnknownFilingError(what);
}

/**
 * The scope of `filings(filter)`: a filter reaching past what the caller may see is refused,
 * and without one the list is narrowed to what the caller may see.
 */
export function scopeOfFilingList(identity: Identity, filter: FilingScope): FilingScope {
  requireFilingReader(identity);
  if (identity.role === 'ADMIN') return filter;
  if (identity.role === 'IMPORTER') {
    if (filter.importerId && filter.importerId !== identity.importerId) {
      throw new ForbiddenError("An importer may list only its own filings; leave out importerId or give your own");
    }
    return { ...filter, importerId: identity.importerId };
  }
  const centerId = staffCenter(identity);
  if (filter.centerId && filter.centerId !== centerId) {
    throw new ForbiddenError(`Staff may list only the filings of their own Center (${centerId})`);
  }
  return { ...filter, centerId };
}

/** `Importer.filings`: an importer sees its own; staff see those their Center processes. */
export function scopeOfImporterFilings(identity: Identity, importerId: string, status?: FilingStatus): FilingScope {
  requireFilingReader(identity);
  const scope: FilingScope = { importerId, ...(status ? { status } : {}) };
  if (identity.role === 'ADMIN') return scope;
  if (identity.role === 'IMPORTER') {
    if (importerId !== identity.importerId) throw new ForbiddenError("An importer may see only its own filings");
    return scope;
  }
  return { ...scope, centerId: staffCenter(identity) };
}

/** `Center.filings`: that Center's staff and admins only. */
export function scopeOfCenterFilings(identity: Identity, centerId: string, status?: FilingStatus): FilingScope {
  requireFilingReader(identity);
  if (identity.role !== 'ADMIN' && staffCenter(identity) !== centerId) {
    throw new ForbiddenError(`Only the ${centerId} Center's staff and CBP admins may see the filings it processes`);
  }
  return { centerId, ...(status ? { status } : {}) };
}

/**
 * The importer a caller files for: an importer for itself (the default), an admin for any
 * importer it names. Staff review filings and never file them.
 */
export function importerFiledFor(identity: Identity, importerId: string | null | undefined): string | null {
  requireSignedIn(identity, 'file an entry summary');
  if (identity.role === 'IMPORTER') {
    if (importerId && importerId !== identity.importerId) throw new ForbiddenError('An importer may file entry summaries only for itself');
    return identity.importerId ?? null;
  }
  if (identity.role === 'ADMIN') return importerId ?? null;
  throw new ForbiddenError('Center staff review entry summaries; importers (and CBP admins on their behalf) file them');
}

function staffCenter(identity: Identity): string {
  // Staff tokens always name a Center (identityFromClaims refuses them otherwise); anyone else lands here only by mistake.
  if (!isStaffRole(identity.role) || !identity.centerId) throw new ForbiddenError('You may not see entry summaries');
  return identity.centerId;
}
