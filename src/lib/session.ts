import { queryOptions, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { meResponseSchema, usersResponseSchema, type User } from '../../contract/auth';
import type { Viewer } from '../../contract/rules';
import { apiRequest, tokenStore } from './api-client';

export const sessionQueries = {
  all: () => ['session'] as const,
  me: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'me'] as const,
      queryFn: async ({ signal }) => (await apiRequest('/auth/me', meResponseSchema, { signal })).user,
      // Who is signed in changes only by signing in or out, which write this entry themselves.
      staleTime: Infinity,
    }),
  users: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'users'] as const,
      queryFn: async ({ signal }) => (await apiRequest('/users', usersResponseSchema, { signal })).users,
      staleTime: 5 * 60_000,
    }),
};

/** Signs this browser in with a session the server just made (by password, setup or invitation). */
export function startSession(queryClient: QueryClient, { token, user }: { token: string; user: User }): void {
  // Whatever a previous session in this browser cached belongs to someone else.
  queryClient.clear();
  tokenStore.set(token);
  queryClient.setQueryData(sessionQueries.me().queryKey, user);
}

/** The signed-in user. Only for pages behind the signed-in layout, which loads it first. */
export function useCurrentUser(): User {
  return useSuspenseQuery(sessionQueries.me()).data;
}

export function toViewer(user: User): Viewer {
  return { id: user.id, orgId: user.orgId, role: user.role };
}

/** Resolves a user id to a name people recognise; the viewer is "you", someone removed is marked so. */
export function useUserName(): (userId: string) => string {
  const me = useCurrentUser();
  const { data: users } = useQuery(sessionQueries.users());
  return useMemo(() => {
    const names = new Map(users?.map((user) => [user.id, user.removed ? `${user.name} (removed)` : user.name]));
    return (userId: string) => (userId === me.id ? `${me.name} (you)` : (names.get(userId) ?? (users ? 'Unknown user' : '…')));
  }, [users, me]);
}
