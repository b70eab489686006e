import { parseHtsNumber } from '@cee-hub/common';
import type { CoverageBasis } from '@cee-hub/db';
import type { DataSource, EntityManager } from 'typeorm';

/** A coverage range as read for the locator; see CoverageRangeRow for the columns. */
export interface CoverageRange {
  id: string;
  centerId: string;
  firstHeading: string;
  lastHeading: string;
  basis: CoverageBasis;
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export type LocatedLine =
  | { htsNumber: string; input: string; range: CoverageRange; problem?: undefined }
  | { htsNumber: string | null; input: string; range?: undefined; problem: string };

/** A confirmed heading list outranks a chapter-level approximation, which outranks the remainder. */
const BASIS_RANK: Record<CoverageBasis, number> = { CONFIRMED: 3, CHAPTER_LEVEL: 2, REMAINDER: 1 };

const RANGE_COLUMNS = `id, center_id AS "centerId", first_heading AS "firstHeading", last_heading AS "lastHeading",
  basis, source, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo"`;

/** Picks the range that decides a heading: the best basis, then the narrowest range. */
export function decidingRange(heading: string, ranges: readonly CoverageRange[]): CoverageRange | undefined {
  let best: CoverageRange | undefined;
  for (const range of ranges) {
    if (heading < range.firstHeading || heading > range.lastHeading) continue;
    if (
      !best ||
      BASIS_RANK[range.basis] > BASIS_RANK[best.basis] ||
      (BASIS_RANK[range.basis] === BASIS_RANK[best.basis] && headingSpan(range) < headingSpan(best))
    ) {
      best = range;
    }
  }
  return best;
}

function headingSpan(range: CoverageRange): number {
  return Number(range.lastHeading) - Number(range.firstHeading);
}

/**
 * Which Center covers an HTS number on a date. Coverage is data (19 CFR 101.1 lists change),
 * read with plain SQL so other domains can ask the same question through this one service.
 */
export class CoverageService {
  constructor(private readonly dataSource: DataSource) {}

  async rangesEffectiveOn(asOf: string, manager: EntityManager = this.dataSource.manager): Promise<CoverageRange[]> {
    return manager.query(
      `SELECT ${RANGE_COLUMNS} FROM centers.coverage_range
        WHERE effective_from <= $1 AND (effective_to IS NULL OR effective_to > $1)
        ORDER BY first_heading, center_id`,
      [asOf],
    );
  }

  async rangesOfCenters(centerIds: readonly string[], asOf: string): Promise<CoverageRange[]> {
    return this.dataSource.query(
      `SELECT ${RANGE_COLUMNS} FROM centers.coverage_range
        WHERE center_id = ANY($1) AND effective_from <= $2 AND (effective_to IS NULL OR effective_to > $2)
        ORDER BY first_heading`,
      [centerIds, asOf],
    );
  }

  /** Locates every HTS number on its own; malformed or uncovered numbers get a `problem`. */
  async locate(htsNumbers: readonly string[], asOf: string): Promise<LocatedLine[]> {
    return this.locateIn(htsNumbers, asOf, await this.rangesEffectiveOn(asOf));
  }

  /** Locates every HTS number in the ranges effective on `asOf` (from rangesEffectiveOn). */
  locateIn(htsNumbers: readonly string[], asOf: string, ranges: readonly CoverageRange[]): LocatedLine[] {
    return htsNumbers.map((input) => {
      const parsed = parseHtsNumber(input);
      if (!parsed.ok) return { htsNumber: null, input, problem: parsed.message };
      const range = decidingRange(parsed.heading, ranges);
      if (!range) {
        return { htsNumber: parsed.htsNumber, input, problem: `No Center covers heading ${parsed.heading} on ${asOf}` };
      }
      return { htsNumber: parsed.htsNumber, input, range };
    });
  }
}
