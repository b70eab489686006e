import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';

/** Introspection costs nothing here: it reads the schema, not the subgraphs, and production turns it off. */
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * What one result of these types costs in place of 1: each is an aggregate the database computes
 * over many rows, not a row read. A statistics object runs up to seven statements over a period
 * of up to five years, so an operation holds at most thirteen at the default limit; a search's
 * count counts up to 1,000 matches. Keyed by type, so
 * every field answering one (Center.statistics, the national statistics) is priced alike.
 */
export const TYPE_WEIGHTS: ReadonlyMap<string, number> = new Map([
  ['FilingStatistics', 1_500],
  ['FilingSearchCount', 100],
]);

/**
 * How many results the lists without a page size hold, where that is more than one: a price of
 * 1 would let `centers { statistics }` ask for ten statistics objects at the cost of one.
 */
const ASSUMED_LIST_SIZES: ReadonlyMap<string, number> = new Map([['Query.centers', 10]]);

/**
 * How many results a field asks for: its page size (`first` or `last`, from a literal, a
 * variable or the argument's default) or, for a field given a list argument (such as
 * `locateCenter(htsNumbers:)`, which answers one line per number), the length of its longest
 * list; else its ASSUMED_LIST_SIZES or 1.
 */
function multiplierOf(field: GraphQLField<unknown, unknown>, parentType: GraphQLNamedType, node: FieldNode, variables: Record<string, unknown>): number {
  const assumed = ASSUMED_LIST_SIZES.get(`${parentType.name}.${field.name}`) ?? 1;
  if (field.args.length === 0) return assumed;
  let values: Record<string, unknown>;
  try {
    values = getArgumentValues(field, node, variables);
  } catch {
    // Arguments execution will refuse: count the field once, the refusal comes from there.
    return 1;
  }
  let multiplier = assumed;
  for (const [name, value] of Object.entries(values)) {
    if ((name === 'first' || name === 'last') && typeof value === 'number' && Number.isFinite(value)) multiplier = Math.max(multiplier, Math.floor(value));
    else if (Array.isArray(value)) multiplier = Math.max(multiplier, value.length);
  }
  return multiplier;
}

interface CostWalk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Each fragment's cost, computed once: a fragment spread many times over costs one walk. */
  fragmentCosts: Map<string, number>;
  /** Fragments being walked; a cycle (refused by validation anyway) counts nothing more. */
  walking: Set<string>;
}

function selectionSetCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, walk: CostWalk): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) total += fieldCost(selection, parentType, walk);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      total += selectionSetCost(selection.selectionSet, type, walk);
    } else total += fragmentCost(selection.name.value, walk);
  }
  return total;
}

function fragmentCost(name: string, walk: CostWalk): number {
  const known = walk.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  if (!fragment || walk.walking.has(name)) return 0;
  walk.walking.add(name);
  const cost = selectionSetCost(fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value), walk);
  walk.walking.delete(name);
  walk.fragmentCosts.set(name, cost);
  return cost;
}

function fieldCost(node: FieldNode, parentType: GraphQLNamedType | undefined, walk: CostWalk): number {
  if (INTROSPECTION_FIELDS.has(node.name.value)) return 0;
  const field = parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[node.name.value] : undefined;
  const multiplier = field ? multiplierOf(field, parentType!, node, walk.variables) : 1;
  const type = field ? getNamedType(field.type) : undefined;
  const inner = node.selectionSet ? selectionSetCost(node.selectionSet, type, walk) : 0;
  const weight = (type && TYPE_WEIGHTS.get(type.name)) ?? 1;
  return multiplier * (weight + inner);
}

/**
 * The cost of an operation with its variables: about how many fields its answer holds. Every
 * field costs 1 (or its type's weight, TYPE_WEIGHTS) plus the cost of its selection, times how
 * many results it asks for (its `first`/`last`, or the length of its longest list argument; see
 * multiplierOf). Aliases count once each, fragments where they are spread.
 *
 * This is graphql-armor's cost model made linear and told the values: armor's rule runs at
 * validation, where Apollo caches its verdict per document, and multiplies only by literal
 * `first`/`last`, so `first: $n` or a long list in a variable escaped it; and its factor of 1.5
 * per level of nesting priced the console's own overview like a hostile query. Depth has a
 * limit of its own (MAX_QUERY_DEPTH).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> = {}): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  // Variables execution will refuse still count as sent, so a bad one cannot make a query cheap.
  const variables = 'coerced' in coerced && coerced.coerced ? coerced.coerced : rawVariables;
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const rootType = schema.getRootType(operation.operation) ?? undefined;
  return selectionSetCost(operation.selectionSet, rootType, { schema, fragments, variables, fragmentCosts: new Map(), walking: new Set() });
}
