import { Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../components/load-error';
import { oauthAppQueries } from './api';
import { OAuthAppCard } from './oauth-app-card';

/** Every connector type that signs in with OAuth, each with the org's app for it. */
export function OAuthAppList() {
  const query = useQuery(oauthAppQueries.list());
  if (query.isPending) return <Skeleton height={320} aria-label="Loading the OAuth apps" />;
  if (query.isError) return <LoadError title="Could not load the OAuth apps" message={query.error.message} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap="md">
      {query.data.map((slot) => (
        <OAuthAppCard key={slot.connectorType} slot={slot} />
      ))}
    </Stack>
  );
}
