import { useState, type FormEvent, type ReactNode } from 'react';
import type { AuthProblem } from '../../auth/authErrors';
import { describeAuthError } from '../../auth/authErrors';
import { checkTotpCode } from '../../auth/mfa';
import { Field } from '../../components/Field';
import { Alert } from '../../components/ui';
import { focusFirstInvalid } from './AuthCard';

/**
 * The six-digit code of an authenticator app, checked here, then given to
 * onCode; a message onCode returns, or its error in words (a wrong code
 * beside the field), is shown. `children` go beside the submit button.
 */
export function TotpCodeForm(props: { submit: string; onCode: (code: string) => Promise<string | void>; autoFocus?: boolean; children?: ReactNode }) {
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
      const message = await props.onCode(code);
      if (message) setProblem({ message });
    } catch (err) {
      setProblem(describeAuthError(err, 'totp'));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {problem && !problem.field && <Alert kind="error" title={problem.message} />}
      <form onSubmit={onSubmit} noValidate className="stack">
        <Field name="code" label="Code from your authenticator app" error={problem?.field === 'code' ? problem.message : undefined}>
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              autoFocus={props.autoFocus}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Checking…' : props.submit}
          </button>
          {props.children}
        </div>
      </form>
    </>
  );
}
