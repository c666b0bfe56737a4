import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  connectorFilterQuerySchema,
  connectorSortSchema,
  type ConnectorFilters,
  type ConnectorSort,
} from '../../../contract/connector';

/** What the list shows: the server's filters plus the sort, exactly as they appear in the URL. */
export type ListParams = ConnectorFilters & { sort?: ConnectorSort };
export type FilterKey = keyof ConnectorFilters;
export type ParamKey = FilterKey | 'sort';

export const filterKeys = Object.keys(connectorFilterQuerySchema.shape) as FilterKey[];
const paramKeys: ParamKey[] = [...filterKeys, 'sort'];

/** Reads the list's params from the URL; a value the contract rejects (an edited link) is ignored. */
export function readListParams(search: URLSearchParams): ListParams {
  const params: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const raw = search.get(key);
    if (raw === null || raw === '') continue;
    const parsed = connectorFilterQuerySchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined && parsed.data !== '') params[key] = parsed.data;
  }
  const sort = connectorSortSchema.safeParse(search.get('sort'));
  if (sort.success) params.sort = sort.data;
  return params as ListParams;
}

export type ParamsPatch = Partial<Record<ParamKey, string | boolean | undefined>>;

export function applyParamsPatch(search: URLSearchParams, patch: ParamsPatch): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

export function filtersOf({ sort: _sort, ...filters }: ListParams): ConnectorFilters {
  return filters;
}

export function countActiveFilters(params: ListParams): number {
  return filterKeys.filter((key) => params[key] !== undefined).length;
}

/** The list's params, kept in the URL so that the back button and a shared link restore the view. */
export function useListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readListParams(searchParams), [searchParams]);

  const update = useCallback(
    (patch: ParamsPatch, options: { replace?: boolean } = {}) =>
      setSearchParams((current) => applyParamsPatch(current, patch), { replace: options.replace }),
    [setSearchParams],
  );

  const clearFilters = useCallback(
    () =>
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const key of paramKeys) if (key !== 'sort') next.delete(key);
        return next;
      }),
    [setSearchParams],
  );

  return { params, update, clearFilters };
}
