import { Button, Skeleton, Table, Text } from '@mantine/core';
import { DataTable } from '../../components/data-table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Invitation } from '../../../contract/people';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { LoadError } from '../../components/load-error';
import { RelativeTime } from '../../components/relative-time';
import { useUserName } from '../../lib/session';
import { peopleQueries, useRevokeInvitation } from './api';
import { roleLabels } from './people-values';

/** Invitations not yet accepted, revoked or expired, each with a way to revoke it. */
export function PendingInvitations() {
  const query = useQuery(peopleQueries.invitations());
  const userName = useUserName();
  const revoke = useRevokeInvitation();
  // The invitation stays set while the dialog closes, so that its title does not change as it fades out.
  const [revoking, setRevoking] = useState<{ invitation: Invitation | null; opened: boolean }>({ invitation: null, opened: false });
  const [revoked, setRevoked] = useState<string | null>(null);
  const close = () => {
    revoke.reset();
    setRevoking((current) => ({ ...current, opened: false }));
  };

  if (query.isPending) return <Skeleton height={80} aria-label="Loading the pending invitations" />;
  if (query.isError) return <LoadError title="Could not load the pending invitations" message={query.error.message} onRetry={() => void query.refetch()} />;

  return (
    <>
      {/* Present before it speaks, so that screen readers announce the change. */}
      <Text size="sm" role="status">
        {revoked ? `Revoked the invitation for ${revoked}.` : ''}
      </Text>
      {query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No pending invitations.
        </Text>
      ) : (
        <DataTable label="Pending invitations" columns={['Email', 'Role', 'Invited by', 'Invited', 'Expires']} actions minWidth={640}>
          {query.data.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Th scope="row" fw={500}>
                {invitation.email}
              </Table.Th>
              <Table.Td>{roleLabels[invitation.role]}</Table.Td>
              <Table.Td>{userName(invitation.invitedBy)}</Table.Td>
              <Table.Td>
                <RelativeTime value={invitation.createdAt} />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={invitation.expiresAt} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  color="red"
                  aria-label={`Revoke the invitation for ${invitation.email}`}
                  onClick={() => setRevoking({ invitation, opened: true })}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <ConfirmDialog
        opened={revoking.opened}
        title={`Revoke the invitation for ${revoking.invitation?.email ?? 'this person'}?`}
        confirmLabel="Revoke invitation"
        failedTitle="Not revoked"
        error={revoke.error}
        pending={revoke.isPending}
        onClose={close}
        onConfirm={() => {
          const { invitation } = revoking;
          if (!invitation) return;
          revoke.mutate(invitation, {
            onSuccess: () => {
              revoke.reset();
              setRevoking({ invitation, opened: false });
              setRevoked(invitation.email);
            },
          });
        }}
      >
        Their link stops working at once. You can invite them again later.
      </ConfirmDialog>
    </>
  );
}
