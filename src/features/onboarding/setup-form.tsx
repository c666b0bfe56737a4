import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { Link } from 'react-router';
import { setupRequestSchema } from '../../../contract/people';
import { paths } from '../../config/paths';
import { isApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { useSetUp } from './api';
import { PASSWORD_POLICY } from './password-policy';

type SetupValues = { orgName: string; name: string; email: string; password: string };

const resolve = schemaResolver(setupRequestSchema, { sync: true });
const fields: ReadonlyArray<keyof SetupValues> = ['orgName', 'name', 'email', 'password'];

type Props = { token: string; onSetUp: () => void };

/** The organisation and its first admin; the link's token goes with them, as the proof of being the operator. */
export function SetupForm({ token, onSetUp }: Props) {
  const setUp = useSetUp();
  const form = useForm<SetupValues>({
    initialValues: { orgName: '', name: '', email: '', password: '' },
    validate: (values) => resolve({ ...values, token }),
  });
  const refusedFields = Object.keys(fieldErrors(setUp.error)).some((path) => fields.includes(path as keyof SetupValues));
  // The token is no field: a link cut short is said above the form, not under an input that is not there.
  const linkProblem = form.errors.token;
  const wrongLink = isApiError(setUp.error) && setUp.error.code === 'FORBIDDEN';
  const alreadySetUp = isApiError(setUp.error) && setUp.error.code === 'NOT_FOUND';

  const submit = form.onSubmit((values) =>
    setUp.mutate(setupRequestSchema.parse({ ...values, token }), {
      onSuccess: onSetUp,
      onError: (error) => form.setErrors(fieldErrors(error)),
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Set up">
      <Stack gap="md">
        <TextInput label="Organisation name" required autoComplete="organization" autoFocus {...form.getInputProps('orgName')} />
        <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
        <TextInput label="Email" type="email" required autoComplete="username" {...form.getInputProps('email')} />
        <PasswordInput label="Password" description={PASSWORD_POLICY} required autoComplete="new-password" {...form.getInputProps('password')} />
        {linkProblem && (
          <Alert color="red" title="Incomplete setup link">
            {String(linkProblem)}
          </Alert>
        )}
        {setUp.isError && !refusedFields && (
          <Alert color="red" title={wrongLink ? 'Not the setup link' : alreadySetUp ? 'Already set up' : 'Not set up'}>
            {setUp.error.message}
            {alreadySetUp && (
              <>
                {' '}
                <Anchor component={Link} to={paths.signIn.href()} inherit>
                  Go to sign in
                </Anchor>
              </>
            )}
          </Alert>
        )}
        <Button type="submit" loading={setUp.isPending}>
          Create organisation
        </Button>
      </Stack>
    </form>
  );
}
