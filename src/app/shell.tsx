import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { Form, Link, NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { paths } from '../config/paths';
import { useCurrentUser } from '../lib/session';
import { useLiveConnectorUpdates } from '../features/connectors/live/live-updates';

export function Shell() {
  const user = useCurrentUser();
  const location = useLocation();
  useLiveConnectorUpdates(user.id, user.name);

  // A fixed header over the page, styled in global.css: Mantine's AppShell would add its navbar,
  // aside, footer and resizing code to the first download for this one header.
  return (
    <>
      <Anchor href="#main" className="skip-link">
        Skip to content
      </Anchor>
      <header className="shell-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={paths.connectors.href()} fw={700} c="var(--mantine-color-text)" underline="never">
            Connector console
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            <Anchor component={NavLink} to={paths.activity.href()} size="sm">
              Activity
            </Anchor>
            {user.role === 'admin' && (
              <Anchor component={NavLink} to={paths.people.href()} size="sm">
                People
              </Anchor>
            )}
            <Anchor component={NavLink} to={paths.settings.href()} size="sm">
              Settings
            </Anchor>
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
      </header>
      <main id="main" tabIndex={-1} className="shell-main">
        <Outlet />
      </main>
      {/* Keyed by path, so a filter change keeps the list's place. */}
      <ScrollRestoration getKey={(location) => location.pathname} />
    </>
  );
}
