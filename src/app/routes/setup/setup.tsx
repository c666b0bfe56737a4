import { useNavigate, useSearchParams } from 'react-router';
import { paths } from '../../../config/paths';
import { SetupScreen } from '../../../features/onboarding/setup-screen';

/** `/setup?token=…`, the link the server prints on its first run. */
export function SetupRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  return <SetupScreen token={searchParams.get('token')} onSetUp={() => navigate(paths.connectors.href(), { replace: true })} />;
}
