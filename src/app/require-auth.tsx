import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadError } from '../components/load-error';
import { CentredPage, PageLoader } from '../components/page-loader';
import { paths } from '../config/paths';
import { tokenStore } from '../lib/api-client';
import { sessionQueries } from '../lib/session';

/** Pages below this need a session: without one the user signs in first and comes back here. */
export function RequireAuth() {
  const location = useLocation();
  const hasToken = tokenStore.get() !== null;
  const me = useQuery({ ...sessionQueries.me(), enabled: hasToken });

  if (!hasToken) return <Navigate to={paths.signIn.href(location.pathname + location.search)} replace />;
  // Once known, the user stays on screen even if a later refetch fails (that failure is notified).
  if (me.data) return <Outlet />;
  if (me.isPending) return <PageLoader label="Loading your session" />;
  return (
    <CentredPage>
      <LoadError maw={480} title="Could not load your session" message={me.error.message} onRetry={() => void me.refetch()} />
    </CentredPage>
  );
}
