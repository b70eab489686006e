import { createHash, randomBytes } from 'node:crypto';
import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { entrySummaryInput, startSystem, type System, waitForFiling } from '@cee-hub/launcher/testing';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const HARBORVIEW = importerRows.find((row) => row.name === 'Harborview Pharma Inc.')!;
const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
const IMPORT_SPECIALIST = 'import-specialist.electronics@cbp.example';
const PHARMA_SPECIALIST = 'import-specialist.pharma@cbp.example';
const ADMIN = 'admin@cbp.example';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF by its signature, of `mebibytes` MiB of random content. */
const pdfOf = (mebibytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(mebibytes * 1024 * 1024), Buffer.from('\n%%EOF\n')]);
const EXECUTABLE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), randomBytes(64 * 1024)]);

let system: System;
/** A summary waiting for the Center's entry specialist (its value makes it high risk), so its paperwork may still change. */
let entrySummaryId: string;
const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];

const REQUEST = `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { id uploadUrl method expiresAt maxBytes } }`;
const DOCUMENTS = `query($id: ID!) { filing(id: $id) { id documents { id kind fileName contentType size sha256 uploadedBy downloadUrl } } }`;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { DOCUMENTS_MAX_BYTES: String(8 * 1024 * 1024) } });
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(PACIFIC.id, { lines: HIGH_VALUE_LINES }) }, PACIFIC.contactEmail);
  expect(filed.errors).toBeUndefined();
  entrySummaryId = filed.data!.fileEntrySummary.id;
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

interface Declared {
  subject?: { type: string; id: string };
  contentType?: string;
  fileName?: string;
  size?: number;
  sha256?: string;
}

async function requestUpload(bytes: Buffer, as: string, declared: Declared = {}) {
  const input = {
    subject: declared.subject ?? { type: 'ENTRY_SUMMARY', id: entrySummaryId },
    kind: 'COMMERCIAL_INVOICE',
    fileName: declared.fileName ?? 'invoice-4471.pdf',
    contentType: declared.contentType ?? 'application/pdf',
    size: declared.size ?? bytes.length,
    sha256: declared.sha256 ?? sha256(bytes),
  };
  return system.query(REQUEST, { input }, as);
}

async function put(url: string, bytes: Buffer, as: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes), headers: { authorization: `Bearer ${await system.tokenFor(as)}`, 'content-type': 'application/octet-stream' } });
  return { status: response.status, body: await response.json() };
}

async function upload(bytes: Buffer, as: string, declared: Declared = {}) {
  const requested = await requestUpload(bytes, as, declared);
  expect(requested.errors).toBeUndefined();
  const slot = requested.data!.requestDocumentUpload;
  return { slot, answer: await put(slot.uploadUrl, bytes, as) };
}

async function storedBytesOf(uploadId: string): Promise<number> {
  const [row] = await system.sql<{ chunks: string }>(`SELECT count(*) AS chunks FROM documents.blob_chunk WHERE storage_key = $1`, [uploadId]);
  return Number(row!.chunks);
}

it('takes a PDF of several MiB from the importer and gives the Center the same bytes', async () => {
  const pdf = pdfOf(5);
  const { slot, answer } = await upload(pdf, PACIFIC.contactEmail);
  expect(slot.method).toBe('PUT');
  expect(slot.uploadUrl).toMatch(new RegExp(`^${new URL(system.gatewayUrl).origin}/documents/uploads/[\\w-]{43}$`));
  expect(answer.status).toBe(201);
  expect(answer.body.document).toMatchObject({ kind: 'COMMERCIAL_INVOICE', size: pdf.length, sha256: sha256(pdf), contentType: 'application/pdf' });

  const seen = await system.query(DOCUMENTS, { id: entrySummaryId }, IMPORT_SPECIALIST);
  expect(seen.errors).toBeUndefined();
  const document = seen.data!.filing.documents.find((d: any) => d.id === answer.body.document.id);
  expect(document).toMatchObject({ fileName: 'invoice-4471.pdf', uploadedBy: PACIFIC.contactEmail });
  const download = await fetch(document.downloadUrl);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(download.headers.get('content-disposition')).toContain('invoice-4471.pdf');
  expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(pdf));
});

it('refuses a renamed executable, a wrong hash and a wrong size, and keeps none of their bytes', async () => {
  const renamed = await upload(EXECUTABLE, PACIFIC.contactEmail, { fileName: 'invoice.pdf' });
  expect(renamed.answer.status).toBe(415);
  expect(renamed.answer.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'CONTENT_TYPE_MISMATCH' });
  expect(await storedBytesOf(renamed.slot.id)).toBe(0);

  const pdf = pdfOf(2);
  const wrongHash = await upload(pdf, PACIFIC.contactEmail, { sha256: sha256(Buffer.from('another file')) });
  expect(wrongHash.answer.status).toBe(400);
  expect(wrongHash.answer.body.errors[0].extensions.reason).toBe('SHA256_MISMATCH');
  expect(await storedBytesOf(wrongHash.slot.id)).toBe(0);

  const longer = await upload(pdf, PACIFIC.contactEmail, { size: pdf.length - 1 });
  expect(longer.answer.body.errors[0].extensions.reason).toBe('SIZE_MISMATCH');
  expect(await storedBytesOf(longer.slot.id)).toBe(0);

  const listed = await system.query(DOCUMENTS, { id: entrySummaryId }, ADMIN);
  const ids = listed.data!.filing.documents.map((d: any) => d.id);
  for (const refused of [renamed, wrongHash, longer]) expect(refused.answer.body.document).toBeUndefined();
  expect(ids).toHaveLength(1);
});

it('refuses an oversize declaration, a format it does not take and a bad hash up front', async () => {
  const oversize = await requestUpload(Buffer.alloc(0), PACIFIC.contactEmail, { size: 9 * 1024 * 1024, sha256: 'a'.repeat(64) });
  expect(oversize.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  expect(oversize.errors![0]!.message).toMatch(/at most 8388608 bytes/);
  const program = await requestUpload(EXECUTABLE, PACIFIC.contactEmail, { contentType: 'application/x-msdownload', fileName: 'setup.exe' });
  expect(program.errors![0]!.extensions!.field).toBe('contentType');
  const badHash = await requestUpload(EXECUTABLE, PACIFIC.contactEmail, { sha256: 'not-a-hash' });
  expect(badHash.errors![0]!.extensions!.field).toBe('sha256');
  const [{ uploads }] = await system.sql<{ uploads: string }>(`SELECT count(*) AS uploads FROM documents.upload WHERE size_bytes = $1`, [9 * 1024 * 1024]);
  expect(Number(uploads)).toBe(0);
});

it('takes an upload URL once, before it expires, from the person who asked for it', async () => {
  const pdf = pdfOf(1);
  const used = await upload(pdf, PACIFIC.contactEmail);
  expect(used.answer.status).toBe(201);
  const again = await put(used.slot.uploadUrl, pdf, PACIFIC.contactEmail);
  expect(again.status).toBe(409);
  expect(again.body.errors[0].extensions).toEqual({ code: 'CONFLICT', reason: 'ALREADY_USED' });

  const expiring = (await requestUpload(pdf, PACIFIC.contactEmail)).data!.requestDocumentUpload;
  await system.sql(`UPDATE documents.upload SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
  const expired = await put(expiring.uploadUrl, pdf, PACIFIC.contactEmail);
  expect(expired.status).toBe(410);
  expect(expired.body.errors[0].extensions.reason).toBe('EXPIRED');
  expect(await storedBytesOf(expiring.id)).toBe(0);

  const someoneElses = (await requestUpload(pdf, PACIFIC.contactEmail)).data!.requestDocumentUpload;
  const byAnother = await put(someoneElses.uploadUrl, pdf, HARBORVIEW.contactEmail);
  expect(byAnother.status).toBe(404);
  const anonymous = await fetch(someoneElses.uploadUrl, { method: 'PUT', body: new Uint8Array(pdf) });
  expect(anonymous.status).toBe(401);
});

it("answers another tenant's documents and subjects as unknown", async () => {
  const pdf = pdfOf(1);
  const { answer } = await upload(pdf, PACIFIC.contactEmail, { fileName: 'packing-list.pdf' });
  const documentId = answer.body.document.id;

  for (const stranger of [HARBORVIEW.contactEmail, PHARMA_SPECIALIST]) {
    const direct = await system.query(`query($id: ID!) { document(id: $id) { id } }`, { id: documentId }, stranger);
    expect(direct.data!.document).toBeNull();
    const removal = await system.query(`mutation($id: ID!) { deleteDocument(id: $id) { id } }`, { id: documentId }, stranger);
    expect(removal.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const attach = await requestUpload(pdf, stranger);
    expect(attach.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  }
  const publicView = await system.query(`query($id: ID!) { document(id: $id) { id } }`, { id: documentId });
  expect(publicView.data!.document).toBeNull();

  // A link made for the Center's specialist, altered, opens nothing.
  const seen = await system.query(`query($id: ID!) { document(id: $id) { downloadUrl } }`, { id: documentId }, IMPORT_SPECIALIST);
  const link: string = seen.data!.document.downloadUrl;
  expect((await fetch(`${link.slice(0, -2)}xx`)).status).toBe(404);
});

it('removes a document softly, keeping its history', async () => {
  const { answer } = await upload(pdfOf(1), PACIFIC.contactEmail, { fileName: 'draft.pdf' });
  const documentId = answer.body.document.id;
  const removed = await system.query(`mutation($id: ID!) { deleteDocument(id: $id) { id fileName } }`, { id: documentId }, PACIFIC.contactEmail);
  expect(removed.errors).toBeUndefined();
  const listed = await system.query(DOCUMENTS, { id: entrySummaryId }, PACIFIC.contactEmail);
  expect(listed.data!.filing.documents.map((d: any) => d.id)).not.toContain(documentId);
  const history = await system.sql<{ type: string }>(`SELECT type FROM documents.document_event WHERE document_id = $1 ORDER BY id`, [documentId]);
  expect(history.map((event) => event.type)).toEqual(['UPLOADED', 'DELETED']);
});

it('keeps the paperwork of a decided case', async () => {
  // A low-value summary is accepted on its own.
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(PACIFIC.id) }, PACIFIC.contactEmail);
  const acceptedId = filed.data!.fileEntrySummary.id;
  await waitForFiling(system, acceptedId, ADMIN, (filing) => filing.status === 'ACCEPTED' || filing.status === 'LIQUIDATED');
  const { answer } = await upload(pdfOf(1), PACIFIC.contactEmail, { subject: { type: 'ENTRY_SUMMARY', id: acceptedId } });
  const removal = await system.query(`mutation($id: ID!) { deleteDocument(id: $id) { id } }`, { id: answer.body.document.id }, PACIFIC.contactEmail);
  expect(removal.errors![0]!.extensions!.code).toBe('CONFLICT');
  expect(removal.errors![0]!.message).toMatch(/decided case/);
});

it("shows the trade CBP's uploads as the agency's", async () => {
  const pdf = pdfOf(1);
  const { answer } = await upload(pdf, IMPORT_SPECIALIST, { fileName: 'cf28-request-attachment.pdf' });
  expect(answer.status).toBe(201);
  const asImporter = await system.query(DOCUMENTS, { id: entrySummaryId }, PACIFIC.contactEmail);
  const byCbp = asImporter.data!.filing.documents.find((d: any) => d.id === answer.body.document.id);
  expect(byCbp.uploadedBy).toBe('U.S. Customs and Border Protection');
  expect(JSON.stringify(asImporter.data)).not.toContain('@cbp.example');
});

it("attaches the paperwork of a volunteer's application, for the Center reviewing it", async () => {
  const volunteered = await system.query(
    `mutation($notice: ID!, $center: ID!) { volunteerForCenter(noticeId: $notice, centerId: $center) { id } }`,
    { notice: 'CEE-HUB-DEMO-2026', center: 'MACHINERY' },
    RIO_GRANDE.contactEmail,
  );
  expect(volunteered.errors).toBeUndefined();
  const onboardingId = volunteered.data!.volunteerForCenter.id;
  const pdf = pdfOf(1);
  const attached = await upload(pdf, RIO_GRANDE.contactEmail, { subject: { type: 'ONBOARDING', id: onboardingId }, fileName: 'power-of-attorney.pdf' });
  expect(attached.answer.status).toBe(201);
  const APPLICATION_DOCUMENTS = `query($id: ID!) { onboarding(importerId: $id) { documents { fileName } } }`;
  const listed = await system.query(APPLICATION_DOCUMENTS, { id: RIO_GRANDE.id }, ADMIN);
  expect(listed.data!.onboarding.documents.map((d: any) => d.fileName)).toEqual(['power-of-attorney.pdf']);
  const byAnotherImporter = await requestUpload(pdf, PACIFIC.contactEmail, { subject: { type: 'ONBOARDING', id: onboardingId } });
  expect(byAnotherImporter.errors![0]!.extensions!.code).toBe('NOT_FOUND');
});

const ENTRY_SPECIALIST = 'entry-specialist.electronics@cbp.example';
const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { id } }`;

async function reviewOf(id: string, as: string) {
  const { data } = await system.query(`query($id: ID!) { filing(id: $id) { review { step version } } }`, { id }, as);
  return data!.filing.review as { step: string; version: number } | null;
}

async function decide(id: string, as: string, action: string, extra: Record<string, unknown> = {}) {
  const review = await eventually(`a review of ${id}`, () => reviewOf(id, as), (found) => found !== null);
  return system.query(DECIDE, { input: { entrySummaryId: id, action, expectedVersion: review!.version, ...extra } }, as);
}

it("carries documents with a CF-28 request and the importer's answer, and keeps them in the record", async () => {
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(PACIFIC.id, { lines: HIGH_VALUE_LINES }) }, PACIFIC.contactEmail);
  const id = filed.data!.fileEntrySummary.id;
  const subject = { type: 'ENTRY_SUMMARY', id };
  await eventually('the entry review', () => reviewOf(id, ENTRY_SPECIALIST), (review) => review?.step === 'ENTRY_REVIEW');
  expect((await decide(id, ENTRY_SPECIALIST, 'CLAIM')).errors).toBeUndefined();
  expect((await decide(id, ENTRY_SPECIALIST, 'REFER_TO_IMPORT_SPECIALIST')).errors).toBeUndefined();
  expect((await decide(id, IMPORT_SPECIALIST, 'CLAIM')).errors).toBeUndefined();

  // The Center's request comes with a form of its own; a document of another entry is refused by name.
  const form = (await upload(pdfOf(1), IMPORT_SPECIALIST, { subject, fileName: 'cf28-form.pdf' })).answer.body.document;
  const elsewhere = (await upload(pdfOf(1), PACIFIC.contactEmail)).answer.body.document;
  const wrong = await decide(id, IMPORT_SPECIALIST, 'REQUEST_INFORMATION', { note: 'Send the commercial invoice', documentIds: [elsewhere.id] });
  expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documentIds' });
  expect((await reviewOf(id, IMPORT_SPECIALIST))!.step).toBe('IMPORT_REVIEW');
  expect((await decide(id, IMPORT_SPECIALIST, 'REQUEST_INFORMATION', { note: 'Send the commercial invoice', documentIds: [form.id] })).errors).toBeUndefined();

  // The importer answers with the invoice it uploads.
  await eventually('the CF-28 to reach the importer', () => reviewOf(id, PACIFIC.contactEmail), (review) => review?.step === 'AWAITING_INFORMATION');
  const invoice = pdfOf(2);
  const uploaded = (await upload(invoice, PACIFIC.contactEmail, { subject, fileName: 'commercial-invoice.pdf' })).answer.body.document;
  const ANSWER = `mutation($id: ID!, $answer: String!, $documents: [ID!]) { answerRequestForInformation(entrySummaryId: $id, answer: $answer, documentIds: $documents) { id } }`;
  const answered = await system.query(ANSWER, { id, answer: 'The invoice is attached', documents: [uploaded.id] }, PACIFIC.contactEmail);
  expect(answered.errors).toBeUndefined();

  // The import specialist finds both on the events and downloads the same bytes.
  const EVENTS = `query($id: ID!) { filing(id: $id) { events { type documents { id fileName downloadUrl } } } }`;
  const seen = await eventually('the answer in the history', () => system.query(EVENTS, { id }, IMPORT_SPECIALIST), ({ data }) => data?.filing.events.some((e: any) => e.type === 'CF28_ANSWERED'));
  const events: Array<{ type: string; documents: Array<{ id: string; fileName: string; downloadUrl: string }> }> = seen.data!.filing.events;
  expect(events.find((e) => e.type === 'CF28_ISSUED')!.documents.map((d) => d.fileName)).toEqual(['cf28-form.pdf']);
  const answer = events.find((e) => e.type === 'CF28_ANSWERED')!;
  expect(answer.documents.map((d) => d.fileName)).toEqual(['commercial-invoice.pdf']);
  const download = await fetch(answer.documents[0]!.downloadUrl);
  expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(invoice));

  // The importer sees the request's form too, and cannot take back what it sent.
  const asImporter = await system.query(EVENTS, { id }, PACIFIC.contactEmail);
  expect(asImporter.data!.filing.events.find((e: any) => e.type === 'CF28_ISSUED').documents.map((d: any) => d.fileName)).toEqual(['cf28-form.pdf']);
  const removal = await system.query(`mutation($id: ID!) { deleteDocument(id: $id) { id } }`, { id: uploaded.id }, PACIFIC.contactEmail);
  expect(removal.errors![0]!.extensions!.code).toBe('CONFLICT');
  expect(removal.errors![0]!.message).toMatch(/came with a step of the review/);
});
