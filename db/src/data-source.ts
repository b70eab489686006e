import 'reflect-metadata';
import { DataSource, type EntitySchema, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import { centersEntities } from './entities/centers';
import { documentsEntities } from './entities/documents';
import { filingsEntities } from './entities/filings';
import { importersEntities } from './entities/importers';
import { allMigrations } from './migrations';

export { allMigrations, centersEntities, documentsEntities, filingsEntities, importersEntities };
export const allEntities = [...centersEntities, ...importersEntities, ...filingsEntities, ...documentsEntities];

let statementsSent = 0;

/**
 * Runs `work` and returns how many SQL statements this process sent meanwhile through any
 * DataSource made here. Meant for tests that run one request at a time.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = statementsSent;
  const result = await work();
  return { result, statements: statementsSent - before };
}

class CountingLogger implements TypeOrmLogger {
  logQuery(): void {
    statementsSent += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface DataSourceOptions {
  url: string;
  entities: MixedList<Function | string | EntitySchema>;
  /** Connections in this process's pool. */
  poolSize?: number;
  applicationName?: string;
}

/** A DataSource for one subgraph's entities. Never synchronizes: the schema comes from migrations. */
export function createDataSource({ url, entities, poolSize = 10, applicationName = 'cee-hub' }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations: allMigrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // Every statement goes through the logger so tests can count them per request.
    logging: ['query'],
    logger: new CountingLogger(),
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  });
}

const MIGRATION_LOCK_KEY = 7_310_420_611;

/**
 * Brings the database schema up to date. Safe to call from every process at start-up:
 * an advisory lock makes concurrent callers wait, and a second run finds nothing to do.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, entities: [], poolSize: 2, applicationName: 'cee-hub-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
