import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { createInvitationRequestSchema, type CreateInvitationRequest } from '../../../contract/people';
import { isApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { useInvite } from './api';
import { roleOptions } from './people-values';

export type CreatedInvitation = { email: string; url: string; expiresAt: string };

type Props = { onInvited: (created: CreatedInvitation) => void; onCancel: () => void };

const resolve = schemaResolver(createInvitationRequestSchema, { sync: true });

/** Whom to invite and as what; the server answers the link to hand them. */
export function InviteForm({ onInvited, onCancel }: Props) {
  const invite = useInvite();
  const form = useForm<CreateInvitationRequest>({ initialValues: { email: '', role: 'member' }, validate: resolve });
  const refusedFields = Object.keys(fieldErrors(invite.error)).length > 0;
  // An email that already has an account is a problem with the email: said there, and only there.
  const taken = isApiError(invite.error) && invite.error.code === 'CONFLICT';
  const lost = isApiError(invite.error) && invite.error.outcomeUnknown;

  const submit = form.onSubmit((values) => {
    invite.mutate(createInvitationRequestSchema.parse(values), {
      onSuccess: ({ invitation, url }) => onInvited({ email: invitation.email, url, expiresAt: invitation.expiresAt }),
      onError: (error) => form.setErrors(isApiError(error) && error.code === 'CONFLICT' ? { email: error.message } : fieldErrors(error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Invite someone">
      <Stack gap="sm">
        {/* Opened by a click on "Invite someone": the person wants to type here. */}
        <TextInput label="Email" type="email" required autoComplete="off" autoFocus {...form.getInputProps('email')} />
        <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
        {invite.isError && !refusedFields && !taken && (
          <Alert color="red" title={lost ? 'No link to show' : 'Not invited'}>
            {invite.error.message}
            {lost && ' If the invitation was made anyway, it is among the pending invitations: invite them again for a new link.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={invite.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Create invitation link
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
