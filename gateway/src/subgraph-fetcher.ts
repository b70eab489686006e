import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { INTERNAL_IDENTITY_HEADER } from '@cee-hub/common';
import { Agent, Headers, request } from 'undici';

/** Header values by lower-case name, as undici returns them. */
type RawHeaders = Record<string, string | string[] | undefined>;

/** Header values as undici's `request` returns them, as one `Headers` (which joins repeated ones with ", "). */
function headersOf(raw: RawHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  return headers;
}

/** A subgraph's answer, read whole: each caller sharing it parses its own copy. */
class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;
  private parsedHeaders?: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    private readonly rawHeaders: RawHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  get headers(): FetcherHeaders {
    this.parsedHeaders ??= headersOf(this.rawHeaders);
    return this.parsedHeaders;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, this.rawHeaders, this.body);
  }
}

/**
 * Apollo Gateway serializes each subgraph request as `{"query":"<operation>",…}`; only an
 * operation that reads (a query, or its `{…}` shorthand) may be shared between callers.
 */
const READ_OPERATION = /^\{"query":"(?:query\b|\{)/;

export interface SubgraphFetcherOptions {
  /** Keep-alive connections per subgraph; further requests queue for a free one. */
  connectionsPerOrigin: number;
  /** Milliseconds a subgraph may take to answer before the request fails. */
  timeoutMs: number;
  /** Share the answer of identical reads in flight at once. */
  deduplicate: boolean;
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Requests that were answered by another identical one already in flight. */
  readonly shared: number;
  close(): Promise<void>;
}

/**
 * The gateway's HTTP client for subgraphs: undici over a bounded pool of keep-alive
 * connections per subgraph, instead of @apollo/gateway's default make-fetch-happen client,
 * whose HTTP-cache and agent layers cost more CPU than the rest of a federated request.
 *
 * Identical reads in flight at once (same subgraph, same identity, same operation and
 * variables) are sent once and the answer is shared: under load many callers ask the same
 * thing at the same moment. The identity token is part of the key, so nobody is ever
 * answered with what another caller may see; mutations are never shared.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const dispatcher = new Agent({
    connections: options.connectionsPerOrigin,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const inFlight = new Map<string, Promise<SubgraphResponse>>();
  let shared = 0;

  async function send(url: string, init: FetcherRequestInit): Promise<SubgraphResponse> {
    const answer = await request(url, {
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher,
    });
    return new SubgraphResponse(url, answer.statusCode, answer.headers, await answer.body.text());
  }

  const fetch: Fetcher = async (url, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (!options.deduplicate || body === undefined || !READ_OPERATION.test(body)) return send(url, init);
    const key = `${url}\n${init.headers?.[INTERNAL_IDENTITY_HEADER] ?? ''}\n${body}`;
    const pending = inFlight.get(key);
    if (pending) {
      shared += 1;
      return (await pending).clone();
    }
    const sent = send(url, init).finally(() => inFlight.delete(key));
    inFlight.set(key, sent);
    return sent;
  };

  return {
    fetch,
    get shared() {
      return shared;
    },
    close: () => dispatcher.close(),
  };
}
