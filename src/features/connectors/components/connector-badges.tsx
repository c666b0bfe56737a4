import type { ReactNode } from 'react';
import type { Connector } from '../../../../contract/connector';
import { isOAuth } from '../../../../contract/rules';
import { statusLabels } from '../labels';
import classes from './connector-badges.module.css';

const statusClasses = { pending: classes.pending, active: classes.active, inactive: classes.inactive } as const;

function Badge({ className, children }: { className: string | undefined; children: ReactNode }) {
  return <span className={`${classes.badge} ${className ?? ''}`}>{children}</span>;
}

/** The states a person scans for: lifecycle, configuration, sign-in (OAuth only) and whether it runs. */
export function ConnectorBadges({ connector }: { connector: Connector }) {
  return (
    <div className={classes.badges}>
      <Badge className={statusClasses[connector.status]}>Status: {statusLabels[connector.status]}</Badge>
      {connector.isConfigured ? (
        <Badge className={classes.quiet}>Configured</Badge>
      ) : (
        <Badge className={classes.notConfigured}>Not configured</Badge>
      )}
      {isOAuth(connector.authType) &&
        (connector.isAuthenticated ? (
          <Badge className={classes.quiet}>Signed in</Badge>
        ) : (
          <Badge className={classes.needsSignIn}>Needs sign-in</Badge>
        ))}
      {connector.isActive && <Badge className={classes.running}>Active</Badge>}
    </div>
  );
}
