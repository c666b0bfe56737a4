import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { OrgUser } from '../../../contract/auth';
import { peopleQueries, useRemovePerson } from './api';
import { connectorCount } from './people-values';

type Props = { person: OrgUser | null; opened: boolean; onClose: () => void; onRemoved: (person: OrgUser, deletedConnectors: number) => void };

/** Says what goes with someone (counted by the server as the dialog opens) before removing them. */
export function RemovePersonDialog({ person, opened, onClose, onRemoved }: Props) {
  const remove = useRemovePerson();
  const preview = useQuery({ ...peopleQueries.removal(person?.id ?? ''), enabled: opened && person !== null });
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Remove ${person?.name ?? 'this person'}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        {preview.isPending ? (
          <Group gap="xs">
            <Loader size="xs" aria-label="Counting their personal connectors" />
            <Text size="sm">Counting their personal connectors…</Text>
          </Group>
        ) : preview.isError ? (
          <Alert color="red" title="Could not count their personal connectors">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{preview.error.message}</Text>
              <Button size="xs" onClick={() => void preview.refetch()}>
                Try again
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Text size="sm">
            {preview.data === 0
              ? 'They have no personal connectors.'
              : `Their ${connectorCount(preview.data)} will be deleted.`}{' '}
            Their sessions and API keys end at once. Team connectors they made stay.
          </Text>
        )}
        {remove.isError && (
          <Alert color="red" title="Not removed">
            {remove.error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            // Nobody confirms a removal without having been told what goes with it.
            disabled={!preview.isSuccess}
            onClick={() => {
              if (!person) return;
              remove.mutate(
                { userId: person.id },
                {
                  onSuccess: (deleted) => {
                    remove.reset();
                    onRemoved(person, deleted);
                  },
                },
              );
            }}
          >
            Remove person
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
