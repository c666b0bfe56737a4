import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { Link } from 'react-router';
import { acceptInvitationRequestSchema } from '../../../contract/people';
import { paths } from '../../config/paths';
import { isApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { formatDateTime } from '../../lib/format-time';
import { useAcceptInvitation, type InvitationOffer } from './api';
import { PASSWORD_POLICY } from './password-policy';

type AcceptValues = { name: string; password: string };

const resolve = schemaResolver(acceptInvitationRequestSchema, { sync: true });
const fields: ReadonlyArray<string> = ['name', 'password'];
const roleNames = { admin: 'an admin', member: 'a member' } as const;

type Props = { token: string; invitation: InvitationOffer; onJoined: () => void };

/** The account of the person invited: the email and role are the invitation's, the name and password theirs. */
export function AcceptInvitationForm({ token, invitation, onJoined }: Props) {
  const accept = useAcceptInvitation();
  const form = useForm<AcceptValues>({
    initialValues: { name: '', password: '' },
    validate: (values) => resolve({ ...values, token }),
  });
  const refusedFields = Object.keys(fieldErrors(accept.error)).some((path) => fields.includes(path));
  // Used, revoked or expired meanwhile (404), or the email got an account another way (409): signing in is what is left.
  const signInInstead = isApiError(accept.error) && (accept.error.code === 'NOT_FOUND' || accept.error.code === 'CONFLICT');

  const submit = form.onSubmit((values) =>
    accept.mutate(acceptInvitationRequestSchema.parse({ ...values, token }), {
      onSuccess: onJoined,
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={`Join ${invitation.orgName}`}>
      <Stack gap="md">
        <Text>
          {invitation.invitedByName} invited you to join as {roleNames[invitation.role]}. The link works until{' '}
          <time dateTime={invitation.expiresAt}>{formatDateTime(new Date(invitation.expiresAt))}</time>.
        </Text>
        <TextInput label="Email" description="The address you were invited at" value={invitation.email} readOnly autoComplete="username" />
        <TextInput label="Your name" required autoComplete="name" autoFocus {...form.getInputProps('name')} />
        <PasswordInput label="Password" description={PASSWORD_POLICY} required autoComplete="new-password" {...form.getInputProps('password')} />
        {form.errors.token && (
          <Alert color="red" title="Incomplete invitation link">
            {String(form.errors.token)}
          </Alert>
        )}
        {accept.isError && !refusedFields && (
          <Alert color="red" title="Could not join">
            {accept.error.message}
            {signInInstead && (
              <>
                {' '}
                <Anchor component={Link} to={paths.signIn.href()} inherit>
                  Go to sign in
                </Anchor>
              </>
            )}
          </Alert>
        )}
        <Button type="submit" loading={accept.isPending}>
          Join {invitation.orgName}
        </Button>
      </Stack>
    </form>
  );
}
