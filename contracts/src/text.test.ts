import { MAX_TEXT_LENGTH, refuseText, textProblem } from './text';

describe('the text rule', () => {
  it('accepts ordinary Unicode, combining marks, emoji and right-to-left text', () => {
    for (const text of ['Invoice attached.', 'Zürich e\u0301', '👩‍🔧 crew', '\u202eabc', 'x'.repeat(MAX_TEXT_LENGTH)]) expect(textProblem(text)).toBeNull();
  });

  it('refuses NUL, unpaired surrogates and over-long text, saying where', () => {
    expect(textProblem('Invoice\u0000.')).toMatch(/NUL character \(U\+0000\) at position 8/);
    expect(textProblem('a\ud800b')).toMatch(/unpaired surrogate \(U\+D800\) at position 2/);
    expect(textProblem('tail \udfff')).toMatch(/U\+DFFF/);
    expect(textProblem('\ud83d')).toMatch(/unpaired surrogate/);
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH + 1))).toMatch(/at most 10000/);
    expect(textProblem('abcdef', 5)).toMatch(/6 characters long; at most 5/);
  });

  it('words a refusal of an Update as BAD_USER_INPUT on its field', () => {
    expect(refuseText('note', 'ok')).toBeUndefined();
    expect(refuseText('note', null)).toBeUndefined();
    expect(refuseText('note', '\u0000')).toEqual({ type: 'BAD_USER_INPUT', message: expect.stringMatching(/^note: contains the NUL/) });
  });
});
