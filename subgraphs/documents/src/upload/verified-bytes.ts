import { createHash } from 'node:crypto';
import { refuseContent, SNIFF_BYTES } from './content-check';

/** Why bytes sent to an upload URL were refused; `reason` is stable for clients. */
export type UploadRefusalReason = 'CONTENT_TYPE_MISMATCH' | 'SIZE_MISMATCH' | 'SHA256_MISMATCH' | 'TOO_LARGE';

export class UploadRefusal extends Error {
  constructor(
    readonly reason: UploadRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface Declaration {
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Passes `source` through unchanged while checking it against its declaration: the type of
 * its first bytes before any of them are passed on, its size as it grows, and its SHA-256 at
 * the end. A mismatch throws UploadRefusal into whoever consumes the bytes (the store), so
 * nothing is kept of a file that does not match.
 */
export async function* verifiedBytes(source: AsyncIterable<Buffer>, declared: Declaration): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer[] | null = [];
  let headBytes = 0;
  const count = (chunk: Buffer) => {
    size += chunk.length;
    if (size > declared.sizeBytes) {
      throw new UploadRefusal('SIZE_MISMATCH', `More bytes arrived than the ${declared.sizeBytes} declared`);
    }
    hash.update(chunk);
  };
  const checkHead = (complete: boolean): Buffer => {
    const joined = Buffer.concat(head ?? []);
    head = null;
    const refusal = refuseContent(declared.contentType, joined.subarray(0, SNIFF_BYTES), complete);
    if (refusal) throw new UploadRefusal('CONTENT_TYPE_MISMATCH', refusal);
    return joined;
  };
  for await (const chunk of source) {
    count(chunk);
    if (head === null) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) yield checkHead(false);
  }
  if (head !== null && headBytes > 0) yield checkHead(true);
  if (size !== declared.sizeBytes) {
    throw new UploadRefusal('SIZE_MISMATCH', `${size} bytes arrived; ${declared.sizeBytes} were declared`);
  }
  const digest = hash.digest('hex');
  if (digest !== declared.sha256) {
    throw new UploadRefusal('SHA256_MISMATCH', `The bytes' SHA-256 is ${digest}; ${declared.sha256} was declared`);
  }
}
