import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { OAuthAppList } from '../../../features/oauth-apps/oauth-app-list';
import { useCurrentUser } from '../../../lib/session';

export function SettingsRoute() {
  const user = useCurrentUser();
  return (
    <Stack gap="md" maw={720}>
      <title>Settings · Connector console</title>
      <Title order={1}>Settings</Title>
      {user.role === 'admin' ? (
        <Stack gap="md" component="section" aria-labelledby="oauth-apps-title">
          <Title order={2} size="h3" id="oauth-apps-title">
            OAuth apps
          </Title>
          <Text size="sm">Connectors of these types sign in with the organisation's OAuth app at their provider; people cannot sign them in until it is set up.</Text>
          <OAuthAppList />
        </Stack>
      ) : (
        <Alert color="gray" title="Only admins can manage settings">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">Ask an admin of your organisation to change them.</Text>
            <Button component={Link} to={paths.connectors.href()}>
              Back to connectors
            </Button>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
