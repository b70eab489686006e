import { createHash, randomBytes } from 'node:crypto';
import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import {
  ADMIN_EMAIL as ADMIN,
  ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST,
  ELECTRONICS_IMPORT_SPECIALIST_EMAIL as IMPORT_SPECIALIST,
  ELECTRONICS_SUPERVISOR_EMAIL as SUPERVISOR,
  PHARMA_ENTRY_SPECIALIST_EMAIL as PHARMA_SPECIALIST,
} from '@cee-hub/db/seeded-users';
import { entrySummaryInput, startSystem, type System, waitForFiling } from '@cee-hub/launcher/testing';
import { Client } from 'pg';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const HARBORVIEW = importerRows.find((row) => row.name === 'Harborview Pharma Inc.')!;
const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];

const POST = `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { id from author authorRole internal text postedAt documents { id fileName uploadedBy } } }`;
const THREAD = `query($id: ID!) { filing(id: $id) { caseThread {
  unreadCount lastMessageAt waitingFor waitingSince
  messages(first: 50) { nodes { id from author authorRole internal text documents { id fileName } } pageInfo { hasNextPage endCursor } }
} } }`;
const MARK_READ = `mutation($subject: DocumentSubjectInput!, $upTo: ID) { markCaseRead(subject: $subject, upTo: $upTo) { unreadCount } }`;
const STAFF_INBOX = `query($first: Int, $after: String) { staffInbox(first: $first, after: $after) { nodes { subject { type id } waitingFor unreadCount entrySummary { entryNumber } } pageInfo { hasNextPage endCursor } } }`;
const IMPORTER_INBOX = `{ importerInbox(first: 100) { totalCount items { reason subject { type id } since dueAt entrySummary { entryNumber } caseThread { unreadCount } } } }`;
const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { review { step version } } }`;

let system: System;
let entrySummaryId: string;
const subjectOf = (id: string) => ({ type: 'ENTRY_SUMMARY', id });

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s' } });
  entrySummaryId = await file(HIGH_VALUE_LINES);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function file(lines?: unknown[]): Promise<string> {
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(PACIFIC.id, lines ? { lines } : {}) }, PACIFIC.contactEmail);
  expect(filed.errors).toBeUndefined();
  return filed.data!.fileEntrySummary.id;
}

async function post(as: string, input: { subject?: { type: string; id: string }; text: string; documentIds?: string[]; internal?: boolean }) {
  return system.query(POST, { input: { subject: subjectOf(entrySummaryId), ...input } }, as);
}

async function thread(as: string, id = entrySummaryId) {
  const { data, errors } = await system.query(THREAD, { id }, as);
  expect(errors).toBeUndefined();
  return data!.filing.caseThread;
}

async function uploadPdf(as: string, subjectId: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024), Buffer.from('\n%%EOF\n')]);
  const requested = await system.query(`mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadUrl } }`, {
    input: { subject: subjectOf(subjectId), kind: 'COMMERCIAL_INVOICE', fileName: 'invoice-4471.pdf', contentType: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
  }, as);
  expect(requested.errors).toBeUndefined();
  const response = await fetch(requested.data!.requestDocumentUpload.uploadUrl, { method: 'PUT', body: bytes, headers: { authorization: `Bearer ${await system.tokenFor(as)}` } });
  expect(response.status).toBe(201);
  return ((await response.json()) as any).document.id;
}

async function messageCount(): Promise<number> {
  const [row] = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM documents.case_message`);
  return Number(row!.n);
}

it('carries messages with documents between the importer and the Center, announced in commit order', async () => {
  const listener = new Client({ connectionString: system.databaseUrl });
  await listener.connect();
  const announced: string[] = [];
  listener.on('notification', (notification) => announced.push((JSON.parse(notification.payload!) as { eventId: string }).eventId));
  await listener.query('LISTEN case_message');
  try {
    const invoiceId = await uploadPdf(PACIFIC.contactEmail, entrySummaryId);
    const asked = await post(PACIFIC.contactEmail, { text: 'The commercial invoice is attached; the value includes the assist.', documentIds: [invoiceId] });
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.postCaseMessage).toMatchObject({ from: 'TRADE', author: PACIFIC.contactEmail, authorRole: 'IMPORTER', internal: false, documents: [{ id: invoiceId, fileName: 'invoice-4471.pdf' }] });

    const asStaff = await thread(ENTRY_SPECIALIST);
    expect(asStaff).toMatchObject({ unreadCount: 1, waitingFor: 'CENTER' });
    expect(asStaff.messages.nodes[0].documents[0].id).toBe(invoiceId);
    const inbox = await system.query(STAFF_INBOX, { first: 100 }, ENTRY_SPECIALIST);
    expect(inbox.data!.staffInbox.nodes.map((node: any) => node.subject.id)).toContain(entrySummaryId);
    // Another Center's staff do not have it.
    const otherInbox = await system.query(STAFF_INBOX, { first: 100 }, PHARMA_SPECIALIST);
    expect(otherInbox.data!.staffInbox.nodes.map((node: any) => node.subject.id)).not.toContain(entrySummaryId);

    const answered = await post(ENTRY_SPECIALIST, { text: 'Thank you; please also send the packing list.' });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.postCaseMessage.author).toBe(ENTRY_SPECIALIST);

    const asImporter = await thread(PACIFIC.contactEmail);
    expect(asImporter).toMatchObject({ unreadCount: 1, waitingFor: 'TRADE' });
    expect(asImporter.messages.nodes.map((m: any) => [m.from, m.author, m.authorRole])).toEqual([
      ['TRADE', PACIFIC.contactEmail, 'IMPORTER'],
      ['CENTER', 'U.S. Customs and Border Protection', 'CBP'],
    ]);
    const afterAnswer = await system.query(STAFF_INBOX, { first: 100 }, ENTRY_SPECIALIST);
    expect(afterAnswer.data!.staffInbox.nodes.map((node: any) => node.subject.id)).not.toContain(entrySummaryId);

    const ids = [asked.data!.postCaseMessage.id, answered.data!.postCaseMessage.id];
    expect(BigInt(ids[1])).toBeGreaterThan(BigInt(ids[0]));
    await eventually('both messages announced', async () => announced, (seen) => seen.length >= 2);
    expect(announced).toEqual(ids);
  } finally {
    await listener.end();
  }
});

it('keeps internal notes from the trade: not in its thread, counts or inbox', async () => {
  const before = await thread(PACIFIC.contactEmail);
  const inboxBefore = (await system.query(IMPORTER_INBOX, undefined, PACIFIC.contactEmail)).data!.importerInbox;
  const note = await post(ENTRY_SPECIALIST, { text: 'Internal: value looks low against the 2025 invoices; check with the import specialist.', internal: true });
  expect(note.errors).toBeUndefined();
  expect(note.data!.postCaseMessage.internal).toBe(true);

  const after = await thread(PACIFIC.contactEmail);
  expect(after.messages.nodes).toEqual(before.messages.nodes);
  expect(after.unreadCount).toBe(before.unreadCount);
  expect(after.lastMessageAt).toBe(before.lastMessageAt);
  expect(JSON.stringify(after)).not.toMatch(/Internal: value|@cbp\.example/);
  const inboxAfter = (await system.query(IMPORTER_INBOX, undefined, PACIFIC.contactEmail)).data!.importerInbox;
  expect(inboxAfter).toEqual(inboxBefore);

  // CBP's other people see it, and count it as unread for each of them.
  const asSupervisor = await thread(SUPERVISOR);
  expect(asSupervisor.messages.nodes.at(-1)).toMatchObject({ internal: true, author: ENTRY_SPECIALIST });
  expect(asSupervisor.unreadCount).toBe(3);
  // Writing it left the author's own count alone.
  expect((await thread(ENTRY_SPECIALIST)).unreadCount).toBe(0);

  const refused = await post(PACIFIC.contactEmail, { text: 'Let me write a secret note', internal: true });
  expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
});

it('keeps read marks per person', async () => {
  expect((await thread(PACIFIC.contactEmail)).unreadCount).toBe(1);
  const marked = await system.query(MARK_READ, { subject: subjectOf(entrySummaryId) }, PACIFIC.contactEmail);
  expect(marked.errors).toBeUndefined();
  expect(marked.data!.markCaseRead.unreadCount).toBe(0);

  const supervisorThread = await thread(SUPERVISOR);
  const firstId = supervisorThread.messages.nodes[0].id;
  const partly = await system.query(MARK_READ, { subject: subjectOf(entrySummaryId), upTo: firstId }, SUPERVISOR);
  expect(partly.data!.markCaseRead.unreadCount).toBe(2);
  // A colleague's mark is not the supervisor's.
  expect((await thread(IMPORT_SPECIALIST)).unreadCount).toBe(3);
  // A mark names a message of this case.
  const other = await file();
  const wrong = await system.query(MARK_READ, { subject: subjectOf(other), upTo: firstId }, SUPERVISOR);
  expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'upTo' });
});

it('lists what waits for the importer, CF-28 due dates and unanswered messages included', async () => {
  const cf28Id = await file(HIGH_VALUE_LINES);
  await waitForFiling(system, cf28Id, ADMIN, (filing) => filing.review?.step === 'ENTRY_REVIEW');
  for (const [as, action, note] of [
    [ENTRY_SPECIALIST, 'CLAIM'],
    [ENTRY_SPECIALIST, 'REFER_TO_IMPORT_SPECIALIST', 'Valuation question'],
    [IMPORT_SPECIALIST, 'CLAIM'],
    [IMPORT_SPECIALIST, 'REQUEST_INFORMATION', 'Send the commercial invoice'],
  ] as const) {
    const { review } = await waitForFiling(system, cf28Id, ADMIN, (filing) => filing.review != null);
    const decided = await system.query(DECIDE, { input: { entrySummaryId: cf28Id, action, expectedVersion: review.version, note } }, as);
    expect(decided.errors).toBeUndefined();
  }
  const { data } = await eventually('the CF-28 in the inbox', () => system.query(IMPORTER_INBOX, undefined, PACIFIC.contactEmail), ({ data }) =>
    data?.importerInbox.items.some((item: any) => item.subject.id === cf28Id),
  );
  const inbox = data!.importerInbox;
  const cf28 = inbox.items.find((item: any) => item.subject.id === cf28Id);
  expect(cf28.reason).toBe('CF28_REQUEST');
  expect(new Date(cf28.dueAt).getTime()).toBeGreaterThan(Date.now() + 25 * 24 * 3600_000);
  expect(cf28.entrySummary.entryNumber).toMatch(/^E2E-/);
  const unanswered = inbox.items.find((item: any) => item.subject.id === entrySummaryId);
  expect(unanswered).toMatchObject({ reason: 'UNANSWERED_MESSAGE', dueAt: null });
  expect(inbox.totalCount).toBe(inbox.items.length);
  // Due dates first.
  expect(inbox.items.findIndex((item: any) => item === cf28)).toBeLessThan(inbox.items.indexOf(unanswered));

  // Another importer's is not there; staff have their own inbox; admins name the importer.
  expect((await system.query(IMPORTER_INBOX, undefined, HARBORVIEW.contactEmail)).data!.importerInbox.items).toEqual([]);
  expect((await system.query(IMPORTER_INBOX, undefined, ENTRY_SPECIALIST)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  const asAdmin = await system.query(`query($id: ID) { importerInbox(importerId: $id) { totalCount } }`, { id: PACIFIC.id }, ADMIN);
  expect(asAdmin.data!.importerInbox.totalCount).toBe(inbox.totalCount);
}, 120_000);

it('pages the staff inbox oldest waiting first', async () => {
  // High-value summaries wait for a specialist, so none is decided (and its case closed) meanwhile.
  const others = [await file(HIGH_VALUE_LINES), await file(HIGH_VALUE_LINES), await file(HIGH_VALUE_LINES)];
  for (const id of others) expect((await post(PACIFIC.contactEmail, { subject: subjectOf(id), text: `About ${id}` })).errors).toBeUndefined();
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: any = (await system.query(STAFF_INBOX, { first: 1, after }, ENTRY_SPECIALIST)).data!.staffInbox;
    seen.push(...page.nodes.map((node: any) => node.subject.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  expect(seen.filter((id) => others.includes(id))).toEqual(others);
  expect(new Set(seen).size).toBe(seen.length);
  const bad = await system.query(STAFF_INBOX, { first: 1, after: 'not-a-cursor' }, ENTRY_SPECIALIST);
  expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  expect((await system.query(STAFF_INBOX, {}, PACIFIC.contactEmail)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
});

it('refuses empty, too long, foreign and closed-case messages, changing nothing', async () => {
  const count = await messageCount();
  const empty = await post(PACIFIC.contactEmail, { text: '  \n ' });
  expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  const long = await post(PACIFIC.contactEmail, { text: 'x'.repeat(8001) });
  expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  expect(long.errors![0]!.message).toMatch(/at most 8000/);

  for (const stranger of [HARBORVIEW.contactEmail, PHARMA_SPECIALIST]) {
    const foreign = await post(stranger, { text: 'Hello?' });
    expect(foreign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const read = await system.query(MARK_READ, { subject: subjectOf(entrySummaryId) }, stranger);
    expect(read.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await system.query(THREAD, { id: entrySummaryId }, stranger)).data?.filing?.caseThread ?? null).toBeNull();
  }
  const anonymous = await system.query(POST, { input: { subject: subjectOf(entrySummaryId), text: 'anyone?' } });
  expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

  // A document of another entry summary is not this case's to attach.
  const otherId = await file();
  const othersDocument = await uploadPdf(PACIFIC.contactEmail, otherId);
  const wrongThread = await post(PACIFIC.contactEmail, { text: 'See the invoice', documentIds: [othersDocument] });
  expect(wrongThread.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documentIds[0]' });

  // A low-value summary is accepted and liquidated on its own: its case is closed.
  const closedId = await file();
  await waitForFiling(system, closedId, ADMIN, (filing) => filing.status === 'LIQUIDATED');
  const closed = await post(PACIFIC.contactEmail, { subject: subjectOf(closedId), text: 'One more question' });
  expect(closed.errors![0]!.extensions!.code).toBe('CONFLICT');
  expect(closed.errors![0]!.message).toMatch(/closed/);

  expect(await messageCount()).toBe(count);
  const [{ links }] = await system.sql<{ links: string }>(`SELECT count(*) AS links FROM documents.case_message_document WHERE document_id = $1`, [othersDocument]);
  expect(Number(links)).toBe(0);
}, 120_000);

const MESSAGE_ADDED = `subscription($filter: CaseMessageFilter, $since: ID) {
  caseMessageAdded(filter: $filter, since: $since) { id from author internal text subject { id } }
}`;

async function latestMessageId(): Promise<string> {
  const [row] = await system.sql<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM documents.case_message');
  return row!.id;
}

it("delivers a thread's messages live through the gateway; internal notes reach CBP only, and another importer nothing", async () => {
  const id = await file(HIGH_VALUE_LINES);
  const since = await latestMessageId();
  const filter = { subject: subjectOf(id) };
  const importer = await (await system.connect(PACIFIC.contactEmail)).subscribe(MESSAGE_ADDED, { filter, since });
  const staff = await (await system.connect(IMPORT_SPECIALIST)).subscribe(MESSAGE_ADDED, { since });
  const stranger = await (await system.connect(HARBORVIEW.contactEmail)).subscribe(MESSAGE_ADDED, { since });

  expect((await post(PACIFIC.contactEmail, { subject: subjectOf(id), text: 'Which invoice do you need?' })).errors).toBeUndefined();
  expect((await post(IMPORT_SPECIALIST, { subject: subjectOf(id), text: 'Check the valuation first', internal: true })).errors).toBeUndefined();
  expect((await post(IMPORT_SPECIALIST, { subject: subjectOf(id), text: 'The one for line 1, please' })).errors).toBeUndefined();

  await eventually('the three messages to reach the staff', () => ({ events: staff.events.filter((event) => event.subject.id === id).length, errors: staff.errors }), ({ events }) => events === 3);
  await eventually("the Center's answer to reach the importer", () => importer.events.map((event) => event.text), (texts) => texts.includes('The one for line 1, please'));
  expect(staff.events.filter((event) => event.subject.id === id).map((event) => event.internal)).toEqual([false, true, false]);
  expect(importer.events.map((event) => event.text)).toEqual(['Which invoice do you need?', 'The one for line 1, please']);
  expect(importer.events[1]).toMatchObject({ from: 'CENTER', author: 'U.S. Customs and Border Protection' });
  expect(stranger.events.filter((event) => event.subject.id === id)).toEqual([]);

  // Another importer's thread cannot be followed at all.
  const refused = await (await system.connect(HARBORVIEW.contactEmail)).subscribe(MESSAGE_ADDED, { filter });
  await refused.closed;
  expect(refused.errors[0]?.extensions?.code).toBe('NOT_FOUND');
});
