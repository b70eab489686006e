import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY's text format: backslash, tab and line ends escaped, null as \N. */
function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * A COPY … FROM STDIN of one table on its own connection, fed rows in chunks; several run at
 * once, so PostgreSQL parses one table's rows while the generator makes the next.
 */
export class CopyWriter {
  private chunk: string[] = [];
  private chunkLength = 0;
  private waiting: Promise<void> | undefined;
  private readonly done: Promise<void>;
  rows = 0;

  private constructor(private readonly client: Client, private readonly stream: ReturnType<typeof copyFrom>) {
    this.done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    // Surfaced by end(); without a listener a failed COPY would crash the process first.
    this.done.catch(() => undefined);
  }

  static async open(databaseUrl: string, table: string, columns: readonly string[]): Promise<CopyWriter> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new CopyWriter(client, client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  }

  row(values: ReadonlyArray<string | number | boolean | null>): void {
    const line = `${values.map(copyValue).join('\t')}\n`;
    this.chunk.push(line);
    this.chunkLength += line.length;
    this.rows += 1;
    if (this.chunkLength >= 256 * 1024) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const ready = this.stream.write(this.chunk.join(''));
    this.chunk = [];
    this.chunkLength = 0;
    if (!ready && !this.waiting) {
      this.waiting = new Promise((resolve) => this.stream.once('drain', () => resolve()));
      void this.waiting.then(() => (this.waiting = undefined));
    }
  }

  /** Resolves once PostgreSQL has taken what was written (backpressure). */
  async drained(): Promise<void> {
    await Promise.race([this.waiting, this.done]);
  }

  async end(): Promise<void> {
    this.flush();
    this.stream.end();
    try {
      await this.done;
    } finally {
      await this.client.end();
    }
  }
}
