import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { connectorTypeName } from '../../../../contract/connector-types';
import { SIGN_IN_CONNECTOR_PARAM, SIGN_IN_OUTCOME_PARAM, signInOutcomeSchema, type SignInOutcome } from '../../../../contract/oauth';
import { connectorQueries } from '../api';

const nothingChanged = 'Nothing was changed.';

function describe(outcome: SignInOutcome, type: string): { title: string; body: string } {
  switch (outcome) {
    case 'connected':
      return { title: `Signed in to ${type}`, body: 'The connector can sync and answer with the account you signed in with.' };
    case 'denied':
      return { title: 'Sign-in cancelled', body: `Access was not granted at ${type}. ${nothingChanged}` };
    case 'provider_error':
      return { title: `${type} reported an error`, body: `The sign-in did not finish. ${nothingChanged} Try again.` };
    case 'exchange_failed':
      return { title: `${type} did not accept the sign-in`, body: `${nothingChanged} If it happens again, an admin should check the ${type} OAuth app in Settings.` };
    case 'expired':
      return { title: 'The sign-in expired', body: `It took longer than 10 minutes. ${nothingChanged} Start it again.` };
    case 'replayed':
      return { title: 'This sign-in was already used', body: `A sign-in link works once. ${nothingChanged}` };
    case 'invalid_state':
      return { title: 'This sign-in link is not valid', body: `${nothingChanged} Start the sign-in from the connector's page.` };
    case 'other_browser':
      return { title: 'The sign-in was started elsewhere', body: `It began in another browser or by another person. ${nothingChanged} Start it again here.` };
    case 'forbidden':
      return { title: 'You cannot sign this connector in', body: `Your role or the connector changed during the sign-in. ${nothingChanged}` };
    case 'no_app':
      return { title: `Signing in to ${type} is not set up`, body: `${nothingChanged} Ask an admin to add the ${type} OAuth app in Settings.` };
  }
}

/** How a sign-in ended, shown on the page it started from when the provider sends the browser back. */
export function SignInOutcomeNotice() {
  const [search, setSearch] = useSearchParams();
  const outcome = signInOutcomeSchema.safeParse(search.get(SIGN_IN_OUTCOME_PARAM));
  const connectorId = search.get(SIGN_IN_CONNECTOR_PARAM);
  const connector = useQuery({ ...connectorQueries.detail(connectorId ?? ''), enabled: outcome.success && connectorId !== null });
  if (!outcome.success) return null;
  const type = connector.data ? connectorTypeName(connector.data.connectorType) : 'the provider';
  const { title, body } = describe(outcome.data, type);
  const succeeded = outcome.data === 'connected';
  const dismiss = () =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(SIGN_IN_OUTCOME_PARAM);
        next.delete(SIGN_IN_CONNECTOR_PARAM);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return (
    <Alert
      color={succeeded ? 'teal' : 'red'}
      role={succeeded ? 'status' : 'alert'}
      title={connector.data && succeeded ? `${title}: ${connector.data.instanceName}` : title}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      {body}
    </Alert>
  );
}
