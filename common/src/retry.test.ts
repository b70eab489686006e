import { retryWithBackoff } from './retry';

const QUICK = { firstDelayMs: 1, maxDelayMs: 4, attempts: 10 };

it('tries again until the operation succeeds, numbering the attempts', async () => {
  const seen: number[] = [];
  const result = await retryWithBackoff(async (attempt) => {
    seen.push(attempt);
    if (attempt < 3) throw new Error('not yet');
    return 'done';
  }, QUICK);
  expect(result).toBe('done');
  expect(seen).toEqual([1, 2, 3]);
});

it('stops with the failure when the last attempt fails or shouldRetry says no', async () => {
  let calls = 0;
  await expect(retryWithBackoff(async () => {
    calls += 1;
    throw new Error(`failure ${calls}`);
  }, { ...QUICK, attempts: 2 })).rejects.toThrow('failure 2');

  const asked: number[] = [];
  await expect(retryWithBackoff(async () => {
    throw new Error('permanent');
  }, QUICK, (_error, attemptsMade) => {
    asked.push(attemptsMade);
    return false;
  })).rejects.toThrow('permanent');
  expect(asked).toEqual([1]);
});
