// The second factor: a code from an authenticator app (TOTP; Cognito calls it
// a software token). Like amplify.ts, only Amplify speaks to the user pool;
// this module is imported by the pages that need it, which load lazily.
import { confirmSignIn, fetchMFAPreference, setUpTOTP, updateMFAPreference, verifyTOTPSetup } from 'aws-amplify/auth';

/** The app's name in authenticator apps (the otpauth URI's issuer). */
export const TOTP_ISSUER = 'Car Rental';

export interface TotpSetup {
  /** The shared secret, base32, to type into an app that cannot scan. */
  secret: string;
  /** otpauth://totp/Car%20Rental:<account>?secret=...&issuer=Car%20Rental, for the QR code. */
  uri: string;
}

/** Whether the signed-in user signs in with an authenticator app. */
export async function totpEnabled(): Promise<boolean> {
  const { enabled } = await fetchMFAPreference();
  return enabled?.includes('TOTP') ?? false;
}

/** Starts setting up an app (AssociateSoftwareToken): a new secret, not in use until confirmed. */
export async function startTotpSetup(account: string): Promise<TotpSetup> {
  const details = await setUpTOTP();
  return { secret: details.sharedSecret, uri: details.getSetupUri(TOTP_ISSUER, account).toString() };
}

/**
 * Confirms the app with a code it shows (VerifySoftwareToken) and makes it
 * the user's second factor (SetUserMFAPreference): from the next sign-in on,
 * the code is asked for.
 */
export async function finishTotpSetup(code: string): Promise<void> {
  await verifyTOTPSetup({ code: code.replace(/\s+/g, '') });
  await updateMFAPreference({ totp: 'PREFERRED' });
}

/** Signs in without the app again. */
export async function turnOffTotp(): Promise<void> {
  await updateMFAPreference({ totp: 'DISABLED' });
}

/** Answers the sign-in's CONFIRM_SIGN_IN_WITH_TOTP_CODE step; true once signed in. */
export async function answerTotpChallenge(code: string): Promise<boolean> {
  const { isSignedIn, nextStep } = await confirmSignIn({ challengeResponse: code.replace(/\s+/g, '') });
  return isSignedIn || nextStep.signInStep === 'DONE';
}

/** A code as the apps show it: six digits. */
export function checkTotpCode(code: string): string | undefined {
  return /^\d{6}$/.test(code.replace(/\s+/g, '')) ? undefined : 'Enter the 6-digit code from your authenticator app.';
}
