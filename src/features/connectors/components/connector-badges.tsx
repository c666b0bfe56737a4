import { Badge, Group } from '@mantine/core';
import type { Connector } from '../../../../contract/connector';
import { isOAuth } from '../../../../contract/rules';
import { statusLabels } from '../labels';

// Filled badges with dark shades, or light shades with dark text (autoContrast): readable in both schemes.
const statusColors = { pending: 'yellow.4', active: 'teal.9', inactive: 'gray.7' } as const;

/**
 * The states a person scans for: lifecycle status, configuration, sign-in (OAuth only) and what is
 * switched on. Status and activity are two things, so they never share a word ("Status: Active" with
 * "Sync on", not with "Active").
 */
export function ConnectorBadges({ connector }: { connector: Connector }) {
  return (
    <Group gap={6}>
      <Badge variant="filled" color={statusColors[connector.status]} autoContrast>
        Status: {statusLabels[connector.status]}
      </Badge>
      {connector.isConfigured ? (
        <Badge variant="outline" color="gray">
          Configured
        </Badge>
      ) : (
        <Badge variant="filled" color="orange.4" autoContrast>
          Not configured
        </Badge>
      )}
      {isOAuth(connector.authType) &&
        (connector.isAuthenticated ? (
          <Badge variant="outline" color="gray">
            Signed in
          </Badge>
        ) : (
          <Badge variant="filled" color="red.9">
            {connector.authProblem ? 'Sign-in expired' : 'Needs sign-in'}
          </Badge>
        ))}
      {connector.syncEnabled && (
        <Badge variant="filled" color="blue.8">
          Sync on
        </Badge>
      )}
      {connector.agentEnabled && (
        <Badge variant="filled" color="blue.8">
          Agent on
        </Badge>
      )}
    </Group>
  );
}
