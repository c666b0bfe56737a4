import { List, ScrollArea, Text } from '@mantine/core';
import { useId } from 'react';
import type { BulkResult } from '../../../../contract/bulk';

// Enough to see who and why; thousands of list items would only slow the dialog down.
const SHOWN = 100;

type Props = {
  results: readonly BulkResult[];
  /** Names to fall back on: the real run does not name the rows it refuses, its dry run did. */
  names?: ReadonlyMap<string, string | null>;
};

export function RefusedList({ results, names }: Props) {
  const headingId = useId();
  const refused = results.filter((result) => result.outcome === 'refused');
  if (refused.length === 0) return null;
  const hidden = refused.length - SHOWN;

  return (
    <div>
      <Text id={headingId} size="sm" fw={600} mb={4}>
        Cannot be changed
      </Text>
      <ScrollArea.Autosize mah={240} type="auto" viewportProps={{ tabIndex: 0, role: 'region', 'aria-labelledby': headingId }}>
        <List size="sm" spacing={4} pr="md">
          {refused.slice(0, SHOWN).map((result) => (
            <List.Item key={result.connectorId}>
              <Text span size="sm" fw={600}>
                {result.instanceName ?? names?.get(result.connectorId) ?? `Connector ${result.connectorId}`}
              </Text>
              : {result.message}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
      {hidden > 0 && (
        <Text size="sm" mt={4}>
          and {hidden} more
        </Text>
      )}
    </div>
  );
}
