// The form check of a code from an authenticator app, apart from auth/mfa:
// the sign-in page's code form needs it, and must not pull aws-amplify in
// with it before the person starts on the form (issue 18).

/** A code as the apps show it: six digits. */
export function checkTotpCode(code: string): string | undefined {
  return /^\d{6}$/.test(code.replace(/\s+/g, '')) ? undefined : 'Enter the 6-digit code from your authenticator app.';
}
