import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import { ConfirmDialog } from '../../../components/confirm-dialog';
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
    <ConfirmDialog
      opened={opened}
      title={`Disconnect ${connector.instanceName} from ${type}?`}
      confirmLabel="Disconnect"
      failedTitle="Not disconnected"
      error={disconnect.error}
      pending={disconnect.isPending}
      onClose={close}
      onConfirm={() => disconnect.mutate(connector.connectorId, { onSuccess: close })}
    >
      The stored sign-in is forgotten and sync and the agent turn off{connector.scope === 'team' ? ' for everyone in the organisation' : ''}. Sign in to {type} again to
      resume.
    </ConfirmDialog>
  );
}
