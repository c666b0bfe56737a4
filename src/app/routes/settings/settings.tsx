import { Stack, Text, Title } from '@mantine/core';
import { ChangePasswordForm } from '../../../features/account/change-password-form';
import { ApiKeys } from '../../../features/api-keys/api-keys';
import { OAuthAppList } from '../../../features/oauth-apps/oauth-app-list';
import { useCurrentUser } from '../../../lib/session';

export function SettingsRoute() {
  const user = useCurrentUser();
  return (
    <Stack gap="xl" maw={960}>
      <title>Settings · Connector console</title>
      <Title order={1}>Settings</Title>
      <Stack gap="md" component="section" aria-labelledby="password-title">
        <Title order={2} size="h3" id="password-title">
          Password
        </Title>
        <Text size="sm">Changing your password signs you out everywhere else; this browser stays signed in.</Text>
        <ChangePasswordForm />
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="api-keys-title">
        <Title order={2} size="h3" id="api-keys-title">
          API keys
        </Title>
        <Text size="sm">Scripts call the API with a key, as you and with at most your role. You manage your own keys; admins also see every key of the organisation.</Text>
        <ApiKeys />
      </Stack>
      {user.role === 'admin' && (
        <Stack gap="md" component="section" aria-labelledby="oauth-apps-title">
          <Title order={2} size="h3" id="oauth-apps-title">
            OAuth apps
          </Title>
          <Text size="sm">Connectors of these types sign in with the organisation's OAuth app at their provider; people cannot sign them in until it is set up.</Text>
          <OAuthAppList />
        </Stack>
      )}
    </Stack>
  );
}
