import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { confirmSignUp, resendCode, signIn } from '../../auth/lazy';
import { takeSignUpPassword, useAuth } from '../../auth/AuthContext';
import type { AuthProblem } from '../../auth/authErrors';
import { checkEmail, describeAuthError } from '../../auth/authErrors';
import { Field } from '../../components/Field';
import { safeNext } from '../../components/RequireAuth';
import { Alert } from '../../components/ui';
import { useConfig } from '../../configContext';
import { useTitle } from '../../lib/hooks';
import { AuthCard, focusFirstInvalid } from './AuthCard';

/**
 * Locally (and wherever the pool sends a code) the person types the emailed
 * code here. Where the pool verifies by link, this page only says to check
 * the email.
 */
export default function ConfirmSignUpPage() {
  useTitle('Confirm your email');
  const config = useConfig();
  const auth = useAuth();
  const navigate = useNavigate();
  const routerLocation = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const notice = (routerLocation.state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signInLink = `/sign-in?${new URLSearchParams({ ...(email ? { email } : {}), ...(next !== '/' ? { next } : {}) })}`;

  if (config.emailVerification === 'link') {
    return (
      <AuthCard title="Check your email">
        <p>
          We sent a link to <strong>{email || 'your email address'}</strong>. Open it to confirm your address, then come back and sign in.
        </p>
        <Link className="button" to={signInLink}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailError = checkEmail(email);
    if (emailError || !/^\s*\d{4,8}\s*$/.test(code)) {
      setProblem(emailError ? { field: 'email', message: emailError } : { field: 'code', message: 'Please enter the code from the email (6 digits).' });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await confirmSignUp(email, code);
      const password = takeSignUpPassword(email);
      if (password) {
        try {
          if ((await signIn(email, password)) === 'signed-in') {
            await auth.refresh();
            navigate(next, { replace: true, state: { flash: 'Your email is confirmed and you are signed in.' } });
            return;
          }
        } catch {
          /* fall through to the sign-in page */
        }
      }
      navigate(signInLink, { replace: true, state: { notice: 'Your email is confirmed. Please sign in.' } });
    } catch (err) {
      setProblem(describeAuthError(err));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  async function onResend() {
    const emailError = checkEmail(email);
    if (emailError) {
      setProblem({ field: 'email', message: emailError });
      return;
    }
    setProblem(null);
    try {
      await resendCode(email);
      setSent(`We sent a new code to ${email.trim()}.`);
    } catch (err) {
      setProblem(describeAuthError(err));
    }
  }

  return (
    <AuthCard
      title="Confirm your email"
      intro={
        <>
          <p>We sent a 6-digit code to {email ? <strong>{email}</strong> : 'your email'}. Enter it here to finish creating your account.</p>
          {config.userPoolEndpoint?.endsWith('/_cognito') && (
            // The local stack's stand-in pool mails nothing: it keeps the
            // code at /_local/last-code (docs/local-stack.md).
            <p className="muted">
              Running locally? The code is at{' '}
              <a href={`/_local/last-code?email=${encodeURIComponent(email)}`} target="_blank" rel="noreferrer">
                /_local/last-code
              </a>
              .
            </p>
          )}
        </>
      }
    >
      {notice && <Alert kind="info">{notice}</Alert>}
      {sent && <Alert kind="success">{sent}</Alert>}
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="email" label="Email" error={problem?.field === 'email' ? problem.message : undefined}>
          {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field name="code" label="Confirmation code" error={problem?.field === 'code' ? problem.message : undefined}>
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]*"
              maxLength={8}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Confirming…' : 'Confirm email'}
        </button>
      </form>
      <p className="auth-links">
        No code? <button type="button" className="link-button" onClick={onResend}>Send a new code</button>
      </p>
    </AuthCard>
  );
}
