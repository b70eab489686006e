/**
 * Who makes a decision in a workflow, as the gateway verified it. Passed with every Update so
 * validators can refuse the wrong role, another Center or the proposer signing off.
 */
export interface Actor {
  role: 'PUBLIC' | 'IMPORTER' | 'ENTRY_SPECIALIST' | 'IMPORT_SPECIALIST' | 'SUPERVISOR' | 'ACCOUNT_MANAGER' | 'CENTER_DIRECTOR' | 'ADMIN';
  /** Staff member id or importer id. */
  subject?: string;
  email?: string;
  centerId?: string;
  importerId?: string;
}

/**
 * The `type` of an ApplicationFailure thrown by a validator or handler is one of these; the
 * subgraph turns it into a GraphQL error with the same `extensions.code`.
 */
export const DECISION_ERROR_TYPES = ['BAD_USER_INPUT', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND'] as const;
export type DecisionErrorType = (typeof DECISION_ERROR_TYPES)[number];
