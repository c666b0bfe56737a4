import { Alert, Button, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { DataTable } from '../../components/data-table';
import { useInfiniteQuery } from '@tanstack/react-query';
import { securityActionSchema, type SecurityEvent } from '../../../contract/people';
import { LoadError } from '../../components/load-error';
import { RelativeTime } from '../../components/relative-time';
import { useUserName } from '../../lib/session';
import { securityEventQueries, type SecurityEventFilters } from './api';
import { describeDetails, securityActionLabels } from './describe-security-event';
import { useSecurityEventFilters } from './security-event-params';

// "Any" is a choice of its own, so the input always says what the list shows.
const actionOptions = [{ value: '', label: 'Any event' }, ...securityActionSchema.options.map((action) => ({ value: action, label: securityActionLabels[action] }))];

/** Sign-ins, lockouts, password changes and changes to the org's people, newest first (admins). */
export function SecurityEvents() {
  const { filters, setAction } = useSecurityEventFilters();
  return (
    <Stack gap="md" align="flex-start">
      <Select
        label="Event"
        data={actionOptions}
        value={filters.action ?? ''}
        allowDeselect={false}
        w="16rem"
        maw="100%"
        onChange={(value) => setAction(value)}
      />
      <SecurityEventTable filters={filters} />
    </Stack>
  );
}

function SecurityEventTable({ filters }: { filters: SecurityEventFilters }) {
  const query = useInfiniteQuery(securityEventQueries.list(filters));
  const userName = useUserName();
  const events = query.data?.pages.flatMap((page) => page.events) ?? [];

  if (query.isPending) return <Skeleton height={120} aria-label="Loading the security events" />;
  if (query.isError && events.length === 0) {
    return <LoadError title="Could not load the security events" message={query.error.message} onRetry={() => void query.refetch()} />;
  }
  if (events.length === 0) return <Text c="dimmed">{filters.action ? 'No security events of this kind' : 'No security events yet'}</Text>;

  return (
    <Stack gap="sm" align="flex-start" w="100%">
      <DataTable label="Security events, newest first" columns={['When', 'What', 'Who', 'Whom', 'From', 'Details']} minWidth={800}>
        {events.map((event) => (
          <EventRow key={event.id} event={event} details={describeDetails(event, userName)} />
        ))}
      </DataTable>
      {query.isFetchNextPageError && (
        <Alert color="red" title="Could not load more security events" w="100%">
          {query.error?.message}
        </Alert>
      )}
      {query.hasNextPage && (
        <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchNextPageError ? 'Try again' : 'Load more'}
        </Button>
      )}
    </Stack>
  );
}

function EventRow({ event, details }: { event: SecurityEvent; details: string }) {
  return (
    <Table.Tr>
      <Table.Td>
        <RelativeTime value={event.at} />
      </Table.Td>
      <Table.Th scope="row" fw={500}>
        {securityActionLabels[event.action]}
      </Table.Th>
      <Table.Td>{event.actor.name}</Table.Td>
      <Table.Td>{event.subject?.name ?? '—'}</Table.Td>
      <Table.Td>{event.address ?? 'Unknown'}</Table.Td>
      <Table.Td>{details || '—'}</Table.Td>
    </Table.Tr>
  );
}
