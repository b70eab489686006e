export * from './data-source';
export * from './embedded';
export * from './entities/centers';
export * from './entities/documents';
export * from './entities/filings';
export * from './entities/importers';
export * from './entities/messages';
export { seedDatabase, stableId, centerRows, coverageRows, staffRows, importerRows, noticeRows, entrySummaryRows } from './seed';
export * from './seed/seeded-users';
