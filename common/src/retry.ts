import { backOff } from 'exponential-backoff';

/**
 * How an operation is tried again: the first wait, doubled after every failure up to the
 * longest wait, for at most `attempts` tries in all (Infinity: until it succeeds or the caller
 * stops it through `shouldRetry`). With `waitFirst` the first try, too, comes after the first
 * wait (for a peer that has just gone away and may be restarting).
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  attempts: number;
  waitFirst?: boolean;
}

/** How long `retryWithBackoff` waits after `attemptsMade` failed tries, before the next one (for logs). */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number): number {
  const waitsSoFar = policy.waitFirst ? attemptsMade : attemptsMade - 1;
  return Math.min(policy.firstDelayMs * 2 ** waitsSoFar, policy.maxDelayMs);
}

/**
 * Runs `operation` until it succeeds, waiting longer after each failure: the one retry and
 * backoff mechanism of the project's own code (Temporal's client and activities retry by
 * their own policies). `shouldRetry` sees each failure and how many attempts were made;
 * answering false ends the retries with that failure, as does the last attempt.
 */
export function retryWithBackoff<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown, attemptsMade: number) => boolean | Promise<boolean> = () => true,
): Promise<T> {
  let attempt = 0;
  return backOff(() => operation(++attempt), {
    startingDelay: policy.firstDelayMs,
    maxDelay: policy.maxDelayMs,
    timeMultiple: 2,
    numOfAttempts: policy.attempts,
    jitter: 'none',
    delayFirstAttempt: policy.waitFirst ?? false,
    retry: shouldRetry,
  });
}
