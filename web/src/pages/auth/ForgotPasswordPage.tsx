import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { startPasswordReset } from '../../auth/lazy';
import type { AuthProblem } from '../../auth/authErrors';
import { checkEmail, describeAuthError } from '../../auth/authErrors';
import { Field } from '../../components/Field';
import { Alert } from '../../components/ui';
import { useTitle } from '../../lib/hooks';
import { AuthCard, focusFirstInvalid } from './AuthCard';

export default function ForgotPasswordPage() {
  useTitle('Reset your password');
  const navigate = useNavigate();
  const routerLocation = useLocation();
  const [params] = useSearchParams();
  const notice = (routerLocation.state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailError = checkEmail(email);
    if (emailError) {
      setProblem({ field: 'email', message: emailError });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await startPasswordReset(email);
      const q = new URLSearchParams({ email: email.trim() });
      const next = params.get('next');
      if (next) q.set('next', next);
      navigate(`/reset-password?${q}`);
    } catch (err) {
      setProblem(describeAuthError(err));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Reset your password" intro={<p>Enter the email of your account. We will send you a code to set a new password.</p>}>
      {notice && <Alert kind="info">{notice}</Alert>}
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="email" label="Email" error={problem?.field === 'email' || problem?.field === 'password' ? problem.message : undefined}>
          {(p) => <input {...p} type="email" autoComplete="username" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Sending…' : 'Send code'}
        </button>
      </form>
      <p className="auth-switch">
        Remembered it? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}
