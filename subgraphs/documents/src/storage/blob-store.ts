import type { DocumentStorage } from '@cee-hub/db';

/**
 * Where a document's bytes live. Bytes are written under the upload's key before they are
 * known to match their declaration, so a refused upload is removed again; neither side ever
 * holds a whole file in memory.
 */
export interface BlobStore {
  readonly storage: DocumentStorage;
  /** Consumes `chunks` into `key`; a failure of the source (a refused upload) rejects with its error. */
  write(key: string, chunks: AsyncIterable<Buffer>): Promise<void>;
  /** The bytes under `key`, in order. */
  read(key: string): AsyncIterable<Buffer>;
  /** Removes what is under `key`, if anything. */
  remove(key: string): Promise<void>;
}
