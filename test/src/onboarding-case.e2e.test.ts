import { createHash, randomBytes } from 'node:crypto';
import { importerRows } from '@cee-hub/db';
import { ADMIN_EMAIL as ADMIN, MACHINERY_ACCOUNT_MANAGER_EMAIL as MACHINERY_ACCOUNT_MANAGER } from '@cee-hub/db/seeded-users';
import { startSystem, type System, waitForOnboarding } from '@cee-hub/launcher/testing';

const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const NOTICE = 'CEE-HUB-DEMO-2026';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfOf = (kibibytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(kibibytes * 1024), Buffer.from('\n%%EOF\n')]);

const REQUEST = `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadUrl } }`;
const ANSWER = `mutation($answer: String!, $documentIds: [ID!]) { answerOnboardingQuestion(answer: $answer, documentIds: $documentIds) { state answer } }`;
const APPLICATION = `query($id: ID!) { onboardingApplication(id: $id) {
  id state answer documents { id fileName }
  events { type note documents { id fileName sha256 downloadUrl } }
} }`;

let system: System;
/** Rio Grande's application, asked a question by the Machinery Center. */
let onboardingId: string;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
  const volunteered = await system.query(`mutation { volunteerForCenter(noticeId: "${NOTICE}", centerId: "MACHINERY") { id } }`, undefined, RIO_GRANDE.contactEmail);
  expect(volunteered.errors).toBeUndefined();
  onboardingId = volunteered.data!.volunteerForCenter.id;
  await waitForOnboarding(system, RIO_GRANDE.contactEmail, ['AWAITING_REVIEW']);
  const asked = await system.query(
    `mutation($importer: ID!) { decideOnboarding(importerId: $importer, input: { decision: ASK_FOR_INFORMATION, question: "Send your C-TPAT certificate, please" }) { state } }`,
    { importer: RIO_GRANDE.id },
    MACHINERY_ACCOUNT_MANAGER,
  );
  expect(asked.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** Uploads `bytes` to a case as `as`; answers the stored document. */
async function upload(subject: { type: string; id: string }, bytes: Buffer, fileName: string, as: string): Promise<{ id: string }> {
  const input = { subject, kind: 'CERTIFICATE_OF_ORIGIN', fileName, contentType: 'application/pdf', size: bytes.length, sha256: sha256(bytes) };
  const requested = await system.query(REQUEST, { input }, as);
  expect(requested.errors).toBeUndefined();
  const response = await fetch(requested.data!.requestDocumentUpload.uploadUrl, {
    method: 'PUT',
    body: new Uint8Array(bytes),
    headers: { authorization: `Bearer ${await system.tokenFor(as)}` },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document;
}

it('refuses an answer naming a document of another case, and changes nothing', async () => {
  const [pacificFiling] = (await system.query('{ filings(first: 1) { nodes { id } } }', undefined, PACIFIC.contactEmail)).data!.filings.nodes;
  const foreign = await upload({ type: 'ENTRY_SUMMARY', id: pacificFiling.id }, pdfOf(16), 'pacific-invoice.pdf', PACIFIC.contactEmail);
  const unknown = '00000000-0000-4000-8000-000000000000';

  const refused = await system.query(ANSWER, { answer: 'Attached', documentIds: [foreign.id, unknown, 'not-an-id'] }, RIO_GRANDE.contactEmail);
  expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documentIds' });
  const problems = refused.errors![0]!.extensions!.problems as Array<{ message: string }>;
  expect(problems.map((problem) => problem.message)).toEqual([foreign.id, unknown, 'not-an-id'].map((id) => `'${id}' is not a document of this application: upload it to the application first (requestDocumentUpload), then name it here`));

  const application = await system.query(APPLICATION, { id: onboardingId }, RIO_GRANDE.contactEmail);
  expect(application.data!.onboardingApplication).toMatchObject({ state: 'AWAITING_IMPORTER', answer: null });
  expect(application.data!.onboardingApplication.events.map((event: { type: string }) => event.type)).not.toContain('INFORMATION_PROVIDED');
  // Another importer's application is nobody's to it.
  expect((await system.query(APPLICATION, { id: onboardingId }, PACIFIC.contactEmail)).data!.onboardingApplication).toBeNull();
});

it("takes an answer with a document of the application, which the account manager downloads and nobody may remove", async () => {
  const certificate = pdfOf(512);
  const document = await upload({ type: 'ONBOARDING', id: onboardingId }, certificate, 'ctpat-certificate.pdf', RIO_GRANDE.contactEmail);

  const answered = await system.query(ANSWER, { answer: 'Our certificate is attached', documentIds: [document.id] }, RIO_GRANDE.contactEmail);
  expect(answered.errors).toBeUndefined();
  expect(answered.data!.answerOnboardingQuestion).toEqual({ state: 'AWAITING_REVIEW', answer: 'Our certificate is attached' });

  const seen = await system.query(APPLICATION, { id: onboardingId }, MACHINERY_ACCOUNT_MANAGER);
  expect(seen.errors).toBeUndefined();
  const { documents, events } = seen.data!.onboardingApplication;
  expect(documents).toEqual([{ id: document.id, fileName: 'ctpat-certificate.pdf' }]);
  const answerEvent = events.find((event: { type: string }) => event.type === 'INFORMATION_PROVIDED');
  expect(answerEvent).toMatchObject({ note: 'Our certificate is attached', documents: [{ id: document.id, fileName: 'ctpat-certificate.pdf', sha256: sha256(certificate) }] });
  expect(events.filter((event: { documents: unknown[] }) => event.documents.length > 0)).toHaveLength(1);

  const download = await fetch(answerEvent.documents[0].downloadUrl);
  expect(download.status).toBe(200);
  expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(certificate));

  const REMOVE = `mutation($id: ID!) { deleteDocument(id: $id) { id } }`;
  for (const who of [RIO_GRANDE.contactEmail, MACHINERY_ACCOUNT_MANAGER, ADMIN]) {
    const removed = await system.query(REMOVE, { id: document.id }, who);
    expect(removed.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(removed.errors![0]!.message).toMatch(/came with the importer's answer/);
  }
  const [stored] = await system.sql<{ deletedAt: Date | null }>(`SELECT deleted_at AS "deletedAt" FROM documents.document WHERE id = $1`, [document.id]);
  expect(stored!.deletedAt).toBeNull();

  // A document the answer did not name may still be removed by its uploader while the application is open.
  const draft = await upload({ type: 'ONBOARDING', id: onboardingId }, pdfOf(8), 'draft.pdf', RIO_GRANDE.contactEmail);
  expect((await system.query(REMOVE, { id: draft.id }, RIO_GRANDE.contactEmail)).errors).toBeUndefined();
});
