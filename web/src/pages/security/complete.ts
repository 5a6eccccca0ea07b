import { useQueryClient } from '@tanstack/react-query';
import { type components, setCsrfToken } from '../../api/client';
import { ME_KEY } from '../../app/session';
import { safeNext } from '../LoginPage';

type Session = components['schemas']['Session'];

/** Where to go after the code step: the page asked for before signing in, or the dashboard. */
export const nextFrom = (params: URLSearchParams) => safeNext(params.get('next'));

/** The full session that the code step (or enrolment) opened becomes the app's session. */
export function useCompleteSignIn() {
  const qc = useQueryClient();
  return (s: Session) => {
    setCsrfToken(s.csrfToken);
    qc.setQueryData(ME_KEY, s.user);
  };
}
