import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** A fixed body, or one made per request (e.g. a fresh entry number). */
  body: string | (() => string);
  connections: number;
  durationSeconds: number;
  /** How long one request may take before autocannon counts it a timeout (its default: 10 s). */
  timeoutSeconds?: number;
}

/** One autocannon run: POST requests at a fixed number of connections for a fixed time. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { body } = options;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(typeof body === 'string'
      ? { body }
      : { requests: [{ method: 'POST', setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }] }),
  });
  return {
    label: options.label,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Sends one request and fails when the answer has GraphQL errors or no data: a run must measure real answers. */
export async function checkAnswer(url: string, headers: Record<string, string>, body: string): Promise<{ bytes: number; data: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
  if (!response.ok || parsed.errors?.length || !parsed.data) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return { bytes: text.length, data: parsed.data };
}
