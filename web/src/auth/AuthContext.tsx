import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { SessionUser } from './amplify';
import { currentUser, onAuthEvent, signOut as amplifySignOut } from './amplify';
import { describeAuthError } from './authErrors';

export interface AuthState {
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
  const navigate = useNavigate();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [redirectError, setRedirectError] = useState<string>();

  const refresh = useCallback(async () => {
    const u = await currentUser();
    setUser(u);
    setStatus(u ? 'signedIn' : 'signedOut');
  }, []);

  useEffect(() => {
    void refresh();
    return onAuthEvent((event, error) => {
      if (event === 'redirectFailed') setRedirectError(describeAuthError(error).message);
      if (event === 'signedIn' || event === 'signedOut' || event === 'tokenRefresh_failure') void refresh();
      if (event === 'redirectSignedIn') {
        void refresh();
        const next = takeOAuthNext();
        if (next && next.startsWith('/') && !next.startsWith('//')) navigate(next, { replace: true });
      }
    });
  }, [refresh, navigate]);

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
