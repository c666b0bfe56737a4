import { Stack, Text, Title } from '@mantine/core';
import { ActivityFilters } from '../../../features/activity/activity-filters';
import { useActivityFilters } from '../../../features/activity/activity-params';
import { ActivityTimeline } from '../../../features/activity/activity-timeline';
import { activityQueries } from '../../../features/activity/api';
import { useCurrentUser } from '../../../lib/session';

export function ActivityRoute() {
  const user = useCurrentUser();
  const { filters, update, clear } = useActivityFilters();
  const filtered = Object.keys(filters).length > 0;

  return (
    <Stack gap="md" maw={880}>
      <title>Activity · Connector console</title>
      <Title order={1}>Activity</Title>
      <Text size="sm">
        {user.role === 'admin'
          ? "Every change to your organisation's connectors, newest first."
          : 'Changes to team connectors and to your own, newest first.'}
      </Text>
      <ActivityFilters filters={filters} onChange={update} onClear={clear} />
      <ActivityTimeline
        options={activityQueries.org(filters)}
        linkConnectors
        moreLabel="Load more"
        empty={filtered ? 'No activity matches these filters' : 'No activity yet'}
      />
    </Stack>
  );
}
