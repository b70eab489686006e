/** A place held in a quota; releasing it twice releases it once. */
export interface QuotaLease {
  release(): void;
}

/**
 * How many of something each key (an identity) holds at once, up to a limit: subscriptions per
 * identity, over all of its connections and gateway-wide.
 */
export class SubscriptionQuota {
  private readonly held = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** A lease, or undefined when the key holds the limit already. */
  acquire(key: string): QuotaLease | undefined {
    const count = this.held.get(key) ?? 0;
    if (count >= this.limit) return undefined;
    this.held.set(key, count + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      },
    };
  }

  /** How many the key holds now. */
  heldBy(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
