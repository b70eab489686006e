import { isCalendarDate, refuseAnswerInput, refuseDecisionInput, refuseWithdrawInput } from './onboarding';

const actor = { role: 'ADMIN' as const, email: 'admin@cbp.example' };

it('refuses a rejection without a reason, as review decisions are refused', () => {
  expect(refuseDecisionInput({ actor, decision: 'REJECT' }, '2026-12-01')).toEqual({ type: 'BAD_USER_INPUT', message: 'note: say why the application is rejected' });
  expect(refuseDecisionInput({ actor, decision: 'REJECT', note: '   ' }, '2026-12-01')).toMatchObject({ type: 'BAD_USER_INPUT' });
  expect(refuseDecisionInput({ actor, decision: 'REJECT', note: 'Imports are mostly chapter 72' }, '2026-12-01')).toBeUndefined();
  expect(refuseDecisionInput({ actor, decision: 'APPROVE' }, '2026-12-01')).toBeUndefined();
});

it('applies the text rule to every note, question and answer', () => {
  expect(refuseDecisionInput({ actor, decision: 'ASK_FOR_INFORMATION', question: 'Which\u0000 port?' }, '2026-12-01')?.message).toMatch(/^question: contains the NUL/);
  expect(refuseWithdrawInput({ actor, note: 'bye \ud800' })?.message).toMatch(/^note: contains an unpaired surrogate/);
  expect(refuseWithdrawInput({ actor, note: 'x'.repeat(4001) })?.message).toMatch(/at most 4000/);
});

it('knows no year 0', () => {
  expect(isCalendarDate('0000-01-01')).toBe(false);
  expect(isCalendarDate('2026-02-28')).toBe(true);
});

describe('refuseAnswerInput', () => {
  const actor = { role: 'IMPORTER' as const, subject: 'i-1', importerId: 'i-1' };
  it('takes an answer with up to twenty documents', () => {
    expect(refuseAnswerInput({ actor, answer: 'Attached', documentIds: Array.from({ length: 20 }, (_, i) => `d-${i}`) })).toBeUndefined();
    expect(refuseAnswerInput({ actor, answer: 'No documents' })).toBeUndefined();
  });
  it('refuses more documents than a step carries, and ids that are not strings', () => {
    expect(refuseAnswerInput({ actor, answer: 'Attached', documentIds: Array.from({ length: 21 }, (_, i) => `d-${i}`) })?.message).toMatch(/^documentIds: .*at most 20/);
    expect(refuseAnswerInput({ actor, answer: 'Attached', documentIds: [42 as unknown as string] })).toMatchObject({ type: 'BAD_USER_INPUT' });
  });
});
