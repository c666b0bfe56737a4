import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { meResponseSchema, usersResponseSchema, type User } from '../../contract/auth';
import type { Viewer } from '../../contract/rules';
import { apiRequest } from './api-client';

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

/** The signed-in user. Only for pages behind the signed-in layout, which loads it first. */
export function useCurrentUser(): User {
  return useSuspenseQuery(sessionQueries.me()).data;
}

export function toViewer(user: User): Viewer {
  return { id: user.id, orgId: user.orgId, role: user.role };
}

/** Resolves a user id to a name people recognise; the viewer is "you". */
export function useUserName(): (userId: string) => string {
  const me = useCurrentUser();
  const { data: users } = useQuery(sessionQueries.users());
  return useMemo(() => {
    const names = new Map(users?.map((user) => [user.id, user.name]));
    return (userId: string) => (userId === me.id ? `${me.name} (you)` : (names.get(userId) ?? (users ? 'Unknown user' : '…')));
  }, [users, me]);
}
