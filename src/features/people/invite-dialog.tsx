import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CopyField } from '../../components/copy-field';
import { formatDate } from './people-values';
import { InviteForm, type CreatedInvitation } from './invite-form';

type Props = { opened: boolean; onClose: () => void };

/** Invites someone, then shows the link once: there is no mail server, the admin hands it over. */
export function InviteDialog({ opened, onClose }: Props) {
  // The link lives here only while the dialog shows it; closing drops it for good.
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? 'Invitation link' : 'Invite someone'} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      {created ? (
        <Stack gap="sm">
          <Text size="sm">
            Send this link to {created.email}; it works once, until {formatDate(created.expiresAt)}.
          </Text>
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm" fw={600}>
              Copy it now: it will not be shown again.
            </Text>
          </Alert>
          {/* Opened by a click on "Create invitation link": copying it is the one thing left to do. */}
          <CopyField label="Invitation link" value={created.url} copyLabel="Copy link" autoFocus />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <InviteForm onInvited={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
