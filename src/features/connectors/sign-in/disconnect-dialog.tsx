import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import { useDisconnect } from './sign-in-api';

type Props = { connector: Connector; opened: boolean; onClose: () => void };

/** Asks before forgetting a sign-in: what runs on it stops. */
export function DisconnectDialog({ connector, opened, onClose }: Props) {
  const disconnect = useDisconnect();
  const type = connectorTypeName(connector.connectorType);
  const close = () => {
    disconnect.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Disconnect ${connector.instanceName} from ${type}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">
          The stored sign-in is forgotten and sync and the agent turn off{connector.scope === 'team' ? ' for everyone in the organisation' : ''}. Sign in to {type} again
          to resume.
        </Text>
        {disconnect.isError && (
          <Alert color="red" title="Not disconnected">
            {disconnect.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" loading={disconnect.isPending} onClick={() => disconnect.mutate(connector.connectorId, { onSuccess: close })}>
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
