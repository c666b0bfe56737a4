import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { OrgUser, Role, User } from '../../../contract/auth';
import {
  createInvitationResponseSchema,
  invitationListResponseSchema,
  personResponseSchema,
  removalPreviewResponseSchema,
  removalResponseSchema,
  type CreateInvitationRequest,
  type Invitation,
} from '../../../contract/people';
import { apiRequest, writeOrConfirm } from '../../lib/api-client';
import { sessionQueries } from '../../lib/session';

// From general to specific, so that invalidating a prefix reaches everything below it.
export const peopleKeys = {
  all: () => ['people'] as const,
  invitations: () => [...peopleKeys.all(), 'invitations'] as const,
  removals: () => [...peopleKeys.all(), 'removal'] as const,
  removal: (userId: string) => [...peopleKeys.removals(), userId] as const,
};

const fetchInvitations = (signal?: AbortSignal) =>
  apiRequest('/invitations', invitationListResponseSchema, { signal }).then((body) => body.invitations);

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

export const peopleQueries = {
  all: peopleKeys.all,
  /**
   * The org's people are the session's user list (names and roles everywhere come from it); on this
   * page it is read again whenever shown, as another admin may have changed it.
   */
  members: () => queryOptions({ ...sessionQueries.users(), staleTime: 0 }),
  invitations: () => queryOptions({ queryKey: peopleKeys.invitations(), queryFn: ({ signal }) => fetchInvitations(signal), staleTime: 0 }),
  /** What goes with someone if they are removed: counted when asked, never from an old answer. */
  removal: (userId: string) =>
    queryOptions({
      queryKey: peopleKeys.removal(userId),
      queryFn: ({ signal }) => apiRequest(`${userPath(userId)}/removal`, removalPreviewResponseSchema, { signal }).then((body) => body.personalConnectors),
      staleTime: 0,
      gcTime: 0,
    }),
};

const replacePerson = (person: OrgUser) => (users: OrgUser[] | undefined) => users?.map((user) => (user.id === person.id ? person : user));

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    // Sends the role wanted, not a flip: repeating it changes nothing.
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiRequest(userPath(userId), personResponseSchema, { method: 'PATCH', body: { role } }).then((body) => body.user),
    onSuccess: (person) => {
      queryClient.setQueryData(sessionQueries.users().queryKey, replacePerson(person));
      // An admin who made themselves a member sees the app as one from now on.
      queryClient.setQueryData<User>(sessionQueries.me().queryKey, (me) => (me && me.id === person.id ? { ...me, role: person.role } : me));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionQueries.users().queryKey }),
  });
}

export function useRemovePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId }: { userId: string }) => apiRequest(userPath(userId), removalResponseSchema, { method: 'DELETE' }).then((body) => body.deletedConnectors),
    onSuccess: (_deleted, { userId }) => {
      queryClient.setQueryData(sessionQueries.users().queryKey, (users: OrgUser[] | undefined) =>
        users?.map((user) => (user.id === userId ? { ...user, removed: true } : user)),
      );
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionQueries.users().queryKey }),
        // Their pending invitations were revoked with them.
        queryClient.invalidateQueries({ queryKey: peopleKeys.all() }),
      ]),
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    // Not retried: a second invitation replaces the first, whose link would then be the one shown.
    mutationFn: (input: CreateInvitationRequest) => apiRequest('/invitations', createInvitationResponseSchema, { method: 'POST', body: input }),
    // The answer holds the link, which lets anyone who has it join: gone as soon as no dialog shows it.
    gcTime: 0,
    onSuccess: ({ invitation }) => {
      queryClient.setQueryData<Invitation[]>(peopleKeys.invitations(), (invitations) =>
        invitations && [...invitations.filter((other) => other.email !== invitation.email), invitation],
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: peopleKeys.invitations() }),
  });
}

const revokedResponseSchema = z.object({ success: z.literal(true) });

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    // A refusal (accepted or expired meanwhile) is said as the server says it: accepted means they joined.
    mutationFn: ({ id }: { id: string }) =>
      writeOrConfirm(
        () => apiRequest(`/invitations/${encodeURIComponent(id)}`, revokedResponseSchema, { method: 'DELETE' }),
        async () => ((await fetchInvitations()).some((invitation) => invitation.id === id) ? undefined : { success: true as const }),
      ),
    onSuccess: (_result, { id }) => {
      queryClient.setQueryData<Invitation[]>(peopleKeys.invitations(), (invitations) => invitations?.filter((invitation) => invitation.id !== id));
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleKeys.invitations() }),
        queryClient.invalidateQueries({ queryKey: sessionQueries.users().queryKey }),
      ]),
  });
}
