import type { DecisionRefusal } from '@cee-hub/contracts';
import { ApplicationFailure } from '@temporalio/workflow';

/**
 * Throws a rule's refusal as the non-retryable ApplicationFailure the caller sees (from a
 * validator, the Update is refused and nothing is recorded); does nothing when there is none.
 */
export function throwRefusal(refusal: DecisionRefusal | undefined): void {
  if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}
