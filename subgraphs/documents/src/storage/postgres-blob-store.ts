import type { DataSource } from 'typeorm';
import type { BlobStore } from './blob-store';

/** Rows of at most this many bytes: a read or write holds one row at a time. */
const CHUNK_BYTES = 1024 * 1024;

/** The embedded default: bytes in `documents.blob_chunk`, one row per MiB, in the documents schema. */
export class PostgresBlobStore implements BlobStore {
  readonly storage = 'POSTGRES' as const;

  constructor(private readonly dataSource: DataSource) {}

  async write(key: string, chunks: AsyncIterable<Buffer>): Promise<void> {
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (bytes: Buffer) => {
      await this.dataSource.query(`INSERT INTO documents.blob_chunk (storage_key, seq, bytes) VALUES ($1, $2, $3)`, [key, seq, bytes]);
      seq += 1;
    };
    for await (const chunk of chunks) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= CHUNK_BYTES) {
        const joined = Buffer.concat(pending);
        await flush(joined.subarray(0, CHUNK_BYTES));
        const rest = joined.subarray(CHUNK_BYTES);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes > 0) await flush(Buffer.concat(pending));
  }

  async *read(key: string): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq += 1) {
      const rows: Array<{ bytes: Buffer }> = await this.dataSource.query(`SELECT bytes FROM documents.blob_chunk WHERE storage_key = $1 AND seq = $2`, [key, seq]);
      if (rows.length === 0) return;
      yield rows[0].bytes;
    }
  }

  async remove(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM documents.blob_chunk WHERE storage_key = $1`, [key]);
  }
}
