import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = {
  opened: boolean;
  title: string;
  /** What confirming does, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** The alert's title when confirming failed ("Not revoked"). */
  failedTitle: string;
  error: Error | null;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** Asks before something that cannot be undone from here; Cancel has the focus. */
export function ConfirmDialog({ opened, title, children, confirmLabel, failedTitle, error, pending, onConfirm, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {error && (
          <Alert color="red" title={failedTitle}>
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
