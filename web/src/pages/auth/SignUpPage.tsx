import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { signUp } from '../../auth/lazy';
import { rememberSignUp } from '../../auth/AuthContext';
import type { AuthProblem } from '../../auth/authErrors';
import { PASSWORD_HINT, checkEmail, describeAuthError } from '../../auth/authErrors';
import { Field } from '../../components/Field';
import { safeNext } from '../../components/RequireAuth';
import { Alert } from '../../components/ui';
import { useConfig } from '../../configContext';
import { useTitle } from '../../lib/hooks';
import { AuthCard, focusFirstInvalid } from './AuthCard';
import { SocialButtons } from './SignInPage';

export default function SignUpPage() {
  useTitle('Create an account');
  const config = useConfig();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailError = checkEmail(email);
    if (emailError || password.length < 8) {
      setProblem(emailError ? { field: 'email', message: emailError } : { field: 'password', message: PASSWORD_HINT });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const needsConfirmation = await signUp(email, password);
      rememberSignUp(email, password);
      const q = new URLSearchParams({ email: email.trim(), ...(next !== '/' ? { next } : {}) });
      if (needsConfirmation) navigate(`/confirm-sign-up?${q}`);
      else navigate(`/sign-in?${q}`, { state: { notice: 'Your account is ready. Please sign in.' } });
    } catch (err) {
      setProblem(describeAuthError(err));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Create an account" intro={<p>With an account you can book cars, and change or cancel your bookings.</p>}>
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="email" label="Email" error={problem?.field === 'email' ? problem.message : undefined}>
          {(p) => <input {...p} type="email" autoComplete="email" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field name="password" label="Password" hint={PASSWORD_HINT} error={problem?.field === 'password' ? problem.message : undefined}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      {config.oauth && config.oauth.providers.length > 0 && <SocialButtons providers={config.oauth.providers} />}
      <p className="auth-switch">
        Have an account? <Link to={`/sign-in${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
      </p>
    </AuthCard>
  );
}
