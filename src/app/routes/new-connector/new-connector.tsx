import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { ConnectorCatalog } from '../../../features/connectors/catalog/connector-catalog';
import { toViewer, useCurrentUser } from '../../../lib/session';

export function NewConnectorRoute() {
  const viewer = toViewer(useCurrentUser());
  return (
    <Stack gap="md">
      <title>New connector · Connector console</title>
      <Anchor component={Link} to={paths.connectors.href()} size="sm">
        ← All connectors
      </Anchor>
      <Title order={1}>New connector</Title>
      <Text size="sm">
        {viewer.role === 'admin'
          ? 'Choose what to connect. You can create team connectors, which serve the whole organisation, and personal ones.'
          : 'Choose what to connect. Your connectors are personal: only you see and change them. Team connectors are created by admins.'}
      </Text>
      <ConnectorCatalog viewer={viewer} hrefFor={(type) => paths.createConnector.href(type.id)} />
    </Stack>
  );
}
