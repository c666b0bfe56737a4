import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { ActivityFilters } from '../../../features/activity/activity-filters';
import { useActivityFilters } from '../../../features/activity/activity-params';
import { ActivityTimeline } from '../../../features/activity/activity-timeline';
import { activityQueries } from '../../../features/activity/api';
import { SecurityEvents } from '../../../features/security-events/security-events';
import { useCurrentUser } from '../../../lib/session';

type Tab = 'connectors' | 'security';
const TAB_PARAM = 'tab';

/** The open tab, kept in the URL so that the back button and a shared link restore it. */
function useTab(allowed: boolean): [Tab, (tab: string | null) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: Tab = allowed && searchParams.get(TAB_PARAM) === 'security' ? 'security' : 'connectors';
  const select = (value: string | null) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (value === 'security') next.set(TAB_PARAM, value);
      else next.delete(TAB_PARAM);
      return next;
    });
  return [tab, select];
}

export function ActivityRoute() {
  const user = useCurrentUser();
  const admin = user.role === 'admin';
  const [tab, selectTab] = useTab(admin);

  return (
    <Stack gap="md" maw={admin ? 1080 : 880}>
      <title>Activity · Connector console</title>
      <Title order={1}>Activity</Title>
      {admin ? (
        // Only the open tab is rendered, so the other tab's list is not fetched until it is opened.
        <Tabs value={tab} onChange={selectTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="connectors">Connectors</Tabs.Tab>
            <Tabs.Tab value="security">Security</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="connectors" pt="md">
            <ConnectorActivity description="Every change to your organisation's connectors, newest first." />
          </Tabs.Panel>
          <Tabs.Panel value="security" pt="md">
            <Stack gap="md">
              <Text size="sm">Sign-ins, lockouts, password changes, invitations, role changes and removals in your organisation, newest first.</Text>
              <SecurityEvents />
            </Stack>
          </Tabs.Panel>
        </Tabs>
      ) : (
        <ConnectorActivity description="Changes to team connectors and to your own, newest first." />
      )}
    </Stack>
  );
}

function ConnectorActivity({ description }: { description: string }) {
  const { filters, update, clear } = useActivityFilters();
  const filtered = Object.keys(filters).length > 0;
  return (
    <Stack gap="md">
      <Text size="sm">{description}</Text>
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
