// The only module that touches aws-amplify. Nothing of the sign-in protocol is
// written here: Amplify speaks to the Cognito user pool (or cognito-local,
// through userPoolEndpoint) and keeps and refreshes the tokens. The rest of
// the app reaches it through ./lazy, which imports it only when a sign-in is
// needed; importing it statically from anything the first page loads would
// put aws-amplify back on every visitor's critical path (a unit test and the
// size check say so).
import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword as amplifyConfirmResetPassword,
  confirmSignUp as amplifyConfirmSignUp,
  fetchAuthSession,
  resendSignUpCode,
  resetPassword as amplifyResetPassword,
  signIn as amplifySignIn,
  signInWithRedirect,
  signOut as amplifySignOut,
  signUp as amplifySignUp,
} from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import type { AppConfig, OAuthProvider } from '../config';
import type { SessionUser } from './session';
import { userFromClaims } from './session';

let flow: AppConfig['authFlowType'] = 'USER_SRP_AUTH';

export function configureAuth(config: AppConfig): void {
  flow = config.authFlowType;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
        signUpVerificationMethod: config.emailVerification,
        loginWith: {
          email: true,
          ...(config.oauth
            ? {
                oauth: {
                  domain: config.oauth.domain,
                  scopes: config.oauth.scopes,
                  redirectSignIn: config.oauth.redirectSignIn,
                  redirectSignOut: config.oauth.redirectSignOut,
                  responseType: 'code' as const, // authorization code flow with PKCE
                  providers: config.oauth.providers,
                },
              }
            : {}),
        },
      },
    },
  });
}

/** The signed-in user from the ID token (refreshed when needed), or null. */
export async function currentUser(): Promise<SessionUser | null> {
  try {
    const { tokens } = await fetchAuthSession();
    const payload = tokens?.idToken?.payload;
    if (!payload) return null;
    return userFromClaims(payload);
  } catch {
    return null;
  }
}

/** The raw Cognito ID token for the API's Authorization header. */
export async function idToken(): Promise<string | undefined> {
  try {
    const { tokens } = await fetchAuthSession();
    return tokens?.idToken?.toString();
  } catch {
    return undefined;
  }
}

/** 'totp': the account has an authenticator app; answer with auth/mfa's answerTotpChallenge. */
export type SignInOutcome = 'signed-in' | 'confirm-sign-up' | 'reset-password' | 'totp' | 'unsupported';

export async function signIn(email: string, password: string): Promise<SignInOutcome> {
  const { isSignedIn, nextStep } = await amplifySignIn({ username: email.trim(), password, options: { authFlowType: flow } });
  if (isSignedIn || nextStep.signInStep === 'DONE') return 'signed-in';
  if (nextStep.signInStep === 'CONFIRM_SIGN_UP') return 'confirm-sign-up';
  if (nextStep.signInStep === 'RESET_PASSWORD') return 'reset-password';
  if (nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') return 'totp';
  return 'unsupported';
}

/** Creates the account; true when it still needs the emailed confirmation. */
export async function signUp(email: string, password: string): Promise<boolean> {
  const { isSignUpComplete, nextStep } = await amplifySignUp({
    username: email.trim(),
    password,
    options: { userAttributes: { email: email.trim() } },
  });
  return !isSignUpComplete && nextStep.signUpStep === 'CONFIRM_SIGN_UP';
}

export async function confirmSignUp(email: string, code: string): Promise<void> {
  await amplifyConfirmSignUp({ username: email.trim(), confirmationCode: code.trim() });
}

export async function resendCode(email: string): Promise<void> {
  await resendSignUpCode({ username: email.trim() });
}

export async function signOut(): Promise<void> {
  await amplifySignOut();
}

export async function startPasswordReset(email: string): Promise<void> {
  await amplifyResetPassword({ username: email.trim() });
}

export async function finishPasswordReset(email: string, code: string, newPassword: string): Promise<void> {
  await amplifyConfirmResetPassword({ username: email.trim(), confirmationCode: code.trim(), newPassword });
}

/** Leaves for Cognito's hosted sign-in (OAuth 2.0 code flow with PKCE). */
export async function continueWith(provider: OAuthProvider): Promise<void> {
  await signInWithRedirect({ provider });
}

export type AuthEvent = 'signedIn' | 'redirectSignedIn' | 'signedOut' | 'tokenRefresh_failure' | 'redirectFailed' | 'other';

/** Calls back on sign-in, sign-out and token events; returns the unsubscribe. */
export function onAuthEvent(cb: (e: AuthEvent, error?: unknown) => void): () => void {
  return Hub.listen('auth', ({ payload }) => {
    switch (payload.event) {
      case 'signedIn':
        cb('signedIn');
        break;
      case 'signInWithRedirect':
        cb('redirectSignedIn');
        break;
      case 'signedOut':
        cb('signedOut');
        break;
      case 'tokenRefresh_failure':
        cb('tokenRefresh_failure');
        break;
      case 'signInWithRedirect_failure':
        cb('redirectFailed', (payload as { data?: { error?: unknown } }).data?.error);
        break;
      default:
        cb('other');
    }
  });
}
