import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { activityActionSchema, activityQuerySchema, type ActivityAction } from '../../../contract/activity';

const periodHours = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type Period = keyof typeof periodHours;

export type ActivityFilters = { action?: ActivityAction; person?: string; period?: Period };
export type FilterKey = keyof ActivityFilters;
const filterKeys: FilterKey[] = ['action', 'person', 'period'];

const isPeriod = (value: string | null): value is Period => value !== null && Object.hasOwn(periodHours, value);

export function sinceOf(period: Period | undefined, now = Date.now()): string | undefined {
  return period ? new Date(now - periodHours[period] * 3_600_000).toISOString() : undefined;
}

/** Reads the filters from the URL; a value the contract rejects (an edited link) is ignored. */
export function readActivityFilters(search: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  const action = activityActionSchema.safeParse(search.get('action'));
  if (action.success) filters.action = action.data;
  const person = activityQuerySchema.shape.actor.safeParse(search.get('person') || undefined);
  if (person.success && person.data) filters.person = person.data;
  const period = search.get('period');
  if (isPeriod(period)) filters.period = period;
  return filters;
}

/** The filters, kept in the URL so that the back button and a shared link restore the view. */
export function useActivityFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => readActivityFilters(searchParams), [searchParams]);

  const update = useCallback(
    (key: FilterKey, value: string | null) =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      }),
    [setSearchParams],
  );

  const clear = useCallback(
    () =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const key of filterKeys) next.delete(key);
        return next;
      }),
    [setSearchParams],
  );

  return { filters, update, clear };
}
