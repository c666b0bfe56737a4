import { Anchor, Group, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { Link, useLocation } from 'react-router';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import type { Viewer } from '../../../../contract/rules';
import { RelativeTime } from '../../../components/relative-time';
import { paths } from '../../../config/paths';
import { authTypeLabels, scopeLabels } from '../labels';
import { ConnectorBadges } from './connector-badges';
import { ConnectorToggles } from './connector-toggles';

type Props = {
  connector: Connector;
  viewer: Viewer;
  creatorName: string;
};

/**
 * One connector in the list. Memoized: the virtualized list renders again on every scroll event and
 * every cache write, and a row needs to render only when its own connector or creator changes.
 */
export const ConnectorRow = memo(function ConnectorRow({ connector, viewer, creatorName }: Props) {
  const { search } = useLocation();
  return (
    <Group justify="space-between" align="flex-start" gap="md" py="sm" px="md" wrap="wrap">
      <Stack gap={6} style={{ flex: '1 1 22rem', minWidth: 0 }}>
        <Group gap="xs" align="baseline" wrap="wrap">
          <Anchor
            component={Link}
            to={paths.connector.href(connector.connectorId)}
            state={{ listSearch: search }}
            fw={600} style={{ overflowWrap: 'anywhere' }}>
            {connector.instanceName}
          </Anchor>
          <Text size="sm" c="dimmed">
            {connectorTypeName(connector.connectorType)}
          </Text>
        </Group>
        <ConnectorBadges connector={connector} />
        <Text size="sm" c="dimmed">
          {scopeLabels[connector.scope]} · {authTypeLabels[connector.authType]} · Created by {creatorName} ·
          Last synced <RelativeTime value={connector.lastSyncAt} />
        </Text>
      </Stack>
      <div style={{ flex: '0 1 20rem', minWidth: 0 }}>
        <ConnectorToggles connector={connector} viewer={viewer} />
      </div>
    </Group>
  );
});
