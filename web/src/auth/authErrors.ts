// Cognito (Amplify) errors in words, beside the field they are about.

export type AuthField = 'email' | 'password' | 'code' | 'newPassword';

export interface AuthProblem {
  /** The field to show the message beside; absent: show it above the form. */
  field?: AuthField;
  message: string;
  /** The account exists but its email is not confirmed yet. */
  unconfirmed?: boolean;
}

function nameOf(err: unknown): string {
  if (err && typeof err === 'object' && 'name' in err && typeof (err as { name: unknown }).name === 'string') return (err as { name: string }).name;
  return '';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : '';
}

/**
 * Maps an error from aws-amplify/auth to what the sign-in/up pages show.
 * `during` is the step: on sign-in a password error never explains the
 * password rules (cognito-local answers a wrong password with
 * InvalidPasswordException where Cognito says NotAuthorizedException).
 */
export function describeAuthError(err: unknown, during: 'signIn' | 'totp' | 'other' = 'other'): AuthProblem {
  const name = nameOf(err);
  if (during === 'signIn' && name === 'InvalidPasswordException') {
    return { field: 'password', message: 'The email or password is not right.' };
  }
  if (during === 'totp') {
    const totp = describeTotpError(name);
    if (totp) return totp;
  }
  switch (name) {
    case 'NotAuthorizedException':
      if (/attempts exceeded/i.test(messageOf(err))) return { message: 'Too many attempts. Please wait a few minutes and try again.' };
      return { field: 'password', message: 'The email or password is not right.' };
    case 'UserNotFoundException':
      return { field: 'password', message: 'The email or password is not right.' };
    case 'UserNotConfirmedException':
      return { field: 'email', message: 'Please confirm your email first.', unconfirmed: true };
    case 'UsernameExistsException':
    case 'AliasExistsException':
      return { field: 'email', message: 'An account with this email already exists. Sign in instead, or reset your password.' };
    case 'InvalidPasswordException':
      return { field: 'password', message: passwordRuleMessage(messageOf(err)) };
    case 'CodeMismatchException':
      return { field: 'code', message: 'That code is not right. Check the email and try again.' };
    case 'ExpiredCodeException':
      return { field: 'code', message: 'That code has expired. Ask for a new one.' };
    case 'EmptySignInUsername':
    case 'EmptySignUpUsername':
    case 'EmptyResetPasswordUsername':
    case 'EmptyConfirmSignUpUsername':
    case 'EmptyConfirmResetPasswordUsername':
    case 'EmptyresendSignUpCodeUsername':
      return { field: 'email', message: 'Please enter your email.' };
    case 'EmptySignInPassword':
    case 'EmptySignUpPassword':
      return { field: 'password', message: 'Please enter your password.' };
    case 'EmptyConfirmResetPasswordNewPassword':
      return { field: 'newPassword', message: 'Please enter a new password.' };
    case 'EmptyConfirmSignUpCode':
    case 'EmptyConfirmResetPasswordConfirmationCode':
      return { field: 'code', message: 'Please enter the code from the email.' };
    case 'InvalidParameterException':
      if (/email/i.test(messageOf(err))) return { field: 'email', message: 'Please enter a valid email address.' };
      if (/password/i.test(messageOf(err))) return { field: 'password', message: passwordRuleMessage(messageOf(err)) };
      return { message: 'Some details are not right. Please check them and try again.' };
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return { message: 'Too many attempts. Please wait a few minutes and try again.' };
    case 'NetworkError':
      return { message: 'We could not reach the sign-in service. Check your connection and try again.' };
    case 'UserAlreadyAuthenticatedException':
      return { message: 'You are already signed in.' };
    default:
      return { message: 'Something went wrong. Please try again.' };
  }
}

/** Cognito says "Password did not conform with policy: Password must have symbol characters". */
export function passwordRuleMessage(raw: string): string {
  const rule = raw.split(':').slice(1).join(':').trim();
  if (rule) return `${rule.replace(/\.$/, '')}.`;
  return PASSWORD_HINT;
}

/** The user pool's PasswordPolicy in template.yaml, in words (authErrors.test.ts holds them together). */
export const PASSWORD_HINT = 'At least 10 characters, with upper- and lower-case letters and a number.';

/** A quick check before asking Cognito: just enough to say what is missing. */
export function checkEmail(email: string): string | undefined {
  if (!email.trim()) return 'Please enter your email.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return 'Please enter a valid email address, like name@example.com.';
  return undefined;
}

/**
 * Errors of the authenticator-app steps (set up, sign-in code). A wrong code
 * is CodeMismatchException, or EnableSoftwareTokenMFAException when Cognito
 * checks the first one (cognito-local says CodeMismatchException there too).
 */
function describeTotpError(name: string): AuthProblem | undefined {
  switch (name) {
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return { field: 'code', message: 'That code is not right. Enter the code your app shows now (check the time on your phone if it keeps failing).' };
    case 'EmptyChallengeResponse':
    case 'EmptyVerifyTOTPSetupCode':
      return { field: 'code', message: 'Enter the 6-digit code from your authenticator app.' };
    case 'NotAuthorizedException':
      return { message: 'This sign-in took too long. Please sign in again.' };
    case 'SoftwareTokenMFANotFoundException':
      return { message: 'Set up your authenticator app again: this account has none waiting to be confirmed.' };
  }
  return undefined;
}
