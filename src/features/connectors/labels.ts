import type { AuthType, ConnectorStatus, Scope } from '../../../contract/connector';

export const authTypeLabels: Record<AuthType, string> = {
  OAUTH: 'OAuth',
  OAUTH_ADMIN_CONSENT: 'OAuth (admin consent)',
  API_TOKEN: 'API token',
  USERNAME_PASSWORD: 'Username and password',
  NONE: 'No sign-in',
};

export const scopeLabels: Record<Scope, string> = { team: 'Team', personal: 'Personal' };

export const statusLabels: Record<ConnectorStatus, string> = {
  pending: 'Pending',
  active: 'Active',
  inactive: 'Inactive',
};
