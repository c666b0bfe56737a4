import { DataList, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import { isOAuth } from '../../../../contract/rules';
import { RelativeTime } from '../../../components/relative-time';
import { formatDateTime } from '../../../lib/format-time';
import { authTypeLabels, scopeLabels } from '../labels';

type Props = { connector: Connector; creatorName: (userId: string) => string };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function signInFact(connector: Connector, userName: (userId: string) => string): string {
  if (!connector.isAuthenticated) return connector.authProblem ? `No: ${connector.authProblem.message}` : 'Not yet';
  if (!connector.signedInAt) return 'Yes';
  return `By ${connector.signedInBy ? userName(connector.signedInBy) : 'someone'}, ${formatDateTime(new Date(connector.signedInAt))}`;
}

/** The read-only facts about a connector instance. */
export function ConnectorFacts({ connector, creatorName }: Props) {
  return (
    <section aria-labelledby="facts-title">
      <Title order={2} size="h3" id="facts-title" mb="sm">
        Details
      </Title>
      <DataList withDivider labelWidth="9rem">
        <Fact label="Type">{connectorTypeName(connector.connectorType)}</Fact>
        <Fact label="Scope">{scopeLabels[connector.scope]}</Fact>
        <Fact label="Auth type">{authTypeLabels[connector.authType]}</Fact>
        <Fact label="Created by">{creatorName(connector.createdBy)}</Fact>
        {isOAuth(connector.authType) && <Fact label="Signed in">{signInFact(connector, creatorName)}</Fact>}
        <Fact label="Sync">{connector.syncEnabled ? 'On' : 'Off'}</Fact>
        <Fact label="Agent">{connector.supportsAgent ? (connector.agentEnabled ? 'On' : 'Off') : 'Not supported by this type'}</Fact>
        <Fact label="Last synced">
          {connector.lastSyncAt ? `${formatDateTime(new Date(connector.lastSyncAt))} (` : ''}
          <RelativeTime value={connector.lastSyncAt} />
          {connector.lastSyncAt ? ')' : ''}
        </Fact>
        <Fact label="Created">{formatDateTime(new Date(connector.createdAt))}</Fact>
        <Fact label="Last changed">{formatDateTime(new Date(connector.updatedAt))}</Fact>
        <Fact label="Connector ID">{connector.connectorId}</Fact>
      </DataList>
    </section>
  );
}
