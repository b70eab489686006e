import { useSubscription } from '@apollo/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FILING_UPDATED, type FilingUpdate } from '../graphql/filings.operations';
import type { FilingUpdateFilter } from '../graphql/generated/graphql';
import { useSession } from '../session';

interface Options {
  filter?: FilingUpdateFilter;
  /** Called once per event; the event's filing (id, status) is already in the cache by then. */
  onUpdate: (update: FilingUpdate) => void;
  skip?: boolean;
}

/**
 * Follows `filingUpdated` for what the viewer may see (staff their Center, an importer its own,
 * admins all). Pages use it to refresh what they show when a filing moves.
 */
export function useFilingUpdates({ filter, onUpdate, skip = false }: Options): void {
  const { viewer } = useSession();
  const latest = useRef(onUpdate);
  useEffect(() => {
    latest.current = onUpdate;
  });
  useSubscription(FILING_UPDATED, {
    variables: { filter: filter ?? null },
    skip: skip || !viewer,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data?.filingUpdated) latest.current(data.data.filingUpdated);
    },
  });
}

/**
 * Keeps a page's query current while filings move: each update goes to `onUpdate` (to announce
 * it), and the page refetches once per burst of updates. Answers the latest update, which the
 * page's live line shows.
 */
export function useRefetchOnFilingUpdates({ refetch, onUpdate, ...follow }: Omit<Options, 'onUpdate'> & { refetch: () => void; onUpdate?: Options['onUpdate'] }): FilingUpdate | null {
  const [latest, setLatest] = useState<FilingUpdate | null>(null);
  const refetchOnce = useCoalesced(refetch);
  useFilingUpdates({
    ...follow,
    onUpdate: (update) => {
      setLatest(update);
      onUpdate?.(update);
      refetchOnce();
    },
  });
  return latest;
}

/**
 * Runs `action` once after a burst of calls has settled: a decision writes an event or two
 * and the queue is fetched once for them, not once each.
 */
export function useCoalesced(action: () => void, delayMs = 250): () => void {
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => latest.current(), delayMs);
  }, [delayMs]);
}
