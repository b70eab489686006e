import { useSubscription } from '@apollo/client';
import { CASE_MESSAGE_ADDED } from '../graphql/case-messages.operations';
import { useSession } from '../session';
import { useCoalesced } from './use-filing-updates';

/**
 * Keeps what shows case threads current (a thread, the inbox, its count in the navigation)
 * through `caseMessageAdded`: every message the viewer may see (internal notes for CBP only)
 * makes the view ask again, once per burst, instead of polling.
 */
export function useCaseUpdates(refetch: () => unknown, skip = false): void {
  const { viewer } = useSession();
  const refetchOnce = useCoalesced(() => void refetch());
  useSubscription(CASE_MESSAGE_ADDED, {
    skip: skip || !viewer,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data?.caseMessageAdded) refetchOnce();
    },
  });
}
