import { Client } from 'pg';

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
