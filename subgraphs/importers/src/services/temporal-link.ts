import type { Logger } from '@cee-hub/common';
import { connectTemporalClient, type TemporalConfig } from '@cee-hub/common/temporal';
import type { Client } from '@temporalio/client';

const RETRY_MS = 5_000;

/**
 * The subgraph's connection to Temporal. The subgraph starts even when Temporal cannot be
 * reached (everything but onboarding works without it): the link logs the failure and keeps
 * retrying in the background, and until it connects `client()` answers undefined.
 */
export class TemporalLink {
  private current: Client | undefined;
  private firstAttempt: Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: TemporalConfig,
    private readonly logger: Logger,
  ) {
    this.firstAttempt = this.attempt();
  }

  private async attempt(): Promise<void> {
    try {
      this.current = await connectTemporalClient(this.config);
      this.logger.info({ address: this.config.address, namespace: this.config.namespace }, 'connected to Temporal');
    } catch (error) {
      this.logger.warn({ err: error, address: this.config.address }, `cannot reach Temporal; volunteer onboarding is unavailable until it can (retrying every ${RETRY_MS / 1000} s)`);
      if (!this.closed) {
        this.timer = setTimeout(() => void this.attempt(), RETRY_MS);
        this.timer.unref();
      }
    }
  }

  /** The client once connected; waits for the first attempt only. */
  async client(): Promise<Client | undefined> {
    await this.firstAttempt;
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current?.connection.close();
  }
}
