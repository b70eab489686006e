import { type Logger, retryWithBackoff, type RetryPolicy } from '@cee-hub/common';
import { connectTemporalClient, type TemporalConfig } from '@cee-hub/common/temporal';
import type { Client } from '@temporalio/client';

/**
 * Soon after a failure, then at most every 5 s, for as long as the subgraph runs. The wait
 * cannot be cancelled, so a short first one also keeps a closed link from holding the process.
 */
const RECONNECT: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 5_000, attempts: Infinity };

/**
 * The subgraph's connection to Temporal. The subgraph starts even when Temporal cannot be
 * reached (everything but onboarding works without it): the link logs the failure and keeps
 * retrying in the background, and until it connects `client()` answers undefined.
 */
export class TemporalLink {
  private current: Client | undefined;
  private readonly firstAttempt: Promise<void>;
  private closed = false;

  constructor(
    private readonly config: TemporalConfig,
    private readonly logger: Logger,
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
      RECONNECT,
      (error) => {
        if (this.closed) return false;
        this.logger.warn({ err: error, address: config.address }, `cannot reach Temporal; volunteer onboarding is unavailable until it can (retrying, at least every ${RECONNECT.maxDelayMs / 1000} s)`);
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

  async close(): Promise<void> {
    this.closed = true;
    await this.current?.connection.close();
  }
}
