import { Code, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LoadError } from '../../components/load-error';
import { isApiError } from '../../lib/api-client';
import { onboardingQueries } from './api';
import { AcceptInvitationForm } from './accept-invitation-form';
import { DeadLinkNotice, OnboardingPage } from './onboarding-page';

type Props = { token: string | null; onJoined: () => void };

/** An invitation link: whom it is from and for, and the account to make with it; or why it no longer works. */
export function InvitationScreen({ token, onJoined }: Props) {
  if (!token) {
    return (
      <OnboardingPage title="Join an organisation">
        <DeadLinkNotice title="The invitation link is incomplete">
          Open the whole link from your invitation (it ends with <Code>?token=…</Code>), or ask an admin of your organisation for a new one.
        </DeadLinkNotice>
      </OnboardingPage>
    );
  }
  return <LookedUpInvitation token={token} onJoined={onJoined} />;
}

function LookedUpInvitation({ token, onJoined }: { token: string; onJoined: () => void }) {
  const invitation = useQuery(onboardingQueries.invitation(token));

  if (invitation.isPending) {
    return (
      <OnboardingPage title="Join an organisation">
        <Loader aria-label="Looking up the invitation" />
      </OnboardingPage>
    );
  }
  if (invitation.isError) {
    const { error } = invitation;
    // A refusal (gone, malformed) will not change on retry; only a failure to reach the server may.
    const refused = isApiError(error) && !error.outcomeUnknown;
    return (
      <OnboardingPage title="Join an organisation">
        {refused ? (
          <DeadLinkNotice title="This invitation cannot be used">{error.message}</DeadLinkNotice>
        ) : (
          <LoadError title="Could not look up the invitation" message={error.message} onRetry={() => void invitation.refetch()} />
        )}
      </OnboardingPage>
    );
  }
  return (
    <OnboardingPage title={`Join ${invitation.data.orgName}`}>
      <AcceptInvitationForm token={token} invitation={invitation.data} onJoined={onJoined} />
    </OnboardingPage>
  );
}
