import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Connector } from '../../../../contract/connector';
import { isApiError } from '../../../lib/api-client';
import { useDeleteConnector } from '../lifecycle-api';

type Props = { connector: Connector; opened: boolean; onClose: () => void; onDeleted: () => void };

/** Asks before deleting; a team connector, which the whole organisation uses, needs its name typed first. */
export function DeleteConnectorDialog({ connector, opened, onClose, onDeleted }: Props) {
  const remove = useDeleteConnector();
  const [typed, setTyped] = useState('');
  const needsName = connector.scope === 'team';
  const confirmed = !needsName || typed.trim() === connector.instanceName;
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Delete ${connector.instanceName}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (confirmed) remove.mutate({ connector }, { onSuccess: onDeleted });
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            This deletes the connector and its stored credentials. Its data stops syncing{connector.scope === 'team' ? ' for everyone in the organisation' : ''}. This cannot
            be undone.
          </Text>
          {needsName && (
            <TextInput
              label={`Type ${connector.instanceName} to confirm`}
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
          )}
          {remove.isError && (
            <Alert color="red" title="Not deleted">
              {isApiError(remove.error) && remove.error.code === 'VERSION_CONFLICT'
                ? 'Someone else changed this connector just now. Look at their changes, then delete again if you still want to.'
                : remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!confirmed} loading={remove.isPending}>
              Delete
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
