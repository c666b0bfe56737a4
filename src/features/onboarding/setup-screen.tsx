import { Code, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../components/load-error';
import { onboardingQueries } from './api';
import { DeadLinkNotice, OnboardingPage } from './onboarding-page';
import { SetupForm } from './setup-form';

const TITLE = 'Set up connector-console';

type Props = { token: string | null; onSetUp: () => void };

/** First run: the form that makes the organisation, or why this link cannot make one. */
export function SetupScreen({ token, onSetUp }: Props) {
  const status = useQuery(onboardingQueries.setupStatus());

  if (status.isPending) {
    return (
      <OnboardingPage title={TITLE}>
        <Loader aria-label="Checking whether this server is set up" />
      </OnboardingPage>
    );
  }
  if (status.isError) {
    return (
      <OnboardingPage title={TITLE}>
        <LoadError title="Could not reach the server" message={status.error.message} onRetry={() => void status.refetch()} />
      </OnboardingPage>
    );
  }
  if (!status.data.needed) {
    return (
      <OnboardingPage title={TITLE}>
        <DeadLinkNotice title="This server is already set up">
          Its organisation exists: sign in with your account, or ask one of its admins to invite you.
        </DeadLinkNotice>
      </OnboardingPage>
    );
  }
  if (!token) {
    return (
      <OnboardingPage title={TITLE}>
        <DeadLinkNotice title="The setup link is incomplete">
          Open the whole setup link the server printed when it started: it looks like <Code>http://host:port/setup?token=…</Code>. It is printed
          again at every start until the organisation exists.
        </DeadLinkNotice>
      </OnboardingPage>
    );
  }
  return (
    <OnboardingPage title={TITLE} intro="Create the organisation and its first admin: you. You can invite the others once you are in.">
      <SetupForm token={token} onSetUp={onSetUp} />
    </OnboardingPage>
  );
}
