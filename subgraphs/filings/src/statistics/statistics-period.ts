import { BadUserInputError, ForbiddenError, type Identity, isIsoDate, isStaffRole, requireAdmin, requireSignedIn } from '@cee-hub/common';

/** The longest period statistics cover: five years keeps the weekly series and the scans bounded. */
export const MAX_STATISTICS_YEARS = 5;

/** Whose filings are counted: the Centers', the ports', or both. */
export const STATISTICS_PROCESSING = ['CENTER', 'PORT', 'ALL'] as const;
export type StatisticsProcessing = (typeof STATISTICS_PROCESSING)[number];

/**
 * What one statistics request counts: the filings filed (filed_at, in UTC) from `from` to `to`
 * inclusive, of one Center or of the Centers, the ports or both.
 */
export interface StatisticsScope {
  from: string;
  to: string;
  centerId: string | null;
  processing: StatisticsProcessing;
}

/** `from` plus five years, the last day a period may end on (29 February lands on 1 March). */
function latestEnd(from: string): string {
  const sameDay = `${Number(from.slice(0, 4)) + MAX_STATISTICS_YEARS}${from.slice(4)}`;
  return isIsoDate(sameDay) ? sameDay : `${sameDay.slice(0, 5)}03-01`;
}

/** Refuses a period that is malformed, ends before it starts or is over five years, before any query runs. */
export function checkStatisticsPeriod(from: string, to: string): void {
  if (!isIsoDate(from)) throw new BadUserInputError({ field: 'from', message: `'${from}' is not a date (YYYY-MM-DD)` });
  if (!isIsoDate(to)) throw new BadUserInputError({ field: 'to', message: `'${to}' is not a date (YYYY-MM-DD)` });
  if (to < from) throw new BadUserInputError({ field: 'to', message: `the period ends (${to}) before it starts (${from}); give a 'to' on or after 'from'` });
  const limit = latestEnd(from);
  if (to > limit) throw new BadUserInputError({ field: 'to', message: `the period is over ${MAX_STATISTICS_YEARS} years; end it on ${limit} at the latest, or ask for several periods` });
}

/** `Center.statistics`: that Center's staff (its director among them) and CBP admins. */
export function centerStatisticsScope(identity: Identity, centerId: string, from: string, to: string): StatisticsScope {
  requireSignedIn(identity, "see a Center's statistics");
  if (identity.role !== 'ADMIN' && !(isStaffRole(identity.role) && identity.centerId === centerId)) {
    throw new ForbiddenError(`Only the ${centerId} Center's staff and CBP admins may see its statistics`);
  }
  checkStatisticsPeriod(from, to);
  return { from, to, centerId, processing: 'CENTER' };
}

/** The national `statistics`: CBP admins only. */
export function nationalStatisticsScope(identity: Identity, processing: StatisticsProcessing, from: string, to: string): StatisticsScope {
  requireAdmin(identity, 'see the national statistics');
  checkStatisticsPeriod(from, to);
  return { from, to, centerId: null, processing };
}
