import type { OAuthAppSlot } from '../../../contract/oauth';
import { ConfirmDialog } from '../../components/confirm-dialog';
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
    <ConfirmDialog
      opened={opened}
      title={`Remove the ${slot.displayName} OAuth app?`}
      confirmLabel="Remove app"
      failedTitle="Not removed"
      error={remove.error}
      pending={remove.isPending}
      onClose={close}
      onConfirm={() => remove.mutate({ connectorType: slot.connectorType }, { onSuccess: onRemoved })}
    >
      People can no longer sign connectors of this type in; signed-in connectors keep working until their sign-in expires.
    </ConfirmDialog>
  );
}
