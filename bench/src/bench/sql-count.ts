import { Client } from 'pg';
import type { BenchContext } from './context';
import { checkAnswer } from './load';
import type { BenchReport } from './report';

export interface SqlCountResult {
  label: string;
  items: number;
  requests: number;
  statementsPerRequest: number;
  statementsPerItem: number;
  idleNoisePerSecond: number;
}

const COUNT = `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
  WHERE query NOT ILIKE '%pg_stat_statements%'`;

/**
 * Counts the SQL statements PostgreSQL executed for an operation with pg_stat_statements
 * (preloaded in the benchmark's cluster): reset, run the operation `repeat` times one after
 * another, sum `calls`. The background rate (e.g. the filings subgraph's review sweep) is
 * measured while idle and subtracted.
 */
export class SqlCounter {
  private constructor(private readonly client: Client, private noisePerMs: number) {}

  static async open(databaseUrl: string): Promise<SqlCounter> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const counter = new SqlCounter(client, 0);
    await client.query('SELECT pg_stat_statements_reset()');
    const started = Date.now();
    // A window of 3 s with nothing asked: the statements counted in it are the background rate.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    counter.noisePerMs = (await counter.calls()) / (Date.now() - started);
    return counter;
  }

  private async calls(): Promise<number> {
    return Number((await this.client.query<{ calls: string }>(COUNT)).rows[0]!.calls);
  }

  async measure(label: string, items: number, repeat: number, operation: () => Promise<void>): Promise<SqlCountResult> {
    await this.client.query('SELECT pg_stat_statements_reset()');
    const started = Date.now();
    for (let i = 0; i < repeat; i++) await operation();
    const elapsed = Date.now() - started;
    const statements = Math.max(0, (await this.calls()) - this.noisePerMs * elapsed);
    return {
      label,
      items,
      requests: repeat,
      statementsPerRequest: Math.round((statements / repeat) * 10) / 10,
      statementsPerItem: Math.round((statements / repeat / items) * 100) / 100,
      idleNoisePerSecond: Math.round(this.noisePerMs * 1000 * 10) / 10,
    };
  }

  async topStatements(limit = 8): Promise<Array<{ calls: number; query: string }>> {
    const rows = (await this.client.query<{ calls: string; query: string }>(
      `SELECT calls::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query FROM pg_stat_statements
        WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT $1`,
      [limit],
    )).rows;
    return rows.map((row) => ({ calls: Number(row.calls), query: row.query }));
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

const IMPORTER_LIST = 'query($first: Int!, $after: String) { importers(first: $first, after: $after) { nodes { name participation { center { name } } filings(first: 5) { nodes { entryNumber status } } } pageInfo { endCursor hasNextPage } } }';
const FILING_LIST = 'query($first: Int!, $after: String) { filings(first: $first, after: $after) { nodes { entryNumber importer { name } processingCenter { name } lines { htsNumber duty } } pageInfo { endCursor hasNextPage } } }';

/** 4. SQL statements per request of two federated lists, at 10, 100 and 1000 items (pages of at most 100). */
export async function measureSqlStatements(context: BenchContext): Promise<{ sql: SqlCountResult[]; topStatements: BenchReport['topStatements'] }> {
  const { system, gatewayHeaders, log } = context;
  log('SQL statements per request…');
  const counter = await SqlCounter.open(system.databaseUrl);
  const pages = async (query: string, root: 'importers' | 'filings', items: number): Promise<void> => {
    let after: string | null = null;
    let remaining = items;
    while (remaining > 0) {
      const first = Math.min(100, remaining);
      const answer = await checkAnswer(system.gatewayUrl, gatewayHeaders, JSON.stringify({ query, variables: { first, after } }));
      const page = (answer.data as Record<string, { pageInfo: { endCursor: string | null; hasNextPage: boolean } }>)[root]!;
      remaining -= first;
      after = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
  };
  const sql: SqlCountResult[] = [];
  for (const [label, query, root] of [
    ['importers with Center and 5 filings each', IMPORTER_LIST, 'importers'],
    ['filings with importer, Center and lines', FILING_LIST, 'filings'],
  ] as const) {
    for (const items of [10, 100, 1000]) {
      const result = await counter.measure(`${label}${items > 100 ? ' (10 pages of 100; the page size is capped at 100)' : ''}`, items, items > 100 ? 2 : 5, () => pages(query, root, items));
      sql.push(result);
      log(`  ${label}, ${items} items: ${result.statementsPerRequest} statements per ${items > 100 ? '1000 items' : 'request'}`);
    }
  }
  await counter.measure('importers 100 (for the statement list)', 100, 1, () => pages(IMPORTER_LIST, 'importers', 100));
  const topStatements = await counter.topStatements();
  await counter.close();
  return { sql, topStatements };
}
