import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import type { Change } from './editor-values';

type Props = {
  /** The save was refused because of the newer version (412), rather than the newer version arriving by refetch. */
  refused: boolean;
  changes: Change[] | null;
  dirty: boolean;
  onReapply: () => void;
  onDiscard: () => void;
};

/** Someone else changed the connector: what they changed, and how to carry on without retyping. */
export function ConflictNotice({ refused, changes, dirty, onReapply, onDiscard }: Props) {
  const title = refused
    ? 'Not saved: another person changed this connector while you were editing'
    : 'This connector has changed since you opened it';

  return (
    <Alert
      color={refused ? 'red' : 'blue'}
      variant="light"
      title={title}
      role="alert"
      // Lets the table scroll sideways on a narrow screen instead of pushing the page wider.
      styles={{ wrapper: { minWidth: 0 }, body: { minWidth: 0 } }}
    >
      {changes === null ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Loading their version…</Text>
        </Group>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {changes.length > 0 ? 'What they changed:' : 'They changed nothing shown in this form.'}
          </Text>
          {changes.length > 0 && (
            <Table.ScrollContainer minWidth={320} mb="sm">
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Field</Table.Th>
                    <Table.Th scope="col">Was</Table.Th>
                    <Table.Th scope="col">Now</Table.Th>
                    {dirty && <Table.Th scope="col">Your edit</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changes.map((change) => (
                    <Table.Tr key={change.label}>
                      <Table.Th scope="row">{change.label}</Table.Th>
                      <Table.Td>{change.before || '(empty)'}</Table.Td>
                      <Table.Td>{change.after || '(empty)'}</Table.Td>
                      {dirty && <Table.Td>{change.yours ?? '(not edited)'}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group gap="sm">
            {dirty ? (
              <>
                <Button onClick={onReapply}>Apply my edits to the latest version</Button>
                <Button variant="default" onClick={onDiscard}>
                  Discard my edits
                </Button>
              </>
            ) : (
              <Button onClick={onDiscard}>Show the latest version</Button>
            )}
          </Group>
        </>
      )}
    </Alert>
  );
}
