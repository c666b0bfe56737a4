import type { Role } from './auth';
import type { AuthType, Connector, Scope, ToggleType } from './connector';
import { connectorTypeName, findConnectorType, type ConnectorTypeSpec } from './connector-types';

// The rules the server enforces and the dashboard mirrors. Each exists here once.

export type Viewer = { id: string; orgId: string; role: Role };
type Owned = { orgId: string; scope: Scope; createdBy: string };

export type Denial = {
  code: 'FORBIDDEN' | 'NOT_CONFIGURED' | 'NOT_AUTHENTICATED' | 'AGENT_NOT_SUPPORTED';
  message: string;
};

const oauthTypes: readonly AuthType[] = ['OAUTH', 'OAUTH_ADMIN_CONSENT'];

export function isOAuth(authType: AuthType): boolean {
  return oauthTypes.includes(authType);
}

function toggleLabel(type: ToggleType): string {
  return type === 'sync' ? 'sync' : 'the agent';
}

/** Team connectors are seen by the whole org; a personal one by its creator alone. */
export function canView(viewer: Viewer, connector: Owned): boolean {
  if (viewer.orgId !== connector.orgId) return false;
  return connector.scope === 'team' || connector.createdBy === viewer.id;
}

/** Why this viewer may not change this connector at all, or null when they may. */
export function changeDenial(viewer: Viewer, connector: Owned): Denial | null {
  if (connector.scope === 'team' && viewer.role !== 'admin') {
    return { code: 'FORBIDDEN', message: 'Only admins can change team connectors' };
  }
  if (connector.scope === 'personal' && connector.createdBy !== viewer.id) {
    return { code: 'FORBIDDEN', message: 'Only the creator can change a personal connector' };
  }
  return null;
}

/** Why this viewer may not sign this connector in (or reconnect or disconnect it), or null when they may. */
export function signInDenial(viewer: Viewer, connector: Owned & Pick<Connector, 'authType' | 'connectorType'>): Denial | null {
  const denial = changeDenial(viewer, connector);
  if (denial) return denial;
  if (connector.authType === 'OAUTH_ADMIN_CONSENT' && viewer.role !== 'admin') {
    return { code: 'FORBIDDEN', message: `Only an admin can grant admin consent for ${connectorTypeName(connector.connectorType)}` };
  }
  return null;
}

/** Why this viewer may not create a connector of `type` in `scope`, or null when they may. */
export function createDenial(viewer: Pick<Viewer, 'role'>, type: Pick<ConnectorTypeSpec, 'displayName' | 'scopes'>, scope: Scope): Denial | null {
  if (scope === 'team' && viewer.role !== 'admin') {
    return { code: 'FORBIDDEN', message: 'Only admins can create team connectors; you can create personal ones' };
  }
  if (!type.scopes.includes(scope)) {
    return { code: 'FORBIDDEN', message: `${type.displayName} connectors can only be ${type.scopes.join(' or ')} connectors` };
  }
  return null;
}

type Prerequisites = Pick<Connector, 'connectorType' | 'authType' | 'isConfigured' | 'isAuthenticated' | 'supportsAgent'>;

/** The first prerequisite for enabling `type` that fails, in the documented order. */
export function enableDenial(connector: Prerequisites, type: ToggleType): Denial | null {
  const what = toggleLabel(type);
  if (!connector.isConfigured) {
    return { code: 'NOT_CONFIGURED', message: `Configure this connector before enabling ${what}` };
  }
  if (isOAuth(connector.authType) && !connector.isAuthenticated) {
    return {
      code: 'NOT_AUTHENTICATED',
      message: `Sign in to ${connectorTypeName(connector.connectorType)} before enabling ${what}`,
    };
  }
  if (type === 'agent' && !connector.supportsAgent) {
    return {
      code: 'AGENT_NOT_SUPPORTED',
      message: `${connectorTypeName(connector.connectorType)} connectors do not support the agent`,
    };
  }
  return null;
}

/** Why setting `type` to `enabled` is refused, or null when it is allowed. Disabling needs only permission. */
export function toggleDenial(
  viewer: Viewer,
  connector: Owned & Prerequisites,
  type: ToggleType,
  enabled: boolean,
): Denial | null {
  return changeDenial(viewer, connector) ?? (enabled ? enableDenial(connector, type) : null);
}

/**
 * Auth types without a sign-in step count as authenticated: their credentials are part of the
 * configuration. Only OAuth connectors can be waiting for a sign-in.
 */
export function effectiveIsAuthenticated(authType: AuthType, oauthSignedIn: boolean): boolean {
  return isOAuth(authType) ? oauthSignedIn : true;
}

export function supportsAgent(connectorType: string): boolean {
  return findConnectorType(connectorType)?.supportsAgent ?? false;
}

/** A connector is active while it serves anything: sync, the agent, or both. */
export function isActive(state: Pick<Connector, 'syncEnabled' | 'agentEnabled'>): boolean {
  return state.syncEnabled || state.agentEnabled;
}
