import { useState, type FormEvent } from 'react';
import type { AuthProblem } from '../../auth/authErrors';
import { describeAuthError } from '../../auth/authErrors';
import { answerTotpChallenge, checkTotpCode } from '../../auth/mfa';
import { Field } from '../../components/Field';
import { Alert } from '../../components/ui';
import { focusFirstInvalid } from './AuthCard';

/**
 * The sign-in's second step for an account with an authenticator app: the
 * six-digit code it shows (Cognito's SOFTWARE_TOKEN_MFA challenge). Calls
 * onSignedIn once the code is accepted, onRestart to go back to the password.
 */
export function TotpChallenge({ onSignedIn, onRestart }: { onSignedIn: () => void; onRestart: () => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<AuthProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const bad = checkTotpCode(code);
    if (bad) {
      setProblem({ field: 'code', message: bad });
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      if (await answerTotpChallenge(code)) {
        onSignedIn();
        return;
      }
      setProblem({ message: 'This account needs a sign-in step that this site does not support yet.' });
    } catch (err) {
      setProblem(describeAuthError(err, 'totp'));
      setCode('');
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>Open your authenticator app and enter the code it shows for Car Rental.</p>
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="code" label="Code from your authenticator app" error={problem?.field === 'code' ? problem.message : undefined}>
          {(p) => (
            <input {...p} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--block" disabled={busy}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <p className="auth-links">
        <button type="button" className="button button--small button--secondary" onClick={onRestart}>
          Start again
        </button>
      </p>
    </>
  );
}
