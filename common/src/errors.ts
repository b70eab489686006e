import { GraphQLError } from 'graphql';

/** One problem with one input field, as reported in `extensions.problems`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Error codes a client may branch on; anything else is masked as INTERNAL_SERVER_ERROR. */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'TOO_MANY_REQUESTS',
]);

/**
 * The most problems one error lists. A person fixes the first fifty before needing more, and a
 * list of 24 000 bad values must not come back as megabytes of errors: the rest are counted.
 */
export const MAX_REPORTED_PROBLEMS = 50;

/**
 * Invalid input. Carries the problems found (the first MAX_REPORTED_PROBLEMS of them), so a
 * person can fix them in one go; the message names the fields, `extensions.field` is the first
 * of them, and `extensions.moreProblems` counts those left out.
 */
export class BadUserInputError extends GraphQLError {
  /** The problems reported, at most MAX_REPORTED_PROBLEMS. */
  readonly problems: FieldProblem[];
  /** How many more problems were found than are reported. */
  readonly moreProblems: number;

  /** `uncounted`: problems found beyond the list given (a collector that stopped keeping them). */
  constructor(problems: FieldProblem[] | FieldProblem, uncounted = 0) {
    const all = Array.isArray(problems) ? problems : [problems];
    const list = all.slice(0, MAX_REPORTED_PROBLEMS);
    const more = all.length - list.length + uncounted;
    const message = list.map((p) => `${p.field}: ${p.message}`).join('; ') + (more > 0 ? `; and ${more} more ${more === 1 ? 'problem' : 'problems'}` : '');
    super(message, {
      extensions: { code: 'BAD_USER_INPUT', field: list[0]?.field, problems: list, ...(more > 0 ? { moreProblems: more } : {}) },
    });
    this.problems = list;
    this.moreProblems = more;
  }
}

/**
 * The base of an error class whose every instance carries one literal `extensions.code`, so a
 * client can branch on the code and the class says what went wrong.
 */
function errorWithCode(code: string) {
  return class extends GraphQLError {
    constructor(message: string) {
      super(message, { extensions: { code } });
    }
  };
}

export class NotFoundError extends errorWithCode('NOT_FOUND') {}

export class ForbiddenError extends errorWithCode('FORBIDDEN') {}

export class UnauthenticatedError extends errorWithCode('UNAUTHENTICATED') {}

export class ConflictError extends errorWithCode('CONFLICT') {}

/** A limit on what one caller may hold at once (subscriptions); ending some of them makes room. */
export class TooManyRequestsError extends errorWithCode('TOO_MANY_REQUESTS') {}

/** A service this operation needs (e.g. Temporal) cannot be reached now; trying again later may work. */
export class ServiceUnavailableError extends errorWithCode('SERVICE_UNAVAILABLE') {}

/** Collects field problems during validation and throws them together (the first MAX_REPORTED_PROBLEMS, and a count of the rest). */
export class ProblemCollector {
  readonly problems: FieldProblem[] = [];
  /** Problems found beyond the ones kept. */
  private beyond = 0;

  add(field: string, message: string): void {
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push({ field, message });
    else this.beyond += 1;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new BadUserInputError(this.problems, this.beyond);
  }
}
