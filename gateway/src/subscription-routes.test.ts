import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from './compose';
import { subscriptionRouting, upstreamSubscription } from './subscription-routes';

/** A supergraph (as composition writes one) where two subgraphs contribute Subscription fields. */
const TWO_SUBGRAPHS = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query subscription: Subscription }
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
scalar join__FieldSet
enum join__Graph {
  FILINGS @join__graph(name: "filings", url: "http://127.0.0.1:4003/graphql")
  IMPORTERS @join__graph(name: "importers", url: "http://127.0.0.1:4002/graphql")
}
type FilingEvent @join__type(graph: FILINGS) { id: ID! }
type OnboardingEvent @join__type(graph: IMPORTERS) { id: ID! }
input FilingUpdateFilter @join__type(graph: FILINGS) { centerId: String }
input OnboardingUpdateFilter @join__type(graph: IMPORTERS) { centerId: String importerId: ID }
type Query @join__type(graph: FILINGS) @join__type(graph: IMPORTERS) {
  filings(first: Int): [FilingEvent!]! @join__field(graph: FILINGS)
  filingEvent(id: ID!): FilingEvent! @join__field(graph: FILINGS)
  onboardingEvent(id: ID!, note: String): OnboardingEvent! @join__field(graph: IMPORTERS)
}
type Subscription @join__type(graph: FILINGS) @join__type(graph: IMPORTERS) {
  filingUpdated(since: ID, filter: FilingUpdateFilter): FilingEvent! @join__field(graph: FILINGS)
  onboardingUpdated(filter: OnboardingUpdateFilter!, since: ID): OnboardingEvent! @join__field(graph: IMPORTERS)
  tick: FilingEvent! @join__field(graph: FILINGS)
}
`;

it('routes each Subscription field to the subgraph its join__field names, with the Query field that reads its event', () => {
  const { routes, unservable } = subscriptionRouting(TWO_SUBGRAPHS);
  expect(routes.get('filingUpdated')).toEqual({
    field: 'filingUpdated',
    subgraph: 'filings',
    subgraphUrl: 'http://127.0.0.1:4003/graphql',
    eventQueryField: 'filingEvent',
    arguments: [{ name: 'filter', type: 'FilingUpdateFilter' }],
  });
  expect(routes.get('onboardingUpdated')).toMatchObject({ subgraph: 'importers', eventQueryField: 'onboardingEvent', arguments: [{ name: 'filter', type: 'OnboardingUpdateFilter!' }] });
  expect(unservable.get('tick')?.problem).toContain('no `since: ID` argument');
});

it('asks the owning subgraph only for event ids, with every argument as a variable', () => {
  const { routes } = subscriptionRouting(TWO_SUBGRAPHS);
  expect(upstreamSubscription(routes.get('onboardingUpdated')!)).toBe(
    'subscription($filter: OnboardingUpdateFilter!, $since: ID) { onboardingUpdated(filter: $filter, since: $since) { id } }',
  );
});

it('takes the one subgraph of a Subscription type that only one subgraph contributes to', () => {
  const single = TWO_SUBGRAPHS.replace('type Subscription @join__type(graph: FILINGS) @join__type(graph: IMPORTERS)', 'type Subscription @join__type(graph: FILINGS)').replace(
    'filingUpdated(since: ID, filter: FilingUpdateFilter): FilingEvent! @join__field(graph: FILINGS)',
    'filingUpdated(since: ID, filter: FilingUpdateFilter): FilingEvent!',
  );
  expect(subscriptionRouting(single).routes.get('filingUpdated')?.subgraph).toBe('filings');
});

it('serves every subscription of the committed supergraph', () => {
  const { routes, unservable } = subscriptionRouting(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  expect([...unservable.values()]).toEqual([]);
  expect(routes.get('filingUpdated')).toMatchObject({ subgraph: 'filings', eventQueryField: 'filingEvent' });
});
