import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStore } from './blob-store';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint; AWS's own when absent. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Credentials; the AWS SDK's default chain (environment, profile, instance role) when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A prefix for every key, so one bucket can serve several installs. */
  prefix: string;
}

/** Production storage: an S3 bucket (or any S3-compatible store), written as a streamed multipart upload. */
export class S3BlobStore implements BlobStore {
  readonly storage = 'S3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
    });
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${key}`;
  }

  async write(key: string, chunks: AsyncIterable<Buffer>): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: Readable.from(chunks) },
      // Parts of 5 MiB (S3's smallest), one at a time: a slow store slows the sender instead of filling memory.
      partSize: 5 * 1024 * 1024,
      queueSize: 1,
    });
    await upload.done();
  }

  async *read(key: string): AsyncIterable<Buffer> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    for await (const chunk of answer.Body as Readable) yield chunk as Buffer;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  close(): void {
    this.client.destroy();
  }
}
