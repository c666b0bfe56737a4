export const paths = {
  signIn: {
    path: '/sign-in',
    href: (redirectTo?: string) =>
      redirectTo && redirectTo !== '/' ? `/sign-in?${new URLSearchParams({ redirectTo })}` : '/sign-in',
  },
  signOut: { path: '/sign-out' },
  /** The first-run link the server prints; the token proves the visitor is the one who started it. */
  setup: { path: '/setup', href: (token?: string) => (token ? `/setup?${new URLSearchParams({ token })}` : '/setup') },
  /** An invitation link, made by the server when an admin invites someone. */
  invite: { path: '/invite', href: (token?: string) => (token ? `/invite?${new URLSearchParams({ token })}` : '/invite') },
  connectors: {
    path: '/connectors',
    href: (search?: URLSearchParams | string) => {
      const query = search?.toString();
      return query ? `/connectors?${query}` : '/connectors';
    },
  },
  newConnector: { path: '/connectors/new', href: () => '/connectors/new' },
  createConnector: {
    path: '/connectors/new/:connectorType',
    href: (connectorType: string) => `/connectors/new/${encodeURIComponent(connectorType)}`,
  },
  connector: {
    path: '/connectors/:connectorId',
    href: (connectorId: string) => `/connectors/${encodeURIComponent(connectorId)}`,
  },
  settings: { path: '/settings', href: () => '/settings' },
  activity: { path: '/activity', href: () => '/activity' },
  people: { path: '/people', href: () => '/people' },
} as const;

/** Only same-origin paths may be redirected to, so a crafted sign-in link cannot send people elsewhere. */
export function safeRedirect(target: string | null | undefined, fallback: string = paths.connectors.href()): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  if (target === paths.signIn.path || target.startsWith(`${paths.signIn.path}?`)) return fallback;
  return target;
}
