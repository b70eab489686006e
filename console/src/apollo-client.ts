import { ApolloClient, HttpLink, InMemoryCache, type NormalizedCacheObject, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { useSyncExternalStore } from 'react';

/** The state of the live-update connection, shown in the header. */
export type LiveState = 'off' | 'connecting' | 'connected' | 'reconnecting' | 'refused';

/** The gateway closes a subscription connection with 4403 when the token is missing or bad; retrying cannot help. */
const REFUSED_TOKEN = 4403;

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

/**
 * One Apollo Client per sign-in: queries and mutations over HTTP to this origin's /graphql,
 * subscriptions over graphql-ws on the same path, both with the viewer's token. After a
 * dropped connection comes back, the visible queries are fetched again: events missed while
 * away then show, whatever the subscription's own resume does.
 */
function createConsoleClient(token: string | null, onLiveState: (state: LiveState) => void): { client: ApolloClient<NormalizedCacheObject>; dispose(): void } {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const httpLink = new HttpLink({ uri: '/graphql', headers });
  const wsClient = token
    ? createClient({
        url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`,
        connectionParams: { authorization: `Bearer ${token}` },
        // Connected for the whole sign-in, so the header's "live" state means what it says.
        lazy: false,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: (event) => !(isCloseEvent(event) && event.code === REFUSED_TOKEN),
        on: {
          connecting: () => onLiveState('connecting'),
          connected: (_socket, _payload, wasRetry) => {
            onLiveState('connected');
            if (wasRetry) void client.refetchQueries({ include: 'active' });
          },
          closed: (event) => onLiveState(isCloseEvent(event) && event.code === REFUSED_TOKEN ? 'refused' : 'reconnecting'),
        },
      })
    : null;
  const link = wsClient
    ? split(
        ({ query }) => {
          const definition = getMainDefinition(query);
          return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
        },
        new GraphQLWsLink(wsClient),
        httpLink,
      )
    : httpLink;
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // Objects without ids that hang off one parent: a newer answer completes the older one.
        EntrySummaryReview: { merge: true },
        PendingReviewAction: { merge: true },
        Participation: { merge: true },
        CenterContact: { merge: true },
        NoticeEligibility: { merge: true },
        ProcessingLocation: { merge: true },
        FilingPage: { merge: true },
        ReviewQueuePage: { merge: true },
        OnboardingPage: { merge: true },
        Query: { fields: { reviewQueue: { merge: false }, filings: { merge: false }, onboardings: { merge: false } } },
      },
    }),
    // A partial answer (one service down) still shows what arrived, with the errors beside it.
    defaultOptions: { watchQuery: { errorPolicy: 'all' }, query: { errorPolicy: 'all' } },
  });
  return {
    client,
    dispose: () => {
      client.stop();
      void wsClient?.dispose();
    },
  };
}

/**
 * The client of the person signed in now, and the state of its live connection, kept outside
 * React: a new token (another person) replaces the client, so no cached answer or open
 * subscription carries over from one person to the next.
 */
let current: { token: string | null; client: ApolloClient<NormalizedCacheObject>; dispose(): void } | null = null;
let liveState: LiveState = 'off';
const liveListeners = new Set<() => void>();

function setLiveState(next: LiveState): void {
  liveState = next;
  liveListeners.forEach((listener) => listener());
}

export function clientFor(token: string | null): ApolloClient<NormalizedCacheObject> {
  if (!current || current.token !== token) {
    current?.dispose();
    setLiveState('off');
    current = { token, ...createConsoleClient(token, setLiveState) };
  }
  return current.client;
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    () => liveState,
  );
}
