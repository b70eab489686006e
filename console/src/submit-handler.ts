import type { FormEvent } from 'react';

/**
 * A form's submit handler that sends a mutation. The form shows a refusal from the mutation's own
 * error state, in the graph's words, so a rejection of `send` only reaches `onRefusal` (for what
 * else it calls for) and is never left unhandled.
 */
export function submitHandler(send: () => Promise<unknown>, onRefusal?: (refusal: unknown) => void): (event: FormEvent) => void {
  return (event) => {
    event.preventDefault();
    send().catch((refusal: unknown) => onRefusal?.(refusal));
  };
}
