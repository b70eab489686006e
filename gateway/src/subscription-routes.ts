import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  type NamedTypeNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  print,
  type TypeNode,
} from 'graphql';

/** The argument of every subscription field that resumes it after an event id. */
export const SINCE_ARGUMENT = 'since';

/**
 * Where one `Subscription` field of the supergraph goes, and how each of its events is resolved:
 * the owning subgraph (by `join__field`, else the type's one `join__type`), the other arguments
 * it forwards, and the `Query` field that reads one event by id with any selection, so the
 * gateway's planner resolves the client's whole selection for each event.
 */
export interface SubscriptionRoute {
  field: string;
  /** The subgraph's name in the supergraph (`join__graph(name:)`), e.g. "filings". */
  subgraph: string;
  /** The subgraph's HTTP URL written in the supergraph (the gateway's configuration overrides it). */
  subgraphUrl: string;
  /** The Query field `(id: ID!)` of the same type, e.g. filingEvent for filingUpdated. */
  eventQueryField: string;
  /** The field's arguments besides `since`, with their types as SDL, forwarded upstream as variables. */
  arguments: ReadonlyArray<{ name: string; type: string }>;
}

/** A subscription field the gateway cannot serve, and why (said to whoever subscribes to it). */
export interface UnservableSubscription {
  field: string;
  problem: string;
}

export interface SubscriptionRouting {
  routes: ReadonlyMap<string, SubscriptionRoute>;
  unservable: ReadonlyMap<string, UnservableSubscription>;
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function argumentValue(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return undefined;
  const { value } = argument;
  return value.kind === Kind.ENUM || value.kind === Kind.STRING ? value.value : undefined;
}

function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, directive: string): string[] {
  return (directives ?? []).filter((node) => node.name.value === directive).flatMap((node) => argumentValue(node, 'graph') ?? []);
}

function namedType(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : namedType(type.type);
}

/** The names and URLs of the supergraph's subgraphs by their join__Graph enum value (FILINGS → filings). */
function graphNames(document: DocumentNode): Map<string, { name: string; url: string }> {
  const names = new Map<string, { name: string; url: string }>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((node) => node.name.value === 'join__graph');
      const name = directive && argumentValue(directive, 'name');
      if (name) names.set(value.name.value, { name, url: argumentValue(directive, 'url') ?? '' });
    }
  }
  return names;
}

function objectNodes(document: DocumentNode, typeName: string): ObjectNode[] {
  return document.definitions.filter(
    (definition): definition is ObjectNode => (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === typeName,
  );
}

function isIdArgument(argument: InputValueDefinitionNode): boolean {
  return argument.name.value === 'id' && argument.type.kind === Kind.NON_NULL_TYPE && namedType(argument.type).name.value === 'ID';
}

/** The Query field that reads one event of `typeName` by id: `(id: ID!)` and nothing else required. */
function eventQueryFieldFor(queryFields: readonly FieldDefinitionNode[], typeName: string): string | undefined {
  const candidate = queryFields.find(
    (field) =>
      namedType(field.type).name.value === typeName &&
      (field.arguments ?? []).some(isIdArgument) &&
      (field.arguments ?? []).every((argument) => isIdArgument(argument) || argument.type.kind !== Kind.NON_NULL_TYPE),
  );
  return candidate?.name.value;
}

/** Routes one field, or says why it cannot be served. */
function routeField(field: FieldDefinitionNode, typeGraphs: string[], names: Map<string, { name: string; url: string }>, queryFields: readonly FieldDefinitionNode[]): SubscriptionRoute | UnservableSubscription {
  const name = field.name.value;
  const graphs = graphsOf(field.directives, 'join__field');
  const owners = graphs.length > 0 ? graphs : typeGraphs;
  if (owners.length !== 1) return { field: name, problem: `${name} is served by ${owners.length} subgraphs; the gateway forwards a subscription to exactly one` };
  const graph = names.get(owners[0]!);
  if (!graph) return { field: name, problem: `${name} names the unknown subgraph ${owners[0]}` };
  const args = field.arguments ?? [];
  const since = args.find((argument) => argument.name.value === SINCE_ARGUMENT);
  if (!since || namedType(since.type).name.value !== 'ID') return { field: name, problem: `${name} has no \`since: ID\` argument to resume it after an event` };
  const typeName = namedType(field.type).name.value;
  const eventQueryField = eventQueryFieldFor(queryFields, typeName);
  if (!eventQueryField) return { field: name, problem: `${name} has no Query field reading one ${typeName} by \`id: ID!\` to resolve its events` };
  return {
    field: name,
    subgraph: graph.name,
    subgraphUrl: graph.url,
    eventQueryField,
    arguments: args.filter((argument) => argument !== since).map((argument) => ({ name: argument.name.value, type: print(argument.type) })),
  };
}

/**
 * Reads, from the supergraph the gateway has loaded, where every `Subscription` field goes:
 * nothing about any field is written in the gateway's code, so a subgraph that adds a
 * subscription (with `since: ID` and a Query field reading its event by id) is served once the
 * supergraph is composed again.
 */
export function subscriptionRouting(supergraphSdl: string): SubscriptionRouting {
  const document = parse(supergraphSdl);
  const names = graphNames(document);
  const queryFields = objectNodes(document, 'Query').flatMap((node) => node.fields ?? []);
  const routes = new Map<string, SubscriptionRoute>();
  const unservable = new Map<string, UnservableSubscription>();
  for (const node of objectNodes(document, 'Subscription')) {
    const typeGraphs = graphsOf(node.directives, 'join__type');
    for (const field of node.fields ?? []) {
      const routed = routeField(field, typeGraphs, names, queryFields);
      if ('problem' in routed) unservable.set(routed.field, routed);
      else routes.set(routed.field, routed);
    }
  }
  return { routes, unservable };
}

/** The query a gateway sends upstream for a route: the field with its arguments as variables, asking only for event ids. */
export function upstreamSubscription(route: SubscriptionRoute): string {
  const variables = [...route.arguments.map((argument) => `$${argument.name}: ${argument.type}`), `$${SINCE_ARGUMENT}: ID`].join(', ');
  const args = [...route.arguments.map((argument) => argument.name), SINCE_ARGUMENT].map((name) => `${name}: $${name}`).join(', ');
  return `subscription(${variables}) { ${route.field}(${args}) { id } }`;
}
