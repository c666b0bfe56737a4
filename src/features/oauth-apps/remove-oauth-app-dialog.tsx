import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { OAuthAppSlot } from '../../../contract/oauth';
import { useRemoveOAuthApp } from './api';

type Props = { slot: OAuthAppSlot; opened: boolean; onClose: () => void; onRemoved: () => void };

/** Asks before removing a type's OAuth app, and says what removing it does to the connectors of that type. */
export function RemoveOAuthAppDialog({ slot, opened, onClose, onRemoved }: Props) {
  const remove = useRemoveOAuthApp();
  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Remove the ${slot.displayName} OAuth app?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">People can no longer sign connectors of this type in; signed-in connectors keep working until their sign-in expires.</Text>
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
            onClick={() => remove.mutate({ connectorType: slot.connectorType }, { onSuccess: onRemoved })}
          >
            Remove app
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
