import { retryDelayMs, retryWithBackoff } from './retry';

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

it('waits before the first try when asked, and says how long each wait is', async () => {
  const started = Date.now();
  const seen: number[] = [];
  await retryWithBackoff(async (attempt) => {
    seen.push(Date.now() - started);
    if (attempt < 2) throw new Error('not yet');
  }, { firstDelayMs: 30, maxDelayMs: 1_000, attempts: 3, waitFirst: true });
  // 30 ms before the first try, then 60 ms more before the second.
  expect(seen[0]).toBeGreaterThanOrEqual(25);
  expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(55);
  expect([0, 1, 2, 5].map((made) => retryDelayMs({ firstDelayMs: 100, maxDelayMs: 1_000, attempts: 9, waitFirst: true }, made))).toEqual([100, 200, 400, 1_000]);
  expect([1, 2, 3].map((made) => retryDelayMs({ firstDelayMs: 100, maxDelayMs: 1_000, attempts: 9 }, made))).toEqual([100, 200, 400]);
});
