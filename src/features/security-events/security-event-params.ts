import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { securityActionSchema } from '../../../contract/people';
import type { SecurityEventFilters } from './api';

// Its own name in the URL: `action` is the connector activity's filter on the same page.
const EVENT_PARAM = 'event';

/** Reads the filter from the URL; a value the contract rejects (an edited link) is ignored. */
export function readSecurityEventFilters(search: URLSearchParams): SecurityEventFilters {
  const action = securityActionSchema.safeParse(search.get(EVENT_PARAM));
  return action.success ? { action: action.data } : {};
}

/** The filter, kept in the URL so that the back button and a shared link restore the view. */
export function useSecurityEventFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readSecurityEventFilters(searchParams), [searchParams]);
  const setAction = useCallback(
    (value: string | null) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(EVENT_PARAM, value);
        else next.delete(EVENT_PARAM);
        return next;
      }),
    [setSearchParams],
  );
  return { filters, setAction };
}
