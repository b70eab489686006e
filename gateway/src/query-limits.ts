import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import type { GatewayConfig } from './config';
import { operationCost } from './query-cost';

/** The query limits, applied alike to HTTP operations and to subscriptions started over the WebSocket. */
export interface QueryLimits {
  /** graphql-armor's rules (depth, aliases, directives, field suggestions), for the validation of every document. */
  validationRules: ValidationRule[];
  /** Apollo plugins: armor's, and the cost check, which needs each request's variables. */
  plugins: ApolloServerPlugin[];
  /** Options of graphql-js's parser: the token limit. */
  parseOptions: { maxTokens: number };
  /** The refusal when an operation with these variables costs more than the limit, else undefined. */
  costRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): GraphQLError | undefined;
  /**
   * Parses and validates a document as the HTTP endpoint does, every limit included, for the
   * WebSocket, which has no Apollo pipeline: the document, or the errors, each with the code
   * Apollo would give it.
   */
  check(schema: GraphQLSchema, query: string): DocumentNode | readonly GraphQLError[];
}

/** Builds the gateway's query limits from its settings. */
export function createQueryLimits(limits: GatewayConfig['limits'], production: boolean): QueryLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    // armor's cost rule runs at validation, which Apollo caches per document and which cannot see
    // the variables: `first: $n` escaped it. The cost is checked per request below instead.
    costLimit: { enabled: false },
    // graphql-js enforces the token limit itself (parseOptions) and answers with a parse error;
    // armor's plugin would turn every syntax error into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Suggestions help developers; in production they would map the schema for an attacker.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const parseOptions = { maxTokens: limits.maxTokens };

  const costRefusal: QueryLimits['costRefusal'] = (schema, document, operation, variables) => {
    const cost = operationCost(schema, document, operation, variables ?? {});
    if (cost <= limits.maxCost) return undefined;
    return new GraphQLError(
      `The operation costs ${cost}, above the limit of ${limits.maxCost}: ask for fewer results (first/last, shorter lists, fewer aliases) or fewer fields`,
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: limits.maxCost, http: { status: 400 } } },
    );
  };

  /** Checked after Apollo has resolved the operation, when the request's variables are known; every request, cached document or not. */
  const costPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = costRefusal(schema, document, operation, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };

  const rules = [...specifiedRules, ...armor.validationRules];
  return {
    validationRules: armor.validationRules,
    plugins: [...(armor.plugins as ApolloServerPlugin[]), costPlugin],
    parseOptions,
    costRefusal,
    check: (schema, query) => {
      let document: DocumentNode;
      try {
        document = parse(query, parseOptions);
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : String(error);
        return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const errors = validate(schema, document, rules);
      if (errors.length > 0) {
        // As armor's plugin does over HTTP: in production, "Did you mean" would map the schema.
        const message = (error: GraphQLError) => (production ? error.message.replace(/Did you mean ".+"\?/g, '[Suggestion hidden]') : error.message);
        return errors.map((error) => new GraphQLError(message(error), { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      }
      return document;
    },
  };
}
