import { Alert } from '@mantine/core';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import { changeDenial, isOAuth, type Viewer } from '../../../../contract/rules';
import { useMissingFields } from '../config-form/config-editor';

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
// Mantine's light yellow and teal titles miss WCAG AA contrast on their own backgrounds.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** What this connector needs before it can run, or that it is ready, in one sentence. */
export function NextStep({ connector, viewer }: { connector: Connector; viewer: Viewer }) {
  const missing = useMissingFields(connector);
  if (missing === undefined || connector.isActive) return null;
  const readOnly = changeDenial(viewer, connector) !== null;
  if (missing.length > 0) {
    return (
      <Alert color="yellow" styles={readableTitle} title="Next: finish the configuration">
        {readOnly
          ? `An admin needs to fill in ${list.format(missing)} before it can sync.`
          : `Fill in ${list.format(missing)} under “Credentials and sync settings” below.`}
      </Alert>
    );
  }
  if (readOnly) return null;
  if (isOAuth(connector.authType) && !connector.isAuthenticated) {
    return (
      <Alert color="yellow" styles={readableTitle} title={`Next: sign in to ${connectorTypeName(connector.connectorType)}`}>
        {connector.authProblem ? 'The sign-in ended (see below). ' : 'This connector reads with an account you sign in with. '}
        Until you sign in with the button below, sync and the agent stay off.
      </Alert>
    );
  }
  return (
    <Alert color="teal" styles={readableTitle} title="Ready to run">
      Turn on sync or the agent below.
    </Alert>
  );
}
