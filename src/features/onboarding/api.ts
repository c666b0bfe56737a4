import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { loginResponseSchema } from '../../../contract/auth';
import {
  invitationLookupResponseSchema,
  setupStatusResponseSchema,
  type AcceptInvitationRequest,
  type SetupRequest,
} from '../../../contract/people';
import { apiRequest, isApiError } from '../../lib/api-client';
import { startSession } from '../../lib/session';

export const onboardingKeys = {
  all: () => ['onboarding'] as const,
  setupStatus: () => [...onboardingKeys.all(), 'setup-status'] as const,
  invitations: () => [...onboardingKeys.all(), 'invitation'] as const,
  invitation: (token: string) => [...onboardingKeys.invitations(), token] as const,
};

export const onboardingQueries = {
  /** Whether the server still waits for its first admin; it answers 404 once it has one. */
  setupStatus: () =>
    queryOptions({
      queryKey: onboardingKeys.setupStatus(),
      queryFn: async ({ signal }) => {
        try {
          await apiRequest('/setup', setupStatusResponseSchema, { signal, authenticated: false });
          return { needed: true };
        } catch (error) {
          if (isApiError(error) && error.code === 'NOT_FOUND') return { needed: false };
          throw error;
        }
      },
      staleTime: 60_000,
    }),
  /** What an invitation link offers; the token travels in a body, never in a logged URL. */
  invitation: (token: string) =>
    queryOptions({
      queryKey: onboardingKeys.invitation(token),
      queryFn: ({ signal }) =>
        apiRequest('/invitations/lookup', invitationLookupResponseSchema, { method: 'POST', body: { token }, signal, authenticated: false }),
      // Looked at once, while the form is filled in: accepting tells if it went away meanwhile.
      staleTime: Infinity,
    }),
};

export type InvitationOffer = z.infer<typeof invitationLookupResponseSchema>;

export function useSetUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SetupRequest) => apiRequest('/setup', loginResponseSchema, { method: 'POST', body: request, authenticated: false }),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AcceptInvitationRequest) =>
      apiRequest('/invitations/accept', loginResponseSchema, { method: 'POST', body: request, authenticated: false }),
    onSuccess: (session) => startSession(queryClient, session),
  });
}
