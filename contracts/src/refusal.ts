/**
 * The one convention of the rules: a `refuse*` function answers why something may not be
 * done, as a DecisionRefusal, or undefined when it may. Workflow validators throw the refusal
 * as an ApplicationFailure; the graph throws it as the GraphQL error of the same code.
 */

/**
 * The `type` of an ApplicationFailure thrown by a validator or handler is one of these; the
 * subgraph turns it into a GraphQL error with the same `extensions.code`.
 */
export const DECISION_ERROR_TYPES = ['BAD_USER_INPUT', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND'] as const;
export type DecisionErrorType = (typeof DECISION_ERROR_TYPES)[number];

/** What a rule refuses, with the ApplicationFailure type (and GraphQL code) to refuse it with. */
export interface DecisionRefusal {
  type: DecisionErrorType;
  message: string;
}

export function refusal(type: DecisionErrorType, message: string): DecisionRefusal {
  return { type, message };
}
