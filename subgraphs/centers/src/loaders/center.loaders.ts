import type { CenterRow, StaffMemberRow } from '@cee-hub/db';
import DataLoader from 'dataloader';
import type { CenterService } from '../services/center.service';
import type { CoverageRange } from '../services/coverage.service';

/** Per-request loaders: each batches the lookups of one request into one statement. */
export interface CenterLoaders {
  centerById: DataLoader<string, CenterRow | undefined>;
  staffByCenter: DataLoader<string, StaffMemberRow[]>;
  /** Deactivated people too: the audit log names them. */
  staffById: DataLoader<string, StaffMemberRow | undefined>;
  coverageByCenter(asOf: string): DataLoader<string, CoverageRange[]>;
  /** Every range effective on a date, read once per request: aliased locator calls share it. */
  rangesEffectiveOn(asOf: string): Promise<CoverageRange[]>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

export function createCenterLoaders(centers: CenterService): CenterLoaders {
  const coverageLoaders = new Map<string, DataLoader<string, CoverageRange[]>>();
  const rangesByDate = new Map<string, Promise<CoverageRange[]>>();
  return {
    centerById: new DataLoader((ids) => centers.byIds(ids)),
    staffByCenter: new DataLoader(async (ids) => groupBy(ids, await centers.staffOfCenters(ids), (row) => row.centerId!)),
    staffById: new DataLoader((ids) => centers.staffByIds(ids)),
    coverageByCenter(asOf) {
      let loader = coverageLoaders.get(asOf);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupBy(ids, await centers.coverage.rangesOfCenters(ids, asOf), (row) => row.centerId));
        coverageLoaders.set(asOf, loader);
      }
      return loader;
    },
    rangesEffectiveOn(asOf) {
      let ranges = rangesByDate.get(asOf);
      if (!ranges) {
        ranges = centers.coverage.rangesEffectiveOn(asOf);
        // A failed read is not kept: the next call tries again.
        ranges.catch(() => rangesByDate.delete(asOf));
        rangesByDate.set(asOf, ranges);
      }
      return ranges;
    },
  };
}
