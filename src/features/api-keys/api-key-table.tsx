import { Badge, Button, Code, Skeleton, Table, Text } from '@mantine/core';
import { DataTable } from '../../components/data-table';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiKey } from '../../../contract/api-keys';
import { LoadError } from '../../components/load-error';
import { RelativeTime } from '../../components/relative-time';
import { useCurrentUser, useUserName } from '../../lib/session';
import { useNow } from '../../lib/use-now';
import { apiKeyQueries } from './api';
import { roleLabels } from './api-key-values';
import { RevokeApiKeyDialog } from './revoke-api-key-dialog';

const newestFirst = (a: ApiKey, b: ApiKey) => b.createdAt.localeCompare(a.createdAt);

/** The keys the viewer may revoke: their own, and for an admin every key of the organisation. */
export function ApiKeyTable() {
  const query = useQuery(apiKeyQueries.list());
  const admin = useCurrentUser().role === 'admin';
  const userName = useUserName();
  const now = useNow();
  // The key stays set while the dialog closes, so that its title does not change as it fades out.
  const [revoking, setRevoking] = useState<{ apiKey: ApiKey | null; opened: boolean }>({ apiKey: null, opened: false });
  const [revoked, setRevoked] = useState<string | null>(null);

  if (query.isPending) return <Skeleton height={120} aria-label="Loading the API keys" />;
  if (query.isError) return <LoadError title="Could not load the API keys" message={query.error.message} onRetry={() => void query.refetch()} />;

  const keys = query.data.toSorted(newestFirst);
  return (
    <>
      {/* Present before it speaks, so that screen readers announce the change. */}
      <Text size="sm" role="status">
        {revoked ? `Revoked ${revoked}.` : ''}
      </Text>
      {keys.length === 0 ? (
        <Text size="sm" c="dimmed">
          No API keys yet.
        </Text>
      ) : (
        <DataTable label="API keys" columns={['Name', 'Key', 'Role', 'Created', 'Last used', 'Expires', admin && 'Created by']} actions minWidth={720}>
          {keys.map((apiKey) => (
            <Table.Tr key={apiKey.id}>
              <Table.Th scope="row" fw={500}>
                {apiKey.name}
              </Table.Th>
              <Table.Td>
                <Code>{apiKey.prefix}…</Code>
              </Table.Td>
              <Table.Td>{roleLabels[apiKey.role]}</Table.Td>
              <Table.Td>
                <RelativeTime value={apiKey.createdAt} />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={apiKey.lastUsedAt} />
              </Table.Td>
              <Table.Td>
                {apiKey.expiresAt && Date.parse(apiKey.expiresAt) <= now ? (
                  <Badge variant="outline" color="gray">
                    Expired
                  </Badge>
                ) : (
                  <RelativeTime value={apiKey.expiresAt} />
                )}
              </Table.Td>
              {admin && <Table.Td>{userName(apiKey.createdBy)}</Table.Td>}
              <Table.Td>
                <Button size="xs" variant="default" color="red" aria-label={`Revoke ${apiKey.name}`} onClick={() => setRevoking({ apiKey, opened: true })}>
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <RevokeApiKeyDialog
        apiKey={revoking.apiKey}
        opened={revoking.opened}
        onClose={() => setRevoking((current) => ({ ...current, opened: false }))}
        onRevoked={(apiKey) => {
          setRevoking({ apiKey, opened: false });
          setRevoked(apiKey.name);
        }}
      />
    </>
  );
}
