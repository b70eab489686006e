import { createHash, randomBytes } from 'node:crypto';
import { freePort } from '@cee-hub/db/testing';
import { findS3Server, type S3DevServer, startS3DevServer } from '@cee-hub/launcher/s3-dev-server';
import { UploadRefusal, verifiedBytes } from '../upload/verified-bytes';
import { S3BlobStore } from './s3-blob-store';

let server: S3DevServer;
let store: S3BlobStore;

beforeAll(async () => {
  server = await startS3DevServer({ serverPath: await findS3Server(), port: await freePort(), bucket: 'cee-hub-documents' });
  store = new S3BlobStore({
    bucket: server.bucket,
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    prefix: 'documents/',
  });
}, 60_000);

afterAll(async () => {
  store?.close();
  await server?.stop();
});

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function readAll(key: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of store.read(key)) parts.push(part);
  return Buffer.concat(parts);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

it('streams a document of several parts into the bucket and back, unchanged', async () => {
  // Over two 5 MiB parts, so the multipart path is taken.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(11 * 1024 * 1024)]);
  await store.write('upload-1', verifiedBytes(chunksOf(pdf, 64 * 1024), { contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256(pdf) }));
  expect(sha256(await readAll('upload-1'))).toBe(sha256(pdf));
  await store.remove('upload-1');
  await expect(readAll('upload-1')).rejects.toThrow();
});

it('keeps nothing of bytes refused on the way', async () => {
  const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), randomBytes(100_000)]);
  const writing = store.write('upload-2', verifiedBytes(chunksOf(exe, 10_000), { contentType: 'application/pdf', sizeBytes: exe.length, sha256: sha256(exe) }));
  await expect(writing).rejects.toBeInstanceOf(UploadRefusal);
  await store.remove('upload-2');
  await expect(readAll('upload-2')).rejects.toThrow();
});
