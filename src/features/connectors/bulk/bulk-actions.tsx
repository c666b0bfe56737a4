import { useInfiniteQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { connectorQueries } from '../api';
import type { ListParams } from '../list-params';
import type { BulkRequest } from './bulk-api';
import { bulkTarget, selectedCount, type BulkSelection } from './use-bulk-selection';

// The bar and the dialog load when rows are selected, not with the list's first download.
const loadDialog = () => import('./bulk-dialog');
const BulkBar = lazy(async () => ({ default: (await import('./bulk-bar')).BulkBar }));
const BulkDialog = lazy(async () => ({ default: (await loadDialog()).BulkDialog }));

type Props = { params: ListParams; bulk: BulkSelection };

export function BulkActions({ params, bulk }: Props) {
  const { data: totalCount = 0 } = useInfiniteQuery({
    ...connectorQueries.list(params),
    select: (data) => data.pages[0]?.pagination.totalCount ?? 0,
  });
  const count = selectedCount(bulk.selection, totalCount);
  // Fixed when the action is chosen: the confirmation sends exactly what was previewed.
  const [request, setRequest] = useState<BulkRequest | null>(null);

  // Two boundaries: the bar stays while the dialog's code arrives.
  return (
    <>
      <Suspense fallback={null}>
        {count > 0 && (
          <BulkBar
            count={count}
            onAction={(action) => setRequest({ ...action, ...bulkTarget(bulk.selection, params) })}
            onPrepare={() => void loadDialog()}
            onClear={bulk.clear}
          />
        )}
      </Suspense>
      {/* Room below the last row, which the bar would otherwise cover. */}
      {count > 0 && <div style={{ height: 64 }} />}
      <Suspense fallback={null}>{request && <BulkDialog request={request} onClose={() => setRequest(null)} onApplied={bulk.clear} />}</Suspense>
    </>
  );
}
