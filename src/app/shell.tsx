import { Anchor, AppShell, Badge, Button, Group, Text } from '@mantine/core';
import { Form, Link, Outlet, useLocation } from 'react-router';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { paths } from '../config/paths';
import { useCurrentUser } from '../lib/session';

export function Shell() {
  const user = useCurrentUser();
  const location = useLocation();

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <Anchor href="#main" className="skip-link">
        Skip to content
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={paths.connectors.href()} fw={700} c="var(--mantine-color-text)" underline="never">
            Connector console
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            <Group gap={6} visibleFrom="sm" wrap="nowrap">
              <Text size="sm">{user.name}</Text>
              <Badge variant="outline" color="gray">
                {user.role}
              </Badge>
            </Group>
            <ColorSchemeToggle />
            <Form method="post" action={paths.signOut.path}>
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
              <Button type="submit" variant="default">
                Sign out
              </Button>
            </Form>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
