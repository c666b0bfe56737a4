import { Alert, Anchor, Button, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { changeDenial } from '../../../../contract/rules';
import { paths } from '../../../config/paths';
import { connectorQueries } from '../../../features/connectors/api';
import { ConnectorBadges } from '../../../features/connectors/components/connector-badges';
import { ConnectorFacts } from '../../../features/connectors/components/connector-facts';
import { ConnectorEditor } from '../../../features/connectors/editor/connector-editor';
import { ConfigEditor } from '../../../features/connectors/config-form/config-editor';
import { ConnectorToggles } from '../../../features/connectors/components/connector-toggles';
import { NextStep } from '../../../features/connectors/components/next-step';
import { UnsavedChangesGuard } from '../../../features/connectors/unsaved-changes';
import { DeleteConnectorDialog } from '../../../features/connectors/delete/delete-connector-dialog';
import { SignInActions } from '../../../features/connectors/sign-in/sign-in-actions';
import { SignInOutcomeNotice } from '../../../features/connectors/sign-in/sign-in-outcome';
import { ConnectorActivity } from '../../../features/activity/connector-activity';
import { isApiError } from '../../../lib/api-client';
import { toViewer, useCurrentUser, useUserName } from '../../../lib/session';

/** Back to the list as the user left it (search, filters, sort), when they came from it. */
function useBackToList(): string {
  const state: unknown = useLocation().state;
  const from = (state as { listSearch?: unknown } | null)?.listSearch;
  return paths.connectors.href(typeof from === 'string' ? from.replace(/^\?/, '') : undefined);
}

export function ConnectorRoute() {
  const { connectorId = '' } = useParams();
  const user = useCurrentUser();
  const creatorName = useUserName();
  const backHref = useBackToList();
  const query = useQuery(connectorQueries.detail(connectorId));
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);

  const back = (
    <Anchor component={Link} to={backHref} size="sm">
      ← All connectors
    </Anchor>
  );

  if (query.isPending) {
    return (
      <Stack gap="md" role="status" aria-label="Loading the connector">
        {back}
        <Skeleton height={32} width="50%" />
        <Skeleton height={20} width="40%" />
        <Skeleton height={320} />
      </Stack>
    );
  }

  if (query.isError) {
    const missing = isApiError(query.error) && query.error.code === 'NOT_FOUND';
    return (
      <Stack gap="md" align="flex-start">
        <title>Connector not found · Connector console</title>
        {back}
        <Title order={1}>{missing ? 'Connector not found' : 'Could not load this connector'}</Title>
        <Alert color={missing ? 'gray' : 'red'} w="100%">
          <Text size="sm">{missing ? 'This connector does not exist, or it is a personal connector of someone else.' : query.error.message}</Text>
        </Alert>
        <Group>
          <Button component={Link} to={backHref}>
            Back to connectors
          </Button>
          {!missing && (
            <Button variant="default" onClick={() => void query.refetch()}>
              Try again
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  const connector = query.data;
  const viewer = toViewer(user);
  const mayChange = changeDenial(viewer, connector) === null;
  return (
    <UnsavedChangesGuard>
      <Stack gap="md">
        <title>{`${connector.instanceName} · Connector console`}</title>
        {back}
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {connector.instanceName}
          </Title>
          <Group gap="xs" justify="flex-end">
            <SignInActions connector={connector} viewer={viewer} />
            {mayChange && (
              <Button variant="default" color="red" onClick={() => setDeleting(true)}>
                Delete connector
              </Button>
            )}
          </Group>
        </Group>
        <SignInOutcomeNotice />
        <ConnectorBadges connector={connector} />
        <NextStep connector={connector} viewer={viewer} />
        <ConnectorToggles connector={connector} viewer={viewer} />
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <ConnectorFacts connector={connector} creatorName={creatorName} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xl">
              <ConnectorEditor key={connector.connectorId} connector={connector} viewer={viewer} />
              <ConfigEditor key={`config-${connector.connectorId}`} connector={connector} viewer={viewer} />
            </Stack>
          </Grid.Col>
        </Grid>
        <ConnectorActivity connectorId={connector.connectorId} version={connector.version} />
        <DeleteConnectorDialog
          connector={connector}
          opened={deleting}
          onClose={() => setDeleting(false)}
          onDeleted={() => void navigate(backHref, { replace: true, state: { deleted: connector.instanceName, leavesEdits: true } })}
        />
      </Stack>
    </UnsavedChangesGuard>
  );
}
