import { ActionBar, Button, Text } from '@mantine/core';
import type { BulkAction } from './bulk-api';
import { actionLabel } from './bulk-phrases';

const actions: BulkAction[] = [
  { type: 'sync', enabled: true },
  { type: 'sync', enabled: false },
  { type: 'agent', enabled: true },
  { type: 'agent', enabled: false },
];

type Props = { count: number; onAction: (action: BulkAction) => void; onPrepare: () => void; onClear: () => void };

export function BulkBar({ count, onAction, onPrepare, onClear }: Props) {
  return (
    <ActionBar opened={count > 0} role="toolbar" aria-label="Bulk actions" style={{ flexWrap: 'wrap', maxWidth: 'calc(100vw - 2rem)' }}>
      <Text size="sm" fw={600}>
        {count} selected
      </Text>
      <ActionBar.Divider />
      {actions.map((action) => (
        <Button key={actionLabel(action)} size="xs" variant="light" onPointerEnter={onPrepare} onFocus={onPrepare} onClick={() => onAction(action)}>
          {actionLabel(action)}
        </Button>
      ))}
      <ActionBar.Divider />
      <Button size="xs" variant="default" onClick={onClear}>
        Clear selection
      </Button>
    </ActionBar>
  );
}
