import { ConflictError, ProblemCollector, isIsoDate, isUuid } from '@cee-hub/common';
import { CenterRow, type CenterStatus, CoverageRangeRow, StaffMemberRow, type StaffRole } from '@cee-hub/db';
import { type DataSource, In } from 'typeorm';
import { UnknownCenterError } from '../errors';
import { type CoverageRange, CoverageService, type LocatedLine } from './coverage.service';

export interface CoverageChangeInput {
  centerId: string;
  firstHeading: string;
  lastHeading: string;
  effectiveFrom: string;
  source: string;
}

export interface CoverageChangeResult {
  range: CoverageRange;
  /** Ranges of other Centers that were closed (and re-opened around the moved headings). */
  closed: CoverageRange[];
}

export interface PredominantCenter {
  centerId: string;
  /** VALUE when values were given, else COUNT. */
  measure: 'VALUE' | 'COUNT';
  amount: number;
}

const COVERAGE_LOCK_KEY = 7_310_420_612;

function isHeading(value: string): boolean {
  return /^\d{4}$/.test(value) && value.slice(2) !== '00' && value.slice(0, 2) !== '00';
}

/** The directory of Centers, their staff and their coverage. */
export class CenterService {
  readonly coverage: CoverageService;

  constructor(private readonly dataSource: DataSource) {
    this.coverage = new CoverageService(dataSource);
  }

  list(status?: CenterStatus): Promise<CenterRow[]> {
    return this.dataSource.getRepository(CenterRow).find({ where: status ? { status } : {}, order: { name: 'ASC' } });
  }

  /** Centers by id, in the order asked, with undefined for unknown ids (the DataLoader contract). */
  async byIds(ids: readonly string[]): Promise<Array<CenterRow | undefined>> {
    const rows = await this.dataSource.getRepository(CenterRow).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  async get(id: string): Promise<CenterRow> {
    const [center] = await this.byIds([id]);
    if (center) return center;
    const known = await this.dataSource.getRepository(CenterRow).find({ select: { id: true }, order: { id: 'ASC' } });
    throw new UnknownCenterError(id, known.map((row) => row.id));
  }

  /** The active staff of Centers: a deactivated person is in no list or lookup. */
  async staffOfCenters(centerIds: readonly string[]): Promise<StaffMemberRow[]> {
    return this.dataSource.getRepository(StaffMemberRow).find({ where: { centerId: In([...centerIds]), active: true }, order: { role: 'ASC', name: 'ASC' } });
  }

  staffByEmail(email: string): Promise<StaffMemberRow[]> {
    return this.dataSource.getRepository(StaffMemberRow).find({ where: { email: email.toLowerCase(), active: true } });
  }

  /** People by id, deactivated ones too (the audit log names them), undefined for unknown ids. */
  async staffByIds(ids: readonly string[]): Promise<Array<StaffMemberRow | undefined>> {
    const rows = await this.dataSource.getRepository(StaffMemberRow).findBy({ id: In(ids.filter(isUuid)) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }

  async staff(filter: { centerId?: string; role?: StaffRole | 'ADMIN' }): Promise<StaffMemberRow[]> {
    return this.dataSource.getRepository(StaffMemberRow).find({
      where: { active: true, ...(filter.centerId ? { centerId: filter.centerId } : {}), ...(filter.role ? { role: filter.role } : {}) },
      order: { centerId: 'ASC', role: 'ASC', name: 'ASC' },
    });
  }

  /**
   * The Center pertinent to a business: the one with the largest entered value among the
   * located lines when values are given (CBP uses the highest value), else the most lines.
   * Ties go to the Center met first.
   */
  predominant(lines: readonly LocatedLine[], values?: readonly number[]): PredominantCenter | null {
    const totals = new Map<string, number>();
    lines.forEach((line, index) => {
      if (!line.range) return;
      const weight = values ? values[index]! : 1;
      totals.set(line.range.centerId, (totals.get(line.range.centerId) ?? 0) + weight);
    });
    let best: PredominantCenter | null = null;
    for (const [centerId, amount] of totals) {
      if (!best || amount > best.amount) best = { centerId, measure: values ? 'VALUE' : 'COUNT', amount };
    }
    return best;
  }

  /**
   * Assigns headings to a Center from a date, as a confirmed range with its source. Confirmed
   * ranges of other Centers that overlap are closed on that date and re-opened for the
   * headings they keep, so every heading has one confirmed owner at any date and the history
   * stays readable. Chapter-level ranges need no change: a confirmed range outranks them.
   */
  async changeCoverage(input: CoverageChangeInput, actor: string): Promise<CoverageChangeResult> {
    const { firstHeading, lastHeading } = checkCoverageChange(input);
    await this.get(input.centerId);

    return this.dataSource.transaction(async (manager) => {
      // Coverage changes are rare; serializing them keeps the overlap check and the split exact.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [COVERAGE_LOCK_KEY]);
      const overlapping: CoverageRange[] = await manager.query(
        `SELECT id, center_id AS "centerId", first_heading AS "firstHeading", last_heading AS "lastHeading", basis, source,
                to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo"
           FROM centers.coverage_range
          WHERE basis = 'CONFIRMED' AND first_heading <= $2 AND last_heading >= $1
            AND (effective_to IS NULL OR effective_to > $3)`,
        [firstHeading, lastHeading, input.effectiveFrom],
      );
      const later = overlapping.find((range) => range.effectiveFrom > input.effectiveFrom);
      if (later) {
        throw new ConflictError(
          `Headings ${later.firstHeading}–${later.lastHeading} already change owner on ${later.effectiveFrom} (${later.source}); change coverage from that date or later`,
        );
      }
      const repository = manager.getRepository(CoverageRangeRow);
      const closed: CoverageRange[] = [];
      for (const range of overlapping) {
        if (range.effectiveFrom === input.effectiveFrom) {
          await repository.delete({ id: range.id });
        } else {
          await repository.update({ id: range.id }, { effectiveTo: input.effectiveFrom });
        }
        closed.push({ ...range, effectiveTo: input.effectiveFrom });
        const kept: Array<[string, string]> = [];
        if (range.firstHeading < firstHeading) kept.push([range.firstHeading, previousHeading(firstHeading)]);
        if (range.lastHeading > lastHeading) kept.push([nextHeading(lastHeading), range.lastHeading]);
        for (const [first, last] of kept) {
          await repository.insert({
            centerId: range.centerId,
            firstHeading: first,
            lastHeading: last,
            basis: range.basis,
            source: range.source,
            effectiveFrom: input.effectiveFrom,
            effectiveTo: range.effectiveTo,
            createdBy: actor,
          });
        }
      }
      const inserted = await repository.save(
        repository.create({
          centerId: input.centerId,
          firstHeading,
          lastHeading,
          basis: 'CONFIRMED',
          source: input.source.trim(),
          effectiveFrom: input.effectiveFrom,
          effectiveTo: null,
          createdBy: actor,
        }),
      );
      return {
        range: {
          id: inserted.id,
          centerId: inserted.centerId,
          firstHeading,
          lastHeading,
          basis: 'CONFIRMED',
          source: inserted.source,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: null,
        },
        closed,
      };
    });
  }
}

/** Refuses a coverage change that names no heading range, date or source; answers the trimmed headings. */
function checkCoverageChange(input: CoverageChangeInput): { firstHeading: string; lastHeading: string } {
  const problems = new ProblemCollector();
  const firstHeading = input.firstHeading.trim();
  const lastHeading = input.lastHeading.trim();
  if (!isHeading(firstHeading)) problems.add('firstHeading', `'${input.firstHeading}' is not a 4-digit HTS heading like 8511`);
  if (!isHeading(lastHeading)) problems.add('lastHeading', `'${input.lastHeading}' is not a 4-digit HTS heading like 8511`);
  if (problems.ok && firstHeading > lastHeading) problems.add('lastHeading', `must not come before firstHeading ${firstHeading}`);
  if (!isIsoDate(input.effectiveFrom)) problems.add('effectiveFrom', `'${input.effectiveFrom}' is not a date like 2026-12-01`);
  if (input.source.trim().length < 3) problems.add('source', 'name the source of the change, such as a Federal Register citation');
  problems.throwIfAny();
  return { firstHeading, lastHeading };
}

function previousHeading(heading: string): string {
  return String(Number(heading) - 1).padStart(4, '0');
}

function nextHeading(heading: string): string {
  return String(Number(heading) + 1).padStart(4, '0');
}
