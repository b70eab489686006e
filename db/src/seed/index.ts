import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { CenterRow, CoverageRangeRow, StaffMemberRow } from '../entities/centers';
import { EntrySummaryLineRow, EntrySummaryRow, FilingEventRow } from '../entities/filings';
import { FederalRegisterNoticeRow, ImporterRow } from '../entities/importers';
import { centerRows, coverageRows, staffRows } from './centers.seed';
import { entrySummaryRows, eventRows, lineRows } from './filings.seed';
import { importerRows, noticeRows } from './importers.seed';

export { centerRows, coverageRows, staffRows } from './centers.seed';
export { entrySummaryRows } from './filings.seed';
export { importerRows, noticeRows } from './importers.seed';
export { stableId } from './stable-id';
export * from './seeded-users';

/**
 * Loads the demo data. Idempotent: rows have fixed ids and existing rows are left as they
 * are, so re-seeding never undoes what users changed since.
 */
export async function seedDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const insert = async <T extends ObjectLiteral>(target: EntityTarget<T>, rows: object[]): Promise<void> => {
      if (rows.length > 0) await manager.createQueryBuilder().insert().into(target).values(rows as T[]).orIgnore().execute();
    };
    await insert(CenterRow, centerRows);
    await insert(CoverageRangeRow, coverageRows);
    await insert(StaffMemberRow, staffRows);
    await insert(ImporterRow, importerRows);
    await insert(FederalRegisterNoticeRow, noticeRows);
    const existing = new Set(
      (await manager.getRepository(EntrySummaryRow).find({ select: { id: true } })).map((row) => row.id),
    );
    const newSummaries = entrySummaryRows.filter((row) => !existing.has(row.id));
    const newIds = new Set(newSummaries.map((row) => row.id));
    await insert(EntrySummaryRow, newSummaries);
    await insert(EntrySummaryLineRow, lineRows.filter((row) => newIds.has(row.entrySummaryId)));
    // Events have generated ids, so only the events of summaries inserted now are written.
    await insert(FilingEventRow, eventRows.filter((row) => newIds.has(row.entrySummaryId)));
  });
}
