import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { InviteDialog } from '../../../features/people/invite-dialog';
import { MembersTable } from '../../../features/people/members-table';
import { PendingInvitations } from '../../../features/people/pending-invitations';
import { useCurrentUser } from '../../../lib/session';

export function PeopleRoute() {
  const user = useCurrentUser();
  const [inviting, setInviting] = useState(false);

  if (user.role !== 'admin') {
    return (
      <Stack gap="md" maw={720}>
        <title>People · Connector console</title>
        <Title order={1}>People</Title>
        <Alert color="gray" title="Only admins manage people">
          Ask an admin of your organisation to invite someone, change a role or remove someone.
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="xl" maw={960}>
      <title>People · Connector console</title>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>People</Title>
        <Button onClick={() => setInviting(true)}>Invite someone</Button>
      </Group>
      <Stack gap="md" component="section" aria-labelledby="members-title">
        <Title order={2} size="h3" id="members-title">
          Members
        </Title>
        <Text size="sm">Admins manage connectors, people and the organisation's settings; members manage their own connectors.</Text>
        <MembersTable />
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="invitations-title">
        <Title order={2} size="h3" id="invitations-title">
          Pending invitations
        </Title>
        <PendingInvitations />
      </Stack>
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
    </Stack>
  );
}
