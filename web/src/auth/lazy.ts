// The sign-in library on demand. aws-amplify (its own chunk, 39 KB of the
// first page's JavaScript when it was loaded eagerly) is imported only when a
// sign-in is needed: a stored session to check or refresh (AuthProvider), a
// protected page's API call (the ID token), or a person using a sign-in page
// (AuthCard starts it on the first focus or touch, the submit waits for it).
// A visitor's home, search and car pages never load it.
import type { AppConfig, OAuthProvider } from '../config';
import type * as Amplify from './amplify';

type AmplifyModule = typeof Amplify;

let config: AppConfig | null = null;
let loading: Promise<AmplifyModule> | null = null;
let loaded: AmplifyModule | null = null;
const waiting = new Set<(a: AmplifyModule) => void>();

/** The config Amplify is configured with when it loads; main.tsx sets it before the first render. */
export function setAuthConfig(c: AppConfig): void {
  config = c;
}

/** Imports and configures Amplify, once; a failed import is tried again on the next call. */
export function loadAuth(): Promise<AmplifyModule> {
  loading ??= import('./amplify').then(
    (a) => {
      if (!config) throw new Error('loadAuth before setAuthConfig');
      a.configureAuth(config);
      loaded = a;
      for (const cb of [...waiting]) cb(a);
      waiting.clear();
      return a;
    },
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** Starts loading Amplify and ignores the outcome (a later call says it). */
export function preloadAuth(): void {
  loadAuth().catch(() => {});
}

/** Whether Amplify has been loaded (for tests and diagnostics). */
export function authLoaded(): boolean {
  return loaded !== null;
}

/**
 * Runs cb with Amplify once it is loaded (at once if it is), without loading
 * it. cb may return a cleanup; the returned function cancels either.
 */
export function whenAuthLoaded(cb: (a: AmplifyModule) => (() => void) | void): () => void {
  let cleanup: (() => void) | void;
  let cancelled = false;
  const run = (a: AmplifyModule) => {
    if (!cancelled) cleanup = cb(a);
  };
  if (loaded) run(loaded);
  else waiting.add(run);
  return () => {
    cancelled = true;
    waiting.delete(run);
    if (cleanup) cleanup();
  };
}

// The operations of ./amplify, each loading it first.

export const idToken = async (): Promise<string | undefined> => (await loadAuth()).idToken();
export const signIn = async (email: string, password: string) => (await loadAuth()).signIn(email, password);
export const signUp = async (email: string, password: string) => (await loadAuth()).signUp(email, password);
export const confirmSignUp = async (email: string, code: string) => (await loadAuth()).confirmSignUp(email, code);
export const resendCode = async (email: string) => (await loadAuth()).resendCode(email);
export const signOut = async () => (await loadAuth()).signOut();
export const startPasswordReset = async (email: string) => (await loadAuth()).startPasswordReset(email);
export const finishPasswordReset = async (email: string, code: string, newPassword: string) =>
  (await loadAuth()).finishPasswordReset(email, code, newPassword);
export const continueWith = async (provider: OAuthProvider) => (await loadAuth()).continueWith(provider);
