import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Problem } from '../api/errors';
import { describeProblem, needsSignIn } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { Alert } from './ui';

/** An API problem in words, with the way out: sign in (again), or try again. */
export function ProblemAlert({ problem, onRetry, extra }: { problem: Problem; onRetry?: () => void; extra?: string[] }) {
  const location = useLocation();
  const navigate = useNavigate();
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  const signInUrl = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;

  // The API refused a token we still hold (expired, revoked, another pool):
  // drop it before signing in again, or the sign-in page would think we are in.
  async function signInAgain() {
    setBusy(true);
    try {
      await auth.signOut();
    } finally {
      navigate(signInUrl);
    }
  }

  return (
    <Alert
      kind="error"
      title={describeProblem(problem)}
      actions={
        needsSignIn(problem) ? (
          problem.code === 'unauthorized' && auth.status === 'signedIn' ? (
            <button type="button" className="button button--small" onClick={signInAgain} disabled={busy}>
              Sign in again
            </button>
          ) : (
            <Link className="button button--small" to={signInUrl}>
              Sign in
            </Link>
          )
        ) : onRetry ? (
          <button type="button" className="button button--small button--secondary" onClick={onRetry}>
            Try again
          </button>
        ) : undefined
      }
    >
      {extra && extra.length > 0 && (
        <ul>
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {problem.requestId && <p className="alert__ref">Reference: {problem.requestId}</p>}
    </Alert>
  );
}
