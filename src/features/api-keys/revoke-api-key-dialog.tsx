import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ApiKey } from '../../../contract/api-keys';
import { useRevokeApiKey } from './api';

type Props = { apiKey: ApiKey | null; opened: boolean; onClose: () => void; onRevoked: (apiKey: ApiKey) => void };

/** Asks before revoking a key, and says what revoking does to whatever uses it. */
export function RevokeApiKeyDialog({ apiKey, opened, onClose, onRevoked }: Props) {
  const revoke = useRevokeApiKey();
  const close = () => {
    revoke.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Revoke ${apiKey?.name ?? 'the key'}?`} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">Scripts using this key stop working at once.</Text>
        {revoke.isError && (
          <Alert color="red" title="Not revoked">
            {revoke.error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => {
              if (!apiKey) return;
              revoke.mutate(apiKey, {
                onSuccess: () => {
                  revoke.reset();
                  onRevoked(apiKey);
                },
              });
            }}
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
