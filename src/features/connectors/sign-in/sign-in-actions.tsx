import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import type { Connector } from '../../../../contract/connector';
import type { Viewer } from '../../../../contract/rules';
import { DisconnectDialog } from './disconnect-dialog';
import { maySignIn, SignInButton } from './sign-in-button';

/** On a signed-in connector's page: sign the same connector in again, or forget the sign-in. */
export function SignInActions({ connector, viewer }: { connector: Connector; viewer: Viewer }) {
  const [disconnecting, setDisconnecting] = useState(false);
  if (!connector.isAuthenticated || !maySignIn(viewer, connector)) return null;
  return (
    <Group gap="xs" align="flex-start">
      <SignInButton connector={connector} viewer={viewer} />
      <Button variant="default" onClick={() => setDisconnecting(true)}>
        Disconnect
      </Button>
      <DisconnectDialog connector={connector} opened={disconnecting} onClose={() => setDisconnecting(false)} />
    </Group>
  );
}
