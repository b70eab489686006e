import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, type GraphQLFormattedError, visit } from 'graphql';
import { BadUserInputError, CLIENT_ERROR_CODES, type FieldProblem } from './errors';
import type { Logger } from './logger';
import { textProblem } from './validation/text';

/** What every request context carries for logging. */
export interface LoggingContext extends BaseContext {
  requestId: string;
  logger: Logger;
}

/**
 * Passes client errors (validation, refusals, parse errors) through as they are and masks
 * everything else, so no internal message or stack trace reaches a client. The original is
 * logged by `errorLoggingPlugin` with the request id, which the client sees in the header.
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Logs every unexpected error of an operation with the request id; client errors are not logged as errors. */
export function errorLoggingPlugin<TContext extends LoggingContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path, operationName }, 'operation failed');
          }
        },
      };
    },
  };
}

/** Every string of a variable value that breaks the text rule, named by its path. */
function variableTextProblems(value: unknown, path: string, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems.push({ field: path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => variableTextProblems(item, `${path}[${index}]`, problems));
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) variableTextProblems(inner, `${path}.${key}`, problems);
  }
}

/** Every string literal of the document that breaks the text rule, named by its argument and input fields. */
function literalTextProblems(document: DocumentNode, problems: FieldProblem[]): void {
  const path: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue: (node) => {
      const problem = textProblem(node.value);
      if (problem) problems.push({ field: path.join('.') || 'query', message: problem });
    },
  });
}

/**
 * Applies the one text rule (textProblem: no NUL, no unpaired surrogate, bounded length) to
 * every string an operation carries, in its variables and in its literals, before anything
 * runs: text the store cannot hold is refused up front with BAD_USER_INPUT, never half-written.
 */
export function textInputPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problems: FieldProblem[] = [];
          for (const [name, value] of Object.entries(request.variables ?? {})) variableTextProblems(value, `$${name}`, problems);
          literalTextProblems(document, problems);
          if (problems.length === 0) return;
          const error = new BadUserInputError(problems);
          // A refusal of the request, as a validation error is: 400, not Apollo's 500 for errors of this hook.
          Object.assign(error.extensions, { http: { status: 400 } });
          throw error;
        },
      };
    },
  };
}
