import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveConnectionOptions {
  /** A graphql-ws endpoint other than the system's gateway (a replica, a probe). */
  url?: string;
  /** The Authorization value to send as it is (a bad token, say) instead of a fresh one. */
  authorization?: string;
  /** The lifetime of the fresh token, e.g. '3s' to see it expire on the open connection. */
  lifetime?: string;
}

/** An error a subscription received: a GraphQL error as sent, or the socket's close (`code`). */
export interface LiveError {
  message: string;
  code?: number;
  extensions?: Record<string, unknown>;
}

/** What one subscription has received so far. */
export interface LiveSubscription<TEvent = any> {
  /** Every result, as sent. */
  results: FormattedExecutionResult<Record<string, TEvent>, unknown>[];
  /** The root field's value of every result that carried one. */
  events: TEvent[];
  /** The errors of the results, then the one that ended the subscription, if any. */
  errors: LiveError[];
  /** Whether it ended: completed, refused, or its socket closed. */
  ended: boolean;
  /** Settles when it ends. */
  closed: Promise<void>;
  stop(): void;
}

/** One graphql-ws connection (opened with its first subscription, never retried). */
export interface LiveConnection {
  /** The graphql-ws client itself, for what takes one (Apollo Client's GraphQLWsLink). */
  client: Client;
  /** The close code of every time the socket closed. */
  closes: number[];
  subscribe<TEvent = any>(query: string, variables?: Record<string, unknown>): LiveSubscription<TEvent>;
}

export function connectLive(url: string, authorization: string | undefined): LiveConnection {
  const closes: number[] = [];
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: authorization ? { authorization } : {},
    on: { closed: (event) => void closes.push((event as { code: number }).code) },
  });
  return { client, closes, subscribe: (query, variables) => subscribeOn(client, query, variables) };
}

function subscribeOn<TEvent>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<TEvent> {
  const subscription: LiveSubscription<TEvent> = { results: [], events: [], errors: [], ended: false, closed: Promise.resolve(), stop: () => undefined };
  subscription.closed = new Promise((resolve) => {
    const end = () => {
      subscription.ended = true;
      resolve();
    };
    subscription.stop = client.subscribe<Record<string, TEvent>>(
      { query, variables },
      {
        next: (result) => {
          subscription.results.push(result);
          const event = result.data ? Object.values(result.data)[0] : undefined;
          if (event !== undefined && event !== null) subscription.events.push(event);
          if (result.errors) subscription.errors.push(...(result.errors as LiveError[]));
        },
        error: (error) => {
          subscription.errors.push(...endingErrors(error));
          end();
        },
        complete: end,
      },
    );
  });
  return subscription;
}

/** graphql-ws ends a subscription with its GraphQL errors (refused at the start) or the socket's CloseEvent. */
function endingErrors(error: unknown): LiveError[] {
  if (Array.isArray(error)) return error as LiveError[];
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'number') return [{ message: `closed with ${code}`, code }];
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

/**
 * Opens a raw graphql-ws socket to `url`, sends one message and answers the code the server
 * closed it with (0 when it did not close within `timeoutMs`): how a test sees a refusal that
 * comes before any graphql-ws handshake, such as an oversize frame.
 */
export async function closeCodeAfter(url: string, message: string, timeoutMs = 20_000): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  // Writing on after the server closed may fail; the close code is what counts.
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('close', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(message);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(0), timeoutMs).unref());
  const code = await Promise.race([closed, timeout]);
  socket.terminate();
  return code;
}
