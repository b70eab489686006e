/**
 * For the gateway's tests: a stand-in for the filings subgraph's graphql-ws endpoint, with only
 * what the gateway asks of it (the ids of `filingUpdated` events).
 */
import type { AddressInfo } from 'node:net';
import { INTERNAL_IDENTITY_HEADER, InternalTokenVerifier, type Logger } from '@cee-hub/common';
import { buildSchema, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/** A logger that says nothing. */
export const silentLogger = { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined, child: () => silentLogger } as unknown as Logger;

const filingsSchema = buildSchema(`
  input FilingUpdateFilter { centerId: String }
  type FilingEvent { id: ID! }
  type Query { ping: Int }
  type Subscription { filingUpdated(filter: FilingUpdateFilter, since: ID): FilingEvent }
`);

export interface FakeFilingsOptions {
  /** What one subscription answers, given its `since`. */
  subscribe: (since: string | undefined) => AsyncGenerator<ExecutionResult>;
  /** Largest message taken, as the real subgraph's limit. */
  maxPayload?: number;
  /** When given, a connection without an identity token signed with it is refused, as the subgraph does. */
  internalTokenSecret?: string;
}

export interface FakeFilings {
  /** ws://… to subscribe at. */
  url: string;
  /** Every subscription's `since`, in the order they came. */
  sinces: Array<string | undefined>;
  /** Connections opened so far. */
  readonly connections: number;
  /** Drops every connection, as a subgraph that dies does. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startFakeFilings(options: FakeFilingsOptions): Promise<FakeFilings> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: options.maxPayload });
  await new Promise((resolve) => server.once('listening', resolve));
  let connections = 0;
  server.on('connection', () => (connections += 1));
  const verifier = options.internalTokenSecret === undefined ? undefined : new InternalTokenVerifier(options.internalTokenSecret);
  const sinces: Array<string | undefined> = [];
  const handle = useServer(
    {
      schema: filingsSchema,
      onConnect: async (ctx) => !verifier || Boolean(await verifier.verify(ctx.connectionParams?.[INTERNAL_IDENTITY_HEADER] as string).catch(() => false)),
      subscribe: (args) => {
        const since = args.variableValues?.since as string | undefined;
        sinces.push(since);
        return options.subscribe(since);
      },
    },
    server,
  );
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sinces,
    get connections() {
      return connections;
    },
    dropConnections: () => server.clients.forEach((socket) => socket.terminate()),
    close: async () => {
      await handle.dispose();
    },
  };
}
