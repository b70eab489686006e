import { createHash } from 'node:crypto';
import { refuseContent } from './content-check';
import { UploadRefusal, verifiedBytes } from './verified-bytes';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(bytes: Buffer, declared: { contentType: string; sizeBytes?: number; sha256?: string }, chunk = 1000): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const part of verifiedBytes(chunksOf(bytes, chunk), { contentType: declared.contentType, sizeBytes: declared.sizeBytes ?? bytes.length, sha256: declared.sha256 ?? sha256(bytes) })) {
    out.push(part);
  }
  return Buffer.concat(out);
}

async function refusal(promise: Promise<unknown>): Promise<UploadRefusal> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UploadRefusal);
  return error as UploadRefusal;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10_000, 7), Buffer.from('\n%%EOF\n')]);
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(5000, 1)]);

describe('verifiedBytes', () => {
  it('passes matching bytes through unchanged, in whatever chunks they came', async () => {
    expect((await collect(PDF, { contentType: 'application/pdf' }, 333)).equals(PDF)).toBe(true);
    expect((await collect(PDF, { contentType: 'application/pdf' }, 1)).equals(PDF)).toBe(true);
  });

  it('refuses an executable declared as a PDF before passing on any byte', async () => {
    const passed: Buffer[] = [];
    const error = await refusal(
      (async () => {
        for await (const part of verifiedBytes(chunksOf(EXE, 500), { contentType: 'application/pdf', sizeBytes: EXE.length, sha256: sha256(EXE) })) passed.push(part);
      })(),
    );
    expect(error.reason).toBe('CONTENT_TYPE_MISMATCH');
    expect(error.message).toMatch(/declared PDF but its bytes are a file of type exe/);
    expect(passed).toHaveLength(0);
  });

  it('refuses more bytes than declared as soon as they exceed it, and fewer at the end', async () => {
    expect((await refusal(collect(PDF, { contentType: 'application/pdf', sizeBytes: 5000 }))).reason).toBe('SIZE_MISMATCH');
    expect((await refusal(collect(PDF, { contentType: 'application/pdf', sizeBytes: PDF.length + 1 }))).reason).toBe('SIZE_MISMATCH');
  });

  it('refuses bytes whose SHA-256 is not the declared one', async () => {
    const error = await refusal(collect(PDF, { contentType: 'application/pdf', sha256: sha256(Buffer.from('something else')) }));
    expect(error.reason).toBe('SHA256_MISMATCH');
  });

  it('checks a file shorter than the sniffed head once it has ended', async () => {
    const csv = Buffer.from('entry,line,value\n1,1,1000\n');
    expect((await collect(csv, { contentType: 'text/csv' })).equals(csv)).toBe(true);
  });
});

describe('refuseContent', () => {
  const docxHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('[Content_Types].xml')]);
  const zipHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('payload.exe')]);

  it.each([
    ['application/pdf', Buffer.from('%PDF-1.4\n')],
    ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', docxHead],
    ['application/vnd.ms-excel', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['application/xml', Buffer.from('<?xml version="1.0"?><invoice/>')],
    ['text/plain', Buffer.from('Commercial invoice 4471 — 12 cartons')],
  ])('accepts %s whose bytes are of it', (contentType, head) => {
    expect(refuseContent(contentType, head, true)).toBeUndefined();
  });

  it.each([
    ['application/pdf', EXE, /type exe/],
    ['text/plain', Buffer.from('#!/bin/sh\nrm -rf /\n'), /not UTF-8 text/],
    ['text/csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /type ELF/],
    ['text/plain', Buffer.from([0x61, 0x00, 0x62]), /not UTF-8 text/],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', zipHead, /zip archive without Office parts/],
    ['image/png', Buffer.from('%PDF-1.4\n'), /declared PNG image but its bytes are a file of type pdf/],
  ])('refuses %s whose bytes are something else', (contentType, head, why) => {
    expect(refuseContent(contentType, head, true)).toMatch(why);
  });
});
