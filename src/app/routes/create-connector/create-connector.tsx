import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { findConnectorType } from '../../../../contract/connector-types';
import { paths } from '../../../config/paths';
import { CreateConnectorForm } from '../../../features/connectors/create/create-connector-form';
import { toViewer, useCurrentUser } from '../../../lib/session';

export function CreateConnectorRoute() {
  const { connectorType = '' } = useParams();
  const viewer = toViewer(useCurrentUser());
  const navigate = useNavigate();
  const type = findConnectorType(connectorType);
  const back = (
    <Anchor component={Link} to={paths.newConnector.href()} size="sm">
      ← All connector types
    </Anchor>
  );

  if (!type) {
    return (
      <Stack gap="md" align="flex-start">
        <title>Connector type not found · Connector console</title>
        {back}
        <Title order={1}>Connector type not found</Title>
        <Text size="sm">There is no connector type called “{connectorType}”.</Text>
        <Button component={Link} to={paths.newConnector.href()}>
          Choose a connector type
        </Button>
      </Stack>
    );
  }

  const teamOnly = !type.scopes.includes('personal');
  return (
    <Stack gap="md" maw={640}>
      <title>{`New ${type.displayName} connector · Connector console`}</title>
      {back}
      <Title order={1}>New {type.displayName} connector</Title>
      <Text size="sm">{type.description}.</Text>
      {teamOnly && viewer.role !== 'admin' ? (
        <Alert color="gray" title="Only admins can add this connector">
          {type.displayName} connectors are team connectors, and only admins create team connectors. Ask an admin to add one.
        </Alert>
      ) : (
        <CreateConnectorForm
          type={type}
          viewer={viewer}
          onCreated={(connector) => void navigate(paths.connector.href(connector.connectorId), { state: { created: true } })}
        />
      )}
    </Stack>
  );
}
