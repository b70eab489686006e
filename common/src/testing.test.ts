import { eventually } from './testing';

it('answers the first value done accepts, treating a throwing read as not done yet', async () => {
  let reads = 0;
  const value = await eventually('the third read', () => {
    reads += 1;
    if (reads === 1) throw new Error('not there yet');
    return reads;
  }, (count) => count >= 3, { intervalMs: 1 });
  expect(value).toBe(3);
});

it('fails past its time, naming what it waited for and what it saw last', async () => {
  await expect(eventually('the door to open', () => 'closed', (state) => state === 'open', { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(
    /timed out after 20 ms waiting for the door to open \(last value: "closed"\)/,
  );
});
