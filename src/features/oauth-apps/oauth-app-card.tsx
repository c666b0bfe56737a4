import { Badge, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import type { OAuthAppSlot } from '../../../contract/oauth';
import { RelativeTime } from '../../components/relative-time';
import { OAuthAppForm } from './oauth-app-form';
import { RedirectUrl } from './redirect-url';
import { RemoveOAuthAppDialog } from './remove-oauth-app-dialog';

/** One connector type that signs in with OAuth: whether the org's app is set up, where to register it, and its form. */
export function OAuthAppCard({ slot }: { slot: OAuthAppSlot }) {
  const titleId = useId();
  const formId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  // Each save remounts the form with what was saved, and it then says "Saved."
  const [saves, setSaves] = useState(0);
  const [removing, setRemoving] = useState(false);
  const [removed, setRemoved] = useState(false);
  const { app } = slot;

  const close = () => {
    setEditing(false);
    setSaves(0);
    toggle.current?.focus();
  };
  const open = () => {
    setRemoved(false);
    setEditing(true);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={3} size="h4" id={titleId}>
            {slot.displayName}
          </Title>
          {app ? (
            <Badge variant="filled" color="teal.9">
              Set up
            </Badge>
          ) : (
            <Badge variant="outline" color="gray">
              Not set up
            </Badge>
          )}
        </Group>
        {app ? (
          <Text size="sm">
            Client ID <Code>{app.clientId}</Code>, changed <RelativeTime value={app.updatedAt} />.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Create an OAuth app at {slot.displayName}, register the redirect URL below with it, then enter what {slot.displayName} issued for it.
          </Text>
        )}
        <RedirectUrl url={slot.redirectUrl} providerName={slot.displayName} />
        <Group gap="sm">
          <Button
            ref={toggle}
            variant={editing ? 'light' : 'filled'}
            aria-expanded={editing}
            aria-controls={editing ? formId : undefined}
            onClick={editing ? close : open}
          >
            {app ? 'Edit the app' : 'Set up the app'}
          </Button>
          {app && (
            <Button variant="default" color="red" onClick={() => setRemoving(true)}>
              Remove app
            </Button>
          )}
          {removed && !app && (
            <Text size="sm" role="status">
              Removed.
            </Text>
          )}
        </Group>
        {editing && (
          <div id={formId}>
            <OAuthAppForm key={saves} slot={slot} justSaved={saves > 0} onSaved={() => setSaves((count) => count + 1)} onCancel={close} />
          </div>
        )}
      </Stack>
      <RemoveOAuthAppDialog
        slot={slot}
        opened={removing}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          setEditing(false);
          setSaves(0);
          setRemoved(true);
        }}
      />
    </Card>
  );
}
