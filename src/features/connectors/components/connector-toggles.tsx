import { Alert, Anchor, Loader, Switch } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Connector, ToggleType } from '../../../../contract/connector';
import { toggleDenial, type Denial, type Viewer } from '../../../../contract/rules';
import { paths } from '../../../config/paths';
import { useToggleConnector } from '../api';
import { SignInButton } from '../sign-in/sign-in-button';
import { SignInProblem } from '../sign-in/sign-in-problem';
import { toggleField } from '../cache';
import { useToggleActivity, type ToggleFailure } from '../toggle-activity';
import classes from './connector-row.module.css';

const switchLabels: Record<ToggleType, string> = { sync: 'Sync', agent: 'Agent' };
const types: ToggleType[] = ['sync', 'agent'];

type Props = { connector: Connector; viewer: Viewer };

/** The Sync and Agent switches of one connector, why either cannot be used, and what went wrong. */
export function ConnectorToggles({ connector, viewer }: Props) {
  const baseId = useId();
  const activity = useToggleActivity(connector.connectorId);

  // A switch is judged by what clicking it would do: turning it off needs only permission.
  const denials = types.map((type) => toggleDenial(viewer, connector, type, !connector[toggleField(type)]));
  const reasons = denials.filter(
    (denial, index): denial is Denial => denial !== null && denials.findIndex((other) => other?.message === denial.message) === index,
  );
  const reasonId = (denial: Denial | null) =>
    denial ? `${baseId}-reason-${reasons.findIndex((reason) => reason.message === denial.message)}` : undefined;

  return (
    <div className={classes.column}>
      <div className={classes.switches}>
        {types.map((type, index) => (
          <ToggleSwitch
            key={type}
            connector={connector}
            type={type}
            denial={denials[index] ?? null}
            describedBy={reasonId(denials[index] ?? null)}
            pending={activity[type].pending}
          />
        ))}
      </div>
      {reasons.map((reason, index) => (
        <p key={reason.message} id={`${baseId}-reason-${index}`} className={classes.note}>
          {reason.message}
        </p>
      ))}
      {reasons.some((reason) => reason.code === 'NOT_CONFIGURED') && (
        <Anchor component={Link} to={paths.connector.href(connector.connectorId)} size="sm" underline="always">
          Configure {connector.instanceName}
        </Anchor>
      )}
      {!connector.isAuthenticated && <SignInProblem connector={connector} />}
      {!connector.isAuthenticated && <SignInButton connector={connector} viewer={viewer} size="xs" />}
      {types.map((type) => {
        const failure = activity[type].failure;
        return failure ? (
          <ToggleFailureMessage key={type} failure={failure} onDismiss={() => activity.dismiss(type)} />
        ) : null;
      })}
    </div>
  );
}

type SwitchProps = {
  connector: Connector;
  type: ToggleType;
  denial: Denial | null;
  describedBy: string | undefined;
  pending: boolean;
};

function ToggleSwitch({ connector, type, denial, describedBy, pending }: SwitchProps) {
  const toggle = useToggleConnector(connector.connectorId, type);
  const label = switchLabels[type];
  return (
    <Switch
      label={label}
      aria-label={`${label} for ${connector.instanceName}`}
      aria-describedby={describedBy}
      aria-busy={pending || undefined}
      checked={connector[toggleField(type)]}
      disabled={denial !== null}
      thumbIcon={pending ? <Loader size={10} color="gray" /> : undefined}
      onChange={(event) => toggle.mutate({ connectorId: connector.connectorId, type, enabled: event.currentTarget.checked })}
    />
  );
}

function ToggleFailureMessage({ failure, onDismiss }: { failure: ToggleFailure; onDismiss: () => void }) {
  const what = failure.type === 'sync' ? 'Sync' : 'The agent';
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      title={`${what} was not turned ${failure.enabled ? 'on' : 'off'}`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      {failure.message}
    </Alert>
  );
}
