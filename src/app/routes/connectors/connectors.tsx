import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { paths } from '../../../config/paths';
import { useMemo } from 'react';
import { BulkActions } from '../../../features/connectors/bulk/bulk-actions';
import { useBulkSelection } from '../../../features/connectors/bulk/use-bulk-selection';
import { ConnectorCounts } from '../../../features/connectors/components/connector-counts';
import { ConnectorList } from '../../../features/connectors/components/connector-list';
import { ListToolbar } from '../../../features/connectors/components/list-toolbar';
import { useListParams } from '../../../features/connectors/list-params';
import { SignInOutcomeNotice } from '../../../features/connectors/sign-in/sign-in-outcome';
import { toViewer, useCurrentUser, useUserName } from '../../../lib/session';

export function ConnectorsRoute() {
  const user = useCurrentUser();
  const viewer = useMemo(() => toViewer(user), [user]);
  const creatorName = useUserName();
  const { params, update, clearFilters } = useListParams();
  const bulk = useBulkSelection(params);
  const deleted = (useLocation().state as { deleted?: unknown } | null)?.deleted;

  return (
    <Stack gap="md">
      <title>Connectors · Connector console</title>
      <Group justify="space-between" align="center">
        <Title order={1}>Connectors</Title>
        <Button component={Link} to={paths.newConnector.href()}>
          New connector
        </Button>
      </Group>
      <SignInOutcomeNotice />
      {typeof deleted === 'string' && (
        <Alert color="gray" role="status" title={`Deleted ${deleted}`}>
          The connector and its stored credentials are gone.
        </Alert>
      )}
      <ConnectorCounts params={params} onChange={update} />
      <ListToolbar params={params} onChange={update} onClear={clearFilters} />
      <ConnectorList params={params} viewer={viewer} creatorName={creatorName} onClearFilters={clearFilters} bulk={bulk} />
      <BulkActions params={params} bulk={bulk} />
    </Stack>
  );
}
