import { Button, Stack, type ButtonProps } from '@mantine/core';
import { useId } from 'react';
import { useLocation } from 'react-router';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import { isOAuth, signInDenial, type Viewer } from '../../../../contract/rules';
import classes from '../components/connector-row.module.css';
import { browserLocation, useStartSignIn } from './sign-in-api';

type Props = { connector: Connector; viewer: Viewer; size?: ButtonProps['size']; variant?: ButtonProps['variant'] };

/** Whether this viewer can sign this connector in (or reconnect it). */
export function maySignIn(viewer: Viewer, connector: Connector): boolean {
  return isOAuth(connector.authType) && signInDenial(viewer, connector) === null;
}

/**
 * "Sign in to Notion" while the connector is signed out, "Reconnect" once signed in: both go to the
 * provider and come back to this page, the same connector signed in again.
 */
export function SignInButton({ connector, viewer, size = 'sm', variant }: Props) {
  const start = useStartSignIn();
  const { pathname, search } = useLocation();
  const errorId = useId();
  if (!maySignIn(viewer, connector)) return null;
  const label = connector.isAuthenticated ? 'Reconnect' : `Sign in to ${connectorTypeName(connector.connectorType)}`;
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size={size}
        variant={variant ?? (connector.isAuthenticated ? 'default' : 'filled')}
        loading={start.isPending || start.isSuccess}
        aria-label={`${label}: ${connector.instanceName}`}
        aria-describedby={start.isError ? errorId : undefined}
        onClick={() =>
          start.mutate({ connectorId: connector.connectorId, returnTo: pathname + search }, { onSuccess: (url) => browserLocation.assign(url) })
        }
      >
        {label}
      </Button>
      {start.isError && (
        <p id={errorId} className={classes.problem} role="alert">
          {start.error.message}
        </p>
      )}
    </Stack>
  );
}
