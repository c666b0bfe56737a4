import { Stack, Title } from '@mantine/core';
import { useId } from 'react';
import { activityQueries } from './api';
import { ActivityTimeline } from './activity-timeline';

export function ConnectorActivity({ connectorId, version }: { connectorId: string; version: number }) {
  const titleId = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        Activity
      </Title>
      <ActivityTimeline options={activityQueries.connector(connectorId, version)} />
    </Stack>
  );
}
