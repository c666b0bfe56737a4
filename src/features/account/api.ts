import { useMutation } from '@tanstack/react-query';
import { changePasswordResponseSchema, type ChangePasswordRequest } from '../../../contract/people';
import { apiRequest } from '../../lib/api-client';

export function useChangePassword() {
  return useMutation({
    // Not confirmed after a lost answer: whether it landed is for the person to try, with either password.
    mutationFn: (input: ChangePasswordRequest) =>
      apiRequest('/auth/password', changePasswordResponseSchema, { method: 'POST', body: input }).then((body) => body.revokedSessions),
  });
}
