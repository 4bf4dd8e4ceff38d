import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { continueWith, signIn } from '../../auth/lazy';
import { rememberOAuthNext, useAuth } from '../../auth/AuthContext';
import type { AuthProblem } from '../../auth/authErrors';
import { checkEmail, describeAuthError } from '../../auth/authErrors';
import { Field } from '../../components/Field';
import { safeNext } from '../../components/RequireAuth';
import { Alert } from '../../components/ui';
import { useConfig } from '../../configContext';
import type { OAuthProvider } from '../../config';
import { useTitle } from '../../lib/hooks';
import { AuthCard, focusFirstInvalid } from './AuthCard';
import { TotpChallenge } from './TotpChallenge';

export default function SignInPage() {
  useTitle('Sign in');
  const config = useConfig();
  const auth = useAuth();
  const navigate = useNavigate();
  const routerLocation = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const notice = (routerLocation.state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [totp, setTotp] = useState(false);
  const withNext = (path: string, extra: Record<string, string> = {}) => `${path}?${new URLSearchParams({ ...extra, ...(next !== '/' ? { next } : {}) })}`;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const emailError = checkEmail(email);
    if (emailError || !password) {
      setProblem(emailError ? { field: 'email', message: emailError } : { field: 'password', message: 'Please enter your password.' });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await signIn(email, password);
      if (outcome === 'signed-in') {
        await auth.refresh();
        navigate(next, { replace: true });
        return;
      }
      if (outcome === 'confirm-sign-up') {
        navigate(withNext('/confirm-sign-up', { email: email.trim() }), { state: { notice: 'Please confirm your email first. We sent you a code.' } });
        return;
      }
      if (outcome === 'totp') {
        setTotp(true);
        return;
      }
      if (outcome === 'reset-password') {
        navigate(withNext('/forgot-password', { email: email.trim() }), { state: { notice: 'Please set a new password for your account.' } });
        return;
      }
      setProblem({ message: 'This account needs a sign-in step that this site does not support yet.' });
    } catch (err) {
      const p = describeAuthError(err, 'signIn');
      if (p.unconfirmed) {
        navigate(withNext('/confirm-sign-up', { email: email.trim() }), { state: { notice: 'Please confirm your email first.' } });
        return;
      }
      setProblem(p);
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  if (auth.status === 'signedIn') {
    return (
      <AuthCard title="Sign in">
        <Alert kind="info" title={`You are signed in as ${auth.user?.email}.`} />
        <Link className="button" to={next}>
          Continue
        </Link>
      </AuthCard>
    );
  }

  if (totp) {
    return (
      <AuthCard title="Enter your code">
        <TotpChallenge
          onSignedIn={() => {
            void auth.refresh().then(() => navigate(next, { replace: true }));
          }}
          onRestart={() => {
            setTotp(false);
            setPassword('');
          }}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Sign in" intro={<p>Sign in to book a car and see your bookings.</p>}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {auth.redirectError && <Alert kind="error" title={auth.redirectError} />}
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="email" label="Email" error={problem?.field === 'email' ? problem.message : undefined}>
          {(p) => <input {...p} type="email" autoComplete="username" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field name="password" label="Password" error={problem?.field === 'password' ? problem.message : undefined}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-links">
        <Link to={withNext('/forgot-password', email ? { email } : {})}>Forgot your password?</Link>
      </p>
      {config.oauth && config.oauth.providers.length > 0 && <SocialButtons providers={config.oauth.providers} />}
      <p className="auth-switch">
        New here? <Link to={withNext('/sign-up')}>Create an account</Link>
      </p>
    </AuthCard>
  );
}

export function SocialButtons({ providers }: { providers: OAuthProvider[] }) {
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string>();
  return (
    <div className="social">
      <p className="divider">
        <span>or</span>
      </p>
      {problem && <Alert kind="error" title={problem} />}
      {providers.map((p) => (
        <button
          key={p}
          type="button"
          className={`button button--secondary button--block social__${p.toLowerCase()}`}
          onClick={() => {
            rememberOAuthNext(safeNext(params.get('next')));
            continueWith(p).catch((err: unknown) => setProblem(describeAuthError(err).message));
          }}
        >
          Continue with {p}
        </button>
      ))}
    </div>
  );
}
