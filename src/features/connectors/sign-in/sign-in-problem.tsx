import type { Connector } from '../../../../contract/connector';
import { formatDateTime } from '../../../lib/format-time';
import classes from '../components/connector-row.module.css';

/** Why a connector was signed out, when it was not a person's doing (the provider refused to renew). */
export function SignInProblem({ connector }: { connector: Connector }) {
  if (!connector.authProblem || connector.isAuthenticated) return null;
  return (
    <p className={classes.problem}>
      {connector.authProblem.message} on {formatDateTime(new Date(connector.authProblem.at))}; sign in again to resume.
    </p>
  );
}
