import type { ApiKey } from '../../../contract/api-keys';
import { ConfirmDialog } from '../../components/confirm-dialog';
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
    <ConfirmDialog
      opened={opened}
      title={`Revoke ${apiKey?.name ?? 'the key'}?`}
      confirmLabel="Revoke key"
      failedTitle="Not revoked"
      error={revoke.error}
      pending={revoke.isPending}
      onClose={close}
      onConfirm={() => {
        if (!apiKey) return;
        revoke.mutate(apiKey, {
          onSuccess: () => {
            revoke.reset();
            onRevoked(apiKey);
          },
        });
      }}
    >
      Scripts using this key stop working at once.
    </ConfirmDialog>
  );
}
