import { Container, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeRedirect } from '../../../config/paths';
import { authQueries } from '../../../features/auth/api';
import { DemoAccounts, type DemoAccount } from '../../../features/auth/demo-accounts';
import { SignInForm } from '../../../features/auth/sign-in-form';
import { onboardingQueries } from '../../../features/onboarding/api';
import { SetupNeededNotice } from '../../../features/onboarding/setup-needed-notice';
import { tokenStore } from '../../../lib/api-client';

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const target = safeRedirect(searchParams.get('redirectTo'));
  const [picked, setPicked] = useState<{ account: DemoAccount; password: string | null } | null>(null);
  const signedIn = tokenStore.get() !== null;
  const setupStatus = useQuery({ ...onboardingQueries.setupStatus(), enabled: !signedIn });
  const demo = useQuery(authQueries.demoAccounts());
  // Nobody has an account yet, so the form could only refuse: the way in is the server's setup link.
  // Until both answers are in (or if either fails), the form is shown as usual.
  const setupNeeded = setupStatus.data?.needed === true && demo.data?.accounts.length === 0;

  if (signedIn) return <Navigate to={target} replace />;

  return (
    <main>
      <title>Sign in · Connector console</title>
      <Container size="md" py="xl">
        <Stack gap="lg">
          <div>
            <Title order={1}>Sign in</Title>
            <Text c="dimmed">Connector console: run your organisation's data connectors.</Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            {setupNeeded ? (
              <SetupNeededNotice />
            ) : (
              <Paper withBorder p="lg">
                <SignInForm
                  // A picked demo account refills the form.
                  key={picked?.account.email ?? 'blank'}
                  prefill={picked ? { ...picked.account, password: picked.password } : undefined}
                  onSignedIn={() => navigate(target, { replace: true })}
                />
              </Paper>
            )}
            <DemoAccounts onPick={(account, password) => setPicked({ account, password })} />
          </SimpleGrid>
        </Stack>
      </Container>
    </main>
  );
}
