import { Button, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { measureElement, useWindowVirtualizer, windowScroll, type VirtualizerOptions } from '@tanstack/react-virtual';
import { useEffect, useMemo, useState } from 'react';
import type { Viewer } from '../../../../contract/rules';
import { LoadError } from '../../../components/load-error';
import { connectorQueries } from '../api';
import { SelectionHeader } from '../bulk/selection-header';
import { isSelected, type BulkSelection } from '../bulk/use-bulk-selection';
import { countActiveFilters, type ListParams } from '../list-params';
import { recentChangesQuery } from '../live/live-updates';
import { ConnectorRow } from './connector-row';
import { EmptyList, ListSkeleton, RowSkeleton } from './list-states';

const ESTIMATED_ROW_HEIGHT = 140;
// Asked for before the end is reached, its arrival mounts no screenful of rows in one task.
const LOAD_AHEAD_ROWS = 30;

type Props = {
  params: ListParams;
  viewer: Viewer;
  creatorName: (userId: string) => string;
  onClearFilters: () => void;
  bulk: BulkSelection;
};

/**
 * Where `element` starts on the page, kept current while the content above it changes height. Read
 * when the ResizeObserver reports, just after the browser's own layout, rather than forcing one more.
 */
function useDocumentTop(element: HTMLElement | null): number {
  const [top, setTop] = useState(0);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() => setTop(element.getBoundingClientRect().top + window.scrollY));
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element]);
  return top;
}

type WindowScrollTo = VirtualizerOptions<Window, Element>['scrollToFn'];

/** Skips the virtualizer's write-back of the offset at mount: at the top it moves nothing but forces a layout. */
function skipWriteBackAtTop(): WindowScrollTo {
  let mounted = false;
  return (offset, options, instance) => {
    const writeBack = !mounted && offset === 0 && !options.adjustments;
    mounted = true;
    if (!writeBack) windowScroll(offset, options, instance);
  };
}

export function ConnectorList({ params, viewer, creatorName, onClearFilters, bulk }: Props) {
  const query = useInfiniteQuery(connectorQueries.list(params));
  const recentChanges = useQuery(recentChangesQuery).data;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.connectors) ?? [], [query.data]);
  const totalCount = query.data?.pages[0]?.pagination.totalCount ?? 0;
  const loadedIds = useMemo(() => rows.map((connector) => connector.connectorId), [rows]);

  const [listElement, setListElement] = useState<HTMLDivElement | null>(null);
  const scrollMargin = useDocumentTop(listElement);
  const [scrollToFn] = useState(skipWriteBackAtTop);
  const virtualizer = useWindowVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    // The first render already fills the window, instead of waiting for it to be measured.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    // A row's size is read from the ResizeObserver, after the browser has laid the rows out: read while
    // React adds them, it would force that layout early and render the list again before the first
    // paint. Until then, and while it measures 0 (a hidden tab, a test DOM), a row keeps the size it had.
    measureElement: (element, entry, instance) => {
      const measured = entry ? measureElement(element, entry, instance) : 0;
      return measured || (instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(element))) ?? ESTIMATED_ROW_HEIGHT);
    },
    overscan: 3,
    // Rows render after the scroll event, not in its task; the overscanned rows cover that frame.
    useFlushSync: false,
    scrollMargin,
    scrollToFn,
    getItemKey: (index) => rows[index]?.connectorId ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= rows.length - LOAD_AHEAD_ROWS && hasNextPage && !isFetchingNextPage && !query.isFetchNextPageError) {
      void fetchNextPage();
    }
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage, query.isFetchNextPageError]);

  if (query.isPending) return <ListSkeleton />;
  if (query.isError && rows.length === 0) {
    return <LoadError title="Could not load the connectors" message={query.error.message} onRetry={() => void query.refetch()} />;
  }
  if (rows.length === 0) return <EmptyList filtered={countActiveFilters(params) > 0} onClearFilters={onClearFilters} />;

  // The rows in view are laid out one after the other and moved down together past the rows above
  // them, so a size that is not measured yet never shows as a gap or an overlap between two rows.
  const offset = (items[0]?.start ?? 0) - virtualizer.options.scrollMargin;
  return (
    <Paper withBorder>
      <SelectionHeader loadedIds={loadedIds} totalCount={totalCount} bulk={bulk} />
      <div ref={setListElement} style={{ height: virtualizer.getTotalSize() }}>
        <ul aria-label="Connectors" style={{ margin: 0, padding: 0, listStyle: 'none', transform: `translateY(${offset}px)` }}>
          {items.map((item) => {
            const connector = rows[item.index];
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-setsize={totalCount}
                aria-posinset={item.index + 1}
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
              >
                {connector ? (
                  <ConnectorRow
                    connector={connector}
                    viewer={viewer}
                    creatorName={creatorName(connector.createdBy)}
                    selected={isSelected(bulk.selection, connector.connectorId)}
                    recentChange={recentChanges[connector.connectorId]}
                    onSelectedChange={bulk.toggle}
                  />
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
      </div>
    </Paper>
  );
}
