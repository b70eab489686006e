import { BadUserInputError, MAX_REPORTED_PROBLEMS, ProblemCollector } from './errors';

describe('BadUserInputError', () => {
  it('reports every problem of a short list', () => {
    const error = new BadUserInputError([
      { field: 'a', message: 'is wrong' },
      { field: 'b', message: 'is missing' },
    ]);
    expect(error.message).toBe('a: is wrong; b: is missing');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'a', problems: error.problems });
    expect(error.problems).toHaveLength(2);
  });

  it('reports the first problems of a long list and counts the rest, so one bad list cannot make a huge answer', () => {
    const problems = Array.from({ length: 24_000 }, (_, index) => ({ field: `values[${index}]`, message: 'must be a non-negative amount; got -1' }));
    const error = new BadUserInputError(problems);
    expect(error.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values[0]', moreProblems: 24_000 - MAX_REPORTED_PROBLEMS });
    expect(error.message).toMatch(/; and 23950 more problems$/);
    expect(JSON.stringify(error.toJSON()).length).toBeLessThan(10_000);
  });
});

describe('ProblemCollector', () => {
  it('keeps the first problems and counts the others', () => {
    const collector = new ProblemCollector();
    for (let index = 0; index < MAX_REPORTED_PROBLEMS + 3; index++) collector.add(`lines[${index}]`, 'is wrong');
    expect(collector.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(() => collector.throwIfAny()).toThrow(expect.objectContaining({ moreProblems: 3 }));
  });
});
