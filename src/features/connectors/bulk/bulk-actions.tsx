import { ActionBar, Button, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { connectorQueries } from '../api';
import type { ListParams } from '../list-params';
import type { BulkAction, BulkRequest } from './bulk-api';
import { BulkDialog } from './bulk-dialog';
import { actionLabel } from './bulk-phrases';
import { bulkTarget, selectedCount, type BulkSelection } from './use-bulk-selection';

const actions: BulkAction[] = [
  { type: 'sync', enabled: true },
  { type: 'sync', enabled: false },
  { type: 'agent', enabled: true },
  { type: 'agent', enabled: false },
];

type Props = { params: ListParams; bulk: BulkSelection };

export function BulkActions({ params, bulk }: Props) {
  const { data: totalCount = 0 } = useInfiniteQuery({
    ...connectorQueries.list(params),
    select: (data) => data.pages[0]?.pagination.totalCount ?? 0,
  });
  const count = selectedCount(bulk.selection, totalCount);
  // Fixed when the action is chosen: the confirmation sends exactly what was previewed.
  const [request, setRequest] = useState<BulkRequest | null>(null);

  return (
    <>
      <ActionBar opened={count > 0} role="toolbar" aria-label="Bulk actions" style={{ flexWrap: 'wrap', maxWidth: 'calc(100vw - 2rem)' }}>
        <Text size="sm" fw={600}>
          {count} selected
        </Text>
        <ActionBar.Divider />
        {actions.map((action) => (
          <Button key={actionLabel(action)} size="xs" variant="light" onClick={() => setRequest({ ...action, ...bulkTarget(bulk.selection, params) })}>
            {actionLabel(action)}
          </Button>
        ))}
        <ActionBar.Divider />
        <Button size="xs" variant="default" onClick={bulk.clear}>
          Clear selection
        </Button>
      </ActionBar>
      {/* Room below the last row, which the bar would otherwise cover. */}
      {count > 0 && <div style={{ height: 64 }} />}
      {request && <BulkDialog request={request} onClose={() => setRequest(null)} onApplied={bulk.clear} />}
    </>
  );
}
