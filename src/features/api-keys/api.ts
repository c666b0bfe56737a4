import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  apiKeyListResponseSchema,
  createApiKeyResponseSchema,
  deleteApiKeyResponseSchema,
  type ApiKey,
  type CreateApiKeyRequest,
} from '../../../contract/api-keys';
import { apiRequest, isApiError, writeOrConfirm } from '../../lib/api-client';

export const apiKeyKeys = {
  all: () => ['api-keys'] as const,
  list: () => [...apiKeyKeys.all(), 'list'] as const,
};

const fetchKeys = (signal?: AbortSignal) => apiRequest('/api-keys', apiKeyListResponseSchema, { signal }).then((body) => body.apiKeys);

export const apiKeyQueries = {
  list: () => queryOptions({ queryKey: apiKeyKeys.list(), queryFn: ({ signal }) => fetchKeys(signal) }),
};

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    // Not retried nor confirmed: a second key would be a second secret, and a lost answer's key can never be shown.
    mutationFn: (input: CreateApiKeyRequest) => apiRequest('/api-keys', createApiKeyResponseSchema, { method: 'POST', body: input }),
    // The answer holds the plain key: dropped from the mutation cache as soon as no form watches it.
    gcTime: 0,
    onSuccess: ({ apiKey }) => {
      queryClient.setQueryData<ApiKey[]>(apiKeyKeys.list(), (keys) => keys && [apiKey, ...keys.filter((key) => key.id !== apiKey.id)]);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id }: { id: string }) => {
      const path = `/api-keys/${encodeURIComponent(id)}`;
      try {
        await writeOrConfirm(
          () => apiRequest(path, deleteApiKeyResponseSchema, { method: 'DELETE' }),
          async () => ((await fetchKeys()).some((key) => key.id === id) ? undefined : { success: true as const }),
        );
      } catch (error) {
        // Someone revoked it first (or its creator left): it no longer works, which is what was asked.
        if (!isApiError(error) || error.code !== 'NOT_FOUND') throw error;
      }
    },
    onSuccess: (_result, { id }) => {
      queryClient.setQueryData<ApiKey[]>(apiKeyKeys.list(), (keys) => keys?.filter((key) => key.id !== id));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() }),
  });
}
