import { useSubscription } from '@apollo/client';
import { ONBOARDING_UPDATED } from '../graphql/onboarding.operations';
import type { OnboardingUpdateFilter } from '../graphql/generated/graphql';
import { useSession } from '../session';
import { useCoalesced } from './use-filing-updates';

/**
 * Keeps a page's onboarding query current through `onboardingUpdated` (an importer its own
 * applications, staff those their Center reviews, admins all): the page refetches once per burst
 * of events, instead of polling.
 */
export function useRefetchOnOnboardingUpdates({ filter, refetch, skip = false }: { filter?: OnboardingUpdateFilter; refetch: () => void; skip?: boolean }): void {
  const { viewer } = useSession();
  const refetchOnce = useCoalesced(refetch);
  useSubscription(ONBOARDING_UPDATED, {
    variables: { filter: filter ?? null },
    skip: skip || !viewer,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data?.onboardingUpdated) refetchOnce();
    },
  });
}
