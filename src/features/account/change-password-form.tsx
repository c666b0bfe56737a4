import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../contract/passwords';
import { changePasswordRequestSchema } from '../../../contract/people';
import { fieldErrors } from '../../lib/field-errors';
import { useChangePassword } from './api';
import { changedMessage, confirmError, initialPasswordValues, toChangeRequest, type PasswordValues } from './password-values';

const resolve = schemaResolver(changePasswordRequestSchema, { sync: true });

/** Changes the signed-in person's password; their other sessions end with the old one. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<PasswordValues>({
    initialValues: initialPasswordValues,
    validate: (values) => {
      const confirm = confirmError(values);
      return { ...resolve(toChangeRequest(values)), ...(confirm ? { confirmPassword: confirm } : {}) };
    },
  });
  const refusedFields = Object.keys(fieldErrors(change.error)).length > 0;
  // Mantine's PasswordInput links its error but does not mark the input invalid.
  const passwordProps = (path: keyof PasswordValues) => {
    const props = form.getInputProps(path);
    return { ...props, 'aria-invalid': props.error ? true : undefined };
  };

  const submit = form.onSubmit((values) => {
    setDone(null);
    change.mutate(changePasswordRequestSchema.parse(toChangeRequest(values)), {
      onSuccess: (revokedSessions) => {
        form.reset();
        setDone(changedMessage(revokedSessions));
      },
      onError: (error) => form.setErrors(fieldErrors(error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Change your password">
      <Stack gap="sm" maw={420}>
        <PasswordInput label="Current password" required autoComplete="current-password" {...passwordProps('currentPassword')} />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters, and not a common password.`}
          required
          autoComplete="new-password"
          {...passwordProps('newPassword')}
        />
        <PasswordInput label="Confirm new password" required autoComplete="new-password" {...passwordProps('confirmPassword')} />
        {change.isError && !refusedFields && (
          <Alert color="red" title="Password not changed">
            {change.error.message}
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
        {/* Present before it speaks, so that screen readers announce the change. */}
        <Text size="sm" role="status">
          {done ?? ''}
        </Text>
      </Stack>
    </form>
  );
}
