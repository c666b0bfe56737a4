import { Skeleton, Text } from '@mantine/core';
import { DataTable } from '../../components/data-table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { OrgUser } from '../../../contract/auth';
import { LoadError } from '../../components/load-error';
import { useCurrentUser } from '../../lib/session';
import { peopleQueries } from './api';
import { MemberRow } from './member-row';
import { connectorCount, currentMembers, isLastAdmin } from './people-values';
import { RemovePersonDialog } from './remove-person-dialog';

/** The organisation's people, with their roles; removed people are not among them. */
export function MembersTable() {
  const query = useQuery(peopleQueries.members());
  const me = useCurrentUser();
  // The person stays set while the dialog closes, so that its title does not change as it fades out.
  const [removing, setRemoving] = useState<{ person: OrgUser | null; opened: boolean }>({ person: null, opened: false });
  const [removed, setRemoved] = useState<string | null>(null);

  if (query.isPending) return <Skeleton height={120} aria-label="Loading the people" />;
  if (query.isError) return <LoadError title="Could not load the people" message={query.error.message} onRetry={() => void query.refetch()} />;

  const members = currentMembers(query.data);
  return (
    <>
      {/* Present before it speaks, so that screen readers announce the change. */}
      <Text size="sm" role="status">
        {removed ?? ''}
      </Text>
      <DataTable label="Members" columns={['Name', 'Email', 'Role']} actions minWidth={640}>
        {members.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            you={member.id === me.id}
            lastAdmin={isLastAdmin(members, member.id)}
            onRemove={(person) => setRemoving({ person, opened: true })}
          />
        ))}
      </DataTable>
      <RemovePersonDialog
        person={removing.person}
        opened={removing.opened}
        onClose={() => setRemoving((current) => ({ ...current, opened: false }))}
        onRemoved={(person, deleted) => {
          setRemoving({ person, opened: false });
          setRemoved(`Removed ${person.name}. ${deleted === 0 ? 'They had no personal connectors.' : `${connectorCount(deleted)} deleted.`}`);
        }}
      />
    </>
  );
}
