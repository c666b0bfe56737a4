import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { connectorResponseSchema, type Connector } from '../../../contract/connector';
import {
  connectorConfigResponseSchema,
  type ConnectorConfig,
  type ConnectorConfigInput,
  type CreateConnectorRequest,
} from '../../../contract/connector-config';
import { z } from 'zod';
import { apiRequest, isApiError, writeOrConfirm, type ApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { fetchConnector } from './api';
import { removeCachedConnector, writeServerConnector } from './cache';
import { connectorKeys } from './keys';

const path = (connectorId: string) => `/connectors/${encodeURIComponent(connectorId)}`;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const deletedSchema = z.object({ success: z.literal(true), message: z.string() });

// Apart from connectorQueries (api.ts): the configuration's schemas load with the pages that edit it,
// not with the list.
export const configQueries = {
  config: (connectorId: string) =>
    queryOptions({
      queryKey: connectorKeys.config(connectorId),
      queryFn: ({ signal }) => apiRequest(`${path(connectorId)}/config`, connectorConfigResponseSchema, { signal }).then((body) => body.config),
    }),
};

/** The field errors in a refusal of a connector form; a taken name belongs to the name field. */
export function connectorFieldErrors(error: unknown, prefix: string[] = []): Record<string, string> {
  if (isApiError(error) && error.code === 'CONFLICT') return { instanceName: error.message };
  return fieldErrors(error, prefix);
}

/** New rows belong somewhere in every sorted list: the lists and counts are asked again. */
export function useCreateConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateConnectorRequest) =>
      apiRequest('/connectors', connectorResponseSchema, { method: 'POST', body: request }).then((body) => body.connector),
    onSuccess: (connector) => {
      queryClient.setQueryData(connectorKeys.detail(connector.connectorId), connector);
      void queryClient.invalidateQueries({ queryKey: connectorKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
    },
  });
}

/** Whether `config` holds every value of `input` (a stored secret cannot be read back: only a removed one is compared). */
function holdsConfig(config: ConnectorConfig, input: ConnectorConfigInput): boolean {
  return (['auth', 'sync', 'filters'] as const).every((section) =>
    Object.entries(input[section] ?? {}).every(([name, value]) => {
      if (config.config.storedSecrets.includes(name)) return value !== null;
      const stored = config.config[section][name];
      return value === null || value === '' ? stored === undefined : stored === value;
    }),
  );
}

function sendConfig(connectorId: string, input: ConnectorConfigInput, version: number): Promise<ConnectorConfig> {
  const url = `${path(connectorId)}/config`;
  return writeOrConfirm(
    async () => (await apiRequest(url, connectorConfigResponseSchema, { method: 'PUT', body: input, headers: ifMatch(version) })).config,
    async () => {
      const { config } = await apiRequest(url, connectorConfigResponseSchema);
      return config.version === version + 1 && holdsConfig(config, input) ? config : null;
    },
  );
}

/** Saves credentials and settings, then writes the connector's new state into every cached page that holds it. */
export function useConfigureConnector(connectorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, version }: { input: ConnectorConfigInput; version: number }) => {
      const config = await sendConfig(connectorId, input, version);
      return { config, connector: await fetchConnector(connectorId) };
    },
    onSuccess: ({ config, connector }) => {
      queryClient.setQueryData<ConnectorConfig>(connectorKeys.config(connectorId), config);
      writeServerConnector(queryClient, connector);
      void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
    },
    onError: (error: ApiError) => {
      if (error.code === 'VERSION_CONFLICT') void queryClient.invalidateQueries({ queryKey: connectorKeys.config(connectorId) });
    },
  });
}

export function useDeleteConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ connector }: { connector: Connector }) =>
      apiRequest(path(connector.connectorId), deletedSchema, { method: 'DELETE', headers: ifMatch(connector.version) }),
    onSuccess: (_result, { connector }) => {
      // A refetch already on its way would bring the row back.
      void queryClient.cancelQueries({ queryKey: connectorKeys.lists() });
      removeCachedConnector(queryClient, connector.connectorId);
      // Not removed: the page still showing it would fetch it again at once. Opened later, it says "not found".
      void queryClient.invalidateQueries({ queryKey: connectorKeys.detail(connector.connectorId), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.config(connector.connectorId), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.allCounts() });
    },
    onError: (error: ApiError) => {
      // The refusal carries the current connector: the dialog shows it, and deleting again uses its version.
      const current = connectorResponseSchema.shape.connector.safeParse((error.details as { connector?: unknown } | undefined)?.connector);
      if (error.code === 'VERSION_CONFLICT' && current.success) writeServerConnector(queryClient, current.data);
    },
  });
}
