import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { demoAccountsResponseSchema, loginResponseSchema, type LoginRequest } from '../../../contract/auth';
import { apiRequest, tokenStore } from '../../lib/api-client';
import { startSession } from '../../lib/session';

export const authQueries = {
  demoAccounts: () =>
    queryOptions({
      queryKey: ['auth', 'demo-accounts'] as const,
      queryFn: ({ signal }) => apiRequest('/auth/demo-accounts', demoAccountsResponseSchema, { signal, authenticated: false }),
      staleTime: Infinity,
      // The list is a convenience: without it the sign-in form works just the same.
      retry: false,
    }),
};

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) =>
      apiRequest('/auth/login', loginResponseSchema, { method: 'POST', body: credentials, authenticated: false }),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

const logoutResponseSchema = z.unknown();

/** Ends the session on the server (best effort: the token is forgotten here whatever happens). */
export async function signOutOnServer(): Promise<void> {
  if (!tokenStore.get()) return;
  try {
    await apiRequest('/auth/logout', logoutResponseSchema, { method: 'POST', authenticated: false, headers: authHeader() });
  } catch {
    // The token is dropped locally either way; an unreachable server cannot keep this browser signed in.
  } finally {
    tokenStore.clear();
  }
}

function authHeader(): Record<string, string> {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
}
