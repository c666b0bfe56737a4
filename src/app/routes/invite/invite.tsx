import { useNavigate, useSearchParams } from 'react-router';
import { paths } from '../../../config/paths';
import { InvitationScreen } from '../../../features/onboarding/invitation-screen';

/** `/invite?token=…`, the link an admin hands to the person they invite. */
export function InviteRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  return <InvitationScreen token={searchParams.get('token')} onJoined={() => navigate(paths.connectors.href(), { replace: true })} />;
}
