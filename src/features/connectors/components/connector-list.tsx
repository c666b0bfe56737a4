import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { measureElement, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { Viewer } from '../../../../contract/rules';
import { connectorQueries } from '../api';
import { countActiveFilters, type ListParams } from '../list-params';
import { ConnectorRow } from './connector-row';
import { EmptyList, ListSkeleton, RowSkeleton } from './list-states';

const ESTIMATED_ROW_HEIGHT = 140;

type Props = {
  params: ListParams;
  viewer: Viewer;
  creatorName: (userId: string) => string;
  onClearFilters: () => void;
};

/** Where `element` starts on the page, kept current while the content above it changes height. */
function useDocumentTop(element: HTMLElement | null): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setTop(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element]);
  return top;
}

export function ConnectorList({ params, viewer, creatorName, onClearFilters }: Props) {
  const query = useInfiniteQuery(connectorQueries.list(params));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.connectors) ?? [], [query.data]);
  const totalCount = query.data?.pages[0]?.pagination.totalCount ?? 0;

  const [listElement, setListElement] = useState<HTMLUListElement | null>(null);
  const scrollMargin = useDocumentTop(listElement);
  const virtualizer = useWindowVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    // A row that measures 0 is not laid out (a hidden tab, a test DOM); it keeps its estimate.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => rows[index]?.connectorId ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // The next page loads when its placeholder row scrolls into view.
  useEffect(() => {
    if (lastIndex >= rows.length && hasNextPage && !isFetchingNextPage && !query.isFetchNextPageError) {
      void fetchNextPage();
    }
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage, query.isFetchNextPageError]);

  if (query.isPending) return <ListSkeleton />;
  if (query.isError && rows.length === 0) {
    return (
      <Alert color="red" title="Could not load the connectors">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{query.error.message}</Text>
          <Button size="xs" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (rows.length === 0) return <EmptyList filtered={countActiveFilters(params) > 0} onClearFilters={onClearFilters} />;

  return (
    <Paper withBorder>
      <ul
        ref={setListElement}
        aria-label="Connectors"
        style={{ position: 'relative', height: virtualizer.getTotalSize(), margin: 0, padding: 0, listStyle: 'none' }}
      >
        {items.map((item) => {
          const connector = rows[item.index];
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              aria-setsize={totalCount}
              aria-posinset={item.index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
                borderBottom: '1px solid var(--mantine-color-default-border)',
              }}
            >
              {connector ? (
                <ConnectorRow connector={connector} viewer={viewer} creatorName={creatorName(connector.createdBy)} />
              ) : query.isFetchNextPageError ? (
                <Stack gap="xs" p="md" align="flex-start">
                  <Text size="sm">Could not load more connectors: {query.error?.message}</Text>
                  <Button size="xs" onClick={() => void fetchNextPage()}>
                    Try again
                  </Button>
                </Stack>
              ) : (
                <RowSkeleton label="Loading more connectors" />
              )}
            </li>
          );
        })}
      </ul>
    </Paper>
  );
}
