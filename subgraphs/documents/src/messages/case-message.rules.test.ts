import type { Identity } from '@cee-hub/common';
import type { CaseMessageRow, DocumentRow } from '@cee-hub/db';
import { checkAttachments, checkMayWrite, checkMessageId, checkOpen, checkPostInput, messageFor, sideOf } from './case-message.rules';

const IMPORTER: Identity = { role: 'IMPORTER', subject: 'imp-1', importerId: 'imp-1', email: 'customs@pacific-circuit.example' };
const SPECIALIST: Identity = { role: 'ENTRY_SPECIALIST', subject: 'staff-1', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const SUBJECT = { type: 'ENTRY_SUMMARY' as const, id: '11111111-1111-4111-8111-111111111111' };
const DOCUMENT_ID = '22222222-2222-4222-8222-222222222222';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error: any) {
    return error.extensions;
  }
  return undefined;
};

const message = (overrides: Partial<CaseMessageRow>): CaseMessageRow => ({
  id: '7',
  subjectType: SUBJECT.type,
  subjectId: SUBJECT.id,
  author: 'staff-1',
  authorEmail: SPECIALIST.email!,
  authorRole: 'ENTRY_SPECIALIST',
  side: 'CENTER',
  internal: false,
  text: 'Please send the packing list',
  postedAt: new Date('2026-01-05T10:00:00Z'),
  ...overrides,
});

describe('checkPostInput', () => {
  it('keeps the trimmed text and each document once', () => {
    expect(checkPostInput({ subject: SUBJECT, text: '  Invoice attached \n', documentIds: [DOCUMENT_ID, DOCUMENT_ID], internal: false })).toEqual({ text: 'Invoice attached', documentIds: [DOCUMENT_ID] });
  });

  it('refuses empty and too long text, and ids that are no ids, all at once', () => {
    expect(codeOf(() => checkPostInput({ subject: SUBJECT, text: ' \t ', documentIds: ['nope'], internal: false }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'text', message: expect.stringMatching(/empty/) }, { field: 'documentIds[0]', message: expect.any(String) }],
    });
    expect(codeOf(() => checkPostInput({ subject: SUBJECT, text: 'x'.repeat(8001), documentIds: [], internal: false }))).toMatchObject({ field: 'text' });
    expect(codeOf(() => checkPostInput({ subject: SUBJECT, text: 'x'.repeat(8000), documentIds: [], internal: false }))).toBeUndefined();
    expect(codeOf(() => checkPostInput({ subject: SUBJECT, text: 'a\u0000b', documentIds: [], internal: false }))).toMatchObject({ field: 'text' });
  });

  it('refuses more than 20 documents', () => {
    const ids = Array.from({ length: 21 }, (_, i) => `22222222-2222-4222-8222-${String(i).padStart(12, '0')}`);
    expect(codeOf(() => checkPostInput({ subject: SUBJECT, text: 'many', documentIds: ids, internal: false }))).toMatchObject({ field: 'documentIds' });
  });
});

it('lets only CBP write internal notes', () => {
  expect(codeOf(() => checkMayWrite(IMPORTER, true))).toMatchObject({ code: 'FORBIDDEN' });
  expect(codeOf(() => checkMayWrite(IMPORTER, false))).toBeUndefined();
  expect(codeOf(() => checkMayWrite(SPECIALIST, true))).toBeUndefined();
  expect(sideOf(IMPORTER)).toBe('TRADE');
  expect(sideOf({ role: 'ADMIN', subject: 'a' })).toBe('CENTER');
});

it('refuses messages to a closed case', () => {
  const parties = { importerId: 'imp-1', centerId: 'ELECTRONICS', decided: true, closed: true };
  expect(codeOf(() => checkOpen(SUBJECT, parties))).toMatchObject({ code: 'CONFLICT' });
  expect(codeOf(() => checkOpen(SUBJECT, { ...parties, closed: false }))).toBeUndefined();
});

it('attaches only documents of the same case that were not removed', () => {
  const document = { id: DOCUMENT_ID, subjectType: SUBJECT.type, subjectId: SUBJECT.id, deletedAt: null } as DocumentRow;
  expect(codeOf(() => checkAttachments(SUBJECT, [DOCUMENT_ID], [document]))).toBeUndefined();
  expect(codeOf(() => checkAttachments(SUBJECT, [DOCUMENT_ID], [{ ...document, subjectId: '33333333-3333-4333-8333-333333333333' }]))).toMatchObject({ field: 'documentIds[0]' });
  expect(codeOf(() => checkAttachments(SUBJECT, [DOCUMENT_ID], [{ ...document, deletedAt: new Date() }]))).toMatchObject({ field: 'documentIds[0]' });
  expect(codeOf(() => checkAttachments(SUBJECT, [DOCUMENT_ID], []))).toMatchObject({ field: 'documentIds[0]' });
});

it('reads message ids as decimal bigints only', () => {
  expect(checkMessageId('42', 'upTo')).toBe('42');
  for (const bad of ['0', '-1', '1e3', 'abc', '1'.repeat(19)]) expect(codeOf(() => checkMessageId(bad, 'upTo'))).toMatchObject({ field: 'upTo' });
});

describe('messageFor', () => {
  it('shows CBP the message as kept', () => {
    expect(messageFor(SPECIALIST, message({ internal: true }))).toMatchObject({ author: SPECIALIST.email, authorRole: 'ENTRY_SPECIALIST', internal: true });
  });

  it('never shows the trade an internal note, and shows CBP as the agency', () => {
    expect(messageFor(IMPORTER, message({ internal: true }))).toBeNull();
    expect(messageFor(IMPORTER, message({}))).toMatchObject({ author: 'U.S. Customs and Border Protection', authorRole: 'CBP', from: 'CENTER' });
    const own = message({ side: 'TRADE', author: 'imp-1', authorEmail: IMPORTER.email!, authorRole: 'IMPORTER' });
    expect(messageFor(IMPORTER, own)).toMatchObject({ author: IMPORTER.email, authorRole: 'IMPORTER' });
  });
});
