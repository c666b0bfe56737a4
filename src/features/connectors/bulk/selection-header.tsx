import { Button, Checkbox, Group, Text } from '@mantine/core';
import { memo } from 'react';
import { selectedCount, type BulkSelection } from './use-bulk-selection';

type Props = { loadedIds: readonly string[]; totalCount: number; bulk: BulkSelection };

/** Memoized: the list renders again on every scroll event, and this reads every loaded id. */
export const SelectionHeader = memo(function SelectionHeader({ loadedIds, totalCount, bulk }: Props) {
  const { selection } = bulk;
  const allLoaded = selection.matching || loadedIds.every((connectorId) => selection.ids.has(connectorId));
  const someLoaded = !allLoaded && loadedIds.some((connectorId) => selection.ids.has(connectorId));

  return (
    <Group gap="md" px="md" py="xs" mih={48} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Checkbox
        label="Select all loaded"
        checked={allLoaded}
        indeterminate={someLoaded}
        onChange={(event) => (event.currentTarget.checked ? bulk.setSelected(loadedIds, true) : bulk.clear())}
      />
      {selection.matching ? (
        <Text size="sm">
          All {totalCount} matching {totalCount === 1 ? 'connector is' : 'connectors are'} selected
        </Text>
      ) : (
        totalCount > selectedCount(selection, totalCount) && (
          <Button variant="subtle" size="compact-sm" onClick={bulk.selectAllMatching}>
            Select all {totalCount} matching
          </Button>
        )
      )}
    </Group>
  );
});
