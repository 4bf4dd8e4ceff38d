import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { finishPasswordReset } from '../../auth/lazy';
import type { AuthProblem } from '../../auth/authErrors';
import { PASSWORD_HINT, checkEmail, describeAuthError } from '../../auth/authErrors';
import { Field } from '../../components/Field';
import { Alert } from '../../components/ui';
import { useTitle } from '../../lib/hooks';
import { AuthCard, focusFirstInvalid } from './AuthCard';

export default function ResetPasswordPage() {
  useTitle('Set a new password');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailError = checkEmail(email);
    const local: AuthProblem | null = emailError
      ? { field: 'email', message: emailError }
      : !code.trim()
        ? { field: 'code', message: 'Please enter the code from the email.' }
        : password.length < 8
          ? { field: 'newPassword', message: PASSWORD_HINT }
          : null;
    if (local) {
      setProblem(local);
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await finishPasswordReset(email, code, password);
      const q = new URLSearchParams({ email: email.trim() });
      const next = params.get('next');
      if (next) q.set('next', next);
      navigate(`/sign-in?${q}`, { replace: true, state: { notice: 'Your password is changed. Please sign in with the new one.' } });
    } catch (err) {
      const p = describeAuthError(err);
      setProblem(p.field === 'password' ? { ...p, field: 'newPassword' } : p);
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Set a new password" intro={<p>We sent a code to {email ? <strong>{email}</strong> : 'your email'}. Enter it with your new password.</p>}>
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="email" label="Email" error={problem?.field === 'email' ? problem.message : undefined}>
          {(p) => <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field name="code" label="Code from the email" error={problem?.field === 'code' ? problem.message : undefined}>
          {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field name="newPassword" label="New password" hint={PASSWORD_HINT} error={problem?.field === 'newPassword' ? problem.message : undefined}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
      </form>
      <p className="auth-switch">
        <Link to={`/forgot-password?email=${encodeURIComponent(email)}`}>Send a new code</Link>
      </p>
    </AuthCard>
  );
}
