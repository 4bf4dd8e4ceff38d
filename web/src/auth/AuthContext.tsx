import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useConfig } from '../configContext';
import { describeAuthError } from './authErrors';
import { loadAuth, signOut as amplifySignOut, whenAuthLoaded } from './lazy';
import type { SessionUser } from './session';
import { storedSession } from './session';

export type { SessionUser } from './session';

export interface AuthState {
  /**
   * signedIn/signedOut from the first render when the browser's storage says
   * (a stored session is shown at once and checked by Amplify in the
   * background); loading only while Amplify must look first (the hosted
   * sign-in coming back).
   */
  status: 'loading' | 'signedIn' | 'signedOut';
  user: SessionUser | null;
  /** A failed "Continue with Google/Facebook", to show on the sign-in page. */
  redirectError?: string;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** For tests: provide a fixed auth state without Amplify. */
export const StaticAuthProvider = AuthContext.Provider;

const OAUTH_NEXT = 'oauth-next';

/** Where to go after "Continue with Google/Facebook" comes back from the hosted sign-in. */
export function rememberOAuthNext(path: string): void {
  try {
    sessionStorage.setItem(OAUTH_NEXT, path);
  } catch {
    /* no storage: land on the home page */
  }
}

function takeOAuthNext(): string | null {
  try {
    const v = sessionStorage.getItem(OAUTH_NEXT);
    sessionStorage.removeItem(OAUTH_NEXT);
    return v;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const config = useConfig();
  const navigate = useNavigate();
  // What storage holds, read once, without Amplify.
  const [stored] = useState(() => storedSession(config.userPoolClientId));
  const [user, setUser] = useState<SessionUser | null>(stored.kind === 'user' ? stored.user : null);
  const [status, setStatus] = useState<AuthState['status']>(
    stored.kind === 'user' ? 'signedIn' : stored.kind === 'none' ? 'signedOut' : 'loading',
  );
  const [redirectError, setRedirectError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const u = await (await loadAuth()).currentUser();
      setUser(u);
      setStatus(u ? 'signedIn' : 'signedOut');
    } catch {
      // The library did not load (offline): nothing more is known.
      setStatus((s) => (s === 'loading' ? 'signedOut' : s));
    }
  }, []);

  // Amplify's events, once it is loaded, whoever loaded it.
  useEffect(
    () =>
      whenAuthLoaded((a) =>
        a.onAuthEvent((event, error) => {
          if (event === 'redirectFailed') setRedirectError(describeAuthError(error).message);
          if (event === 'signedIn' || event === 'signedOut' || event === 'tokenRefresh_failure') void refresh();
          if (event === 'redirectSignedIn') {
            void refresh();
            const next = takeOAuthNext();
            if (next && next.startsWith('/') && !next.startsWith('//')) navigate(next, { replace: true });
          }
        }),
      ),
    [refresh, navigate],
  );

  // A stored session is checked (and its tokens refreshed) by Amplify; a
  // visitor with none loads no sign-in library.
  useEffect(() => {
    if (stored.kind !== 'none') void refresh();
  }, [stored, refresh]);

  const signOut = useCallback(async () => {
    try {
      await amplifySignOut();
    } finally {
      await refresh();
    }
  }, [refresh]);

  const value = useMemo<AuthState>(
    () => ({ status, user, refresh, signOut, ...(redirectError ? { redirectError } : {}) }),
    [status, user, refresh, signOut, redirectError],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

// Between sign-up and confirmation the password is kept in memory only (never
// in storage), so that confirming the code can sign the new user in at once.
let pending: { email: string; password: string } | null = null;

export function rememberSignUp(email: string, password: string): void {
  pending = { email: email.trim().toLowerCase(), password };
}

export function takeSignUpPassword(email: string): string | undefined {
  if (pending && pending.email === email.trim().toLowerCase()) {
    const p = pending.password;
    pending = null;
    return p;
  }
  return undefined;
}
