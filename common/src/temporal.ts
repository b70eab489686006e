import { readFileSync } from 'node:fs';
import { DECISION_ERROR_TYPES, type DecisionErrorType, type OnboardingDurations, type ReviewDurations } from '@cee-hub/contracts';
import { ApplicationFailure, Client, Connection, type TLSConfig, WorkflowNotFoundError } from '@temporalio/client';
import { GraphQLError } from 'graphql';
import { ConfigError, envBool, envOptional, envString } from './env';
import { ConflictError, ForbiddenError, NotFoundError } from './errors';
import type { Logger } from './logger';
import { type RetryPolicy, retryWithBackoff } from './retry';

/** Where and how to reach Temporal; the same settings serve the worker and the subgraphs. */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: TLSConfig;
  apiKey?: string;
}

function readFileOrFail(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new ConfigError(`${name} names ${file}, which cannot be read`);
  }
}

/**
 * Reads TEMPORAL_ADDRESS (default the dev server on 127.0.0.1:7233), TEMPORAL_NAMESPACE,
 * TEMPORAL_TASK_QUEUE and the TLS settings of a cluster (TEMPORAL_TLS, TEMPORAL_TLS_CA,
 * TEMPORAL_TLS_CERT with TEMPORAL_TLS_KEY, TEMPORAL_TLS_SERVER_NAME) or TEMPORAL_API_KEY.
 */
export function readTemporalConfig(env: NodeJS.ProcessEnv): Readonly<TemporalConfig> {
  const cert = envOptional(env, 'TEMPORAL_TLS_CERT');
  const key = envOptional(env, 'TEMPORAL_TLS_KEY');
  if (Boolean(cert) !== Boolean(key)) throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither');
  const ca = envOptional(env, 'TEMPORAL_TLS_CA');
  const apiKey = envOptional(env, 'TEMPORAL_API_KEY');
  const useTls = envBool(env, 'TEMPORAL_TLS', Boolean(cert || ca || apiKey));
  const tls: TLSConfig | undefined = useTls
    ? {
        serverNameOverride: envOptional(env, 'TEMPORAL_TLS_SERVER_NAME'),
        serverRootCACertificate: ca ? readFileOrFail('TEMPORAL_TLS_CA', ca) : undefined,
        clientCertPair: cert && key ? { crt: readFileOrFail('TEMPORAL_TLS_CERT', cert), key: readFileOrFail('TEMPORAL_TLS_KEY', key) } : undefined,
      }
    : undefined;
  return Object.freeze({
    address: envString(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    namespace: envString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue: envString(env, 'TEMPORAL_TASK_QUEUE', 'cee-hub'),
    tls,
    apiKey,
  });
}

/** A Temporal client for starting workflows and sending updates, signals and queries. */
export async function connectTemporalClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
  return new Client({ connection, namespace: config.namespace });
}

/**
 * Soon after a failure, then at most every 5 s, for as long as the process runs. The wait
 * cannot be cancelled, so a short first one also keeps a closed link from holding the process.
 */
const TEMPORAL_RECONNECT: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 5_000, attempts: Infinity };

/**
 * A subgraph's connection to Temporal. The subgraph starts even when Temporal cannot be
 * reached (only its workflows need it): the link logs the failure, saying what is unavailable
 * meanwhile (`whileAway`), and keeps retrying in the background; until it connects, `client()`
 * and `connected` answer undefined.
 */
export class TemporalLink {
  private current: Client | undefined;
  private readonly firstAttempt: Promise<void>;
  private closed = false;

  constructor(
    private readonly config: TemporalConfig,
    private readonly logger: Logger,
    whileAway: string,
  ) {
    let firstAttemptDone!: () => void;
    this.firstAttempt = new Promise((resolve) => (firstAttemptDone = resolve));
    const connecting = retryWithBackoff(
      async () => {
        try {
          await this.connect();
        } finally {
          firstAttemptDone();
        }
      },
      TEMPORAL_RECONNECT,
      (error) => {
        if (this.closed) return false;
        this.logger.warn({ err: error, address: config.address }, `cannot reach Temporal; ${whileAway} (retrying, at least every ${TEMPORAL_RECONNECT.maxDelayMs / 1000} s)`);
        return true;
      },
    );
    // It ends in failure only once the link is closed, which is then nobody's concern.
    connecting.catch(() => undefined);
  }

  /** Sets `current` before the attempt counts as done, so `client()` sees a first success. */
  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = await connectTemporalClient(this.config);
    if (this.closed) {
      await client.connection.close();
      return;
    }
    this.current = client;
    this.logger.info({ address: this.config.address, namespace: this.config.namespace }, 'connected to Temporal');
  }

  /** The client once connected; waits for the first attempt only. */
  async client(): Promise<Client | undefined> {
    await this.firstAttempt;
    return this.current;
  }

  /** The client if connected now. */
  get connected(): Client | undefined {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current?.connection.close();
  }
}

/** Durations of both processes from the environment, with the regulatory defaults. */
export function readWorkflowDurations(env: NodeJS.ProcessEnv): Readonly<{ onboarding: OnboardingDurations; review: ReviewDurations }> {
  return Object.freeze({
    onboarding: {
      reviewSla: envString(env, 'ONBOARDING_REVIEW_SLA', '5 days'),
      escalateAfter: envString(env, 'ONBOARDING_ESCALATE_AFTER', '3 days'),
      informationDeadline: envString(env, 'ONBOARDING_INFORMATION_DEADLINE', '30 days'),
    },
    review: {
      stepSla: envString(env, 'REVIEW_STEP_SLA', '3 days'),
      cf28ResponseWindow: envString(env, 'CF28_RESPONSE_WINDOW', '30 days'),
      cf29ResponseWindow: envString(env, 'CF29_RESPONSE_WINDOW', '20 days'),
      liquidationAfterEntry: envString(env, 'LIQUIDATION_AFTER_ENTRY', '314 days'),
    },
  });
}

/** The first failure in `error`'s cause chain that carries a decision error type (a refusal), if any. */
function refusalCause(error: unknown): ApplicationFailure | undefined {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && (DECISION_ERROR_TYPES as readonly string[]).includes(current.type ?? '')) return current;
  }
  return undefined;
}

/**
 * The GraphQL error for a refused decision, whether the graph refused it itself or the
 * workflow's validator did: the refusal's type is the error's `extensions.code`.
 */
export function refusalError(refusal: { type: DecisionErrorType | string; message: string }): GraphQLError {
  switch (refusal.type) {
    case 'FORBIDDEN':
      return new ForbiddenError(refusal.message);
    case 'CONFLICT':
      return new ConflictError(refusal.message);
    case 'NOT_FOUND':
      return new NotFoundError(refusal.message);
    default:
      return new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * Turns what Temporal answers for a refused Update (or a missing workflow) into the GraphQL
 * error a client expects: an ApplicationFailure whose `type` is a decision error code keeps
 * its code and message; anything else is rethrown as unexpected.
 */
export function toGraphQLError(error: unknown): never {
  if (error instanceof WorkflowNotFoundError) {
    throw new NotFoundError('Nothing is in progress for this; it may have finished already');
  }
  const refusal = refusalCause(error);
  if (refusal) throw refusalError({ type: refusal.type!, message: refusal.message });
  throw error;
}
