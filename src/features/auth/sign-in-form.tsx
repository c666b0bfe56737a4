import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { loginRequestSchema, type LoginRequest } from '../../../contract/auth';
import { useSignIn } from './api';
import type { DemoAccount } from './demo-accounts';

type Props = {
  onSignedIn: () => void;
  /** Filled in when a demo account is picked. */
  prefill?: DemoAccount & { password: string | null };
};

export function SignInForm({ onSignedIn, prefill }: Props) {
  const signIn = useSignIn();
  const form = useForm<LoginRequest>({
    initialValues: { email: prefill?.email ?? '', password: prefill?.password ?? '' },
    validate: schemaResolver(loginRequestSchema, { sync: true }),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => signIn.mutate(loginRequestSchema.parse(values), { onSuccess: onSignedIn }))}
    >
      <Stack gap="md">
        {signIn.isError && (
          <Alert color="red" title="Could not sign in">
            {signIn.error.message}
          </Alert>
        )}
        <TextInput label="Email" type="email" autoComplete="username" {...form.getInputProps('email')} />
        <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
