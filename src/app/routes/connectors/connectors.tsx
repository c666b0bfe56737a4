import { Stack, Title } from '@mantine/core';
import { useMemo } from 'react';
import { ConnectorCounts } from '../../../features/connectors/components/connector-counts';
import { ConnectorList } from '../../../features/connectors/components/connector-list';
import { ListToolbar } from '../../../features/connectors/components/list-toolbar';
import { useListParams } from '../../../features/connectors/list-params';
import { toViewer, useCurrentUser, useUserName } from '../../../lib/session';

export function ConnectorsRoute() {
  const user = useCurrentUser();
  const viewer = useMemo(() => toViewer(user), [user]);
  const creatorName = useUserName();
  const { params, update, clearFilters } = useListParams();

  return (
    <Stack gap="md">
      <title>Connectors · Connector console</title>
      <Title order={1}>Connectors</Title>
      <ConnectorCounts params={params} onChange={update} />
      <ListToolbar params={params} onChange={update} onClear={clearFilters} />
      <ConnectorList params={params} viewer={viewer} creatorName={creatorName} onClearFilters={clearFilters} />
    </Stack>
  );
}
