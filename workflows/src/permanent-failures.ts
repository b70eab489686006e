import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';

/**
 * PostgreSQL error classes that fail the same way on every retry of the same input: data
 * exceptions (22: a NUL byte, invalid encoding, a value out of range) and integrity constraint
 * violations (23). Everything else (a lost connection, a timeout, a deadlock) may pass.
 */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23']);

function sqlState(error: unknown): string | undefined {
  const candidates = [(error as { code?: unknown })?.code, (error as { driverError?: { code?: unknown } })?.driverError?.code];
  return candidates.find((code): code is string => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code));
}

/**
 * The non-retryable failure for an activity error that would repeat, or null for one worth
 * retrying. Its type is a decision error code, so the graph answers BAD_USER_INPUT; the
 * message names the SQLSTATE but nothing of the schema.
 */
export function permanentFailureOf(error: unknown): ApplicationFailure | null {
  const code = sqlState(error);
  if (!code || !PERMANENT_SQLSTATE_CLASSES.has(code.slice(0, 2))) return null;
  return ApplicationFailure.create({
    type: 'BAD_USER_INPUT',
    message: `The database cannot store this change (SQLSTATE ${code}); nothing was changed. Check the text for unusual characters and try again`,
    nonRetryable: true,
    cause: error instanceof Error ? error : undefined,
  });
}

class PermanentFailureInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      throw permanentFailureOf(error) ?? error;
    }
  }
}

/**
 * Makes every activity's (and local activity's) permanent failures non-retryable, so one bad
 * input fails its Update at once instead of being retried for ever (and, for a local
 * activity, growing its workflow's history).
 */
export const permanentFailureInterceptors: ActivityInterceptorsFactory = () => ({ inbound: new PermanentFailureInterceptor() });
