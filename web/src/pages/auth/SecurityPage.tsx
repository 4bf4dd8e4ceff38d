import { useEffect, useState } from 'react';
import { useAuth } from '../../auth/AuthContext';
import { describeAuthError } from '../../auth/authErrors';
import { finishTotpSetup, startTotpSetup, totpEnabled, turnOffTotp, type TotpSetup } from '../../auth/mfa';
import { QrCode } from '../../components/QrCode';
import { Alert, Loading } from '../../components/ui';
import { useTitle } from '../../lib/hooks';
import { AuthCard } from './AuthCard';
import { TotpCodeForm } from './TotpCodeForm';

type State = { step: 'loading' } | { step: 'off' } | { step: 'on' } | { step: 'setup'; setup: TotpSetup } | { step: 'failed'; message: string };

/** The secret in groups of four, as apps that take it typed show it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Account security: a second factor by authenticator app (TOTP). Setting it
 * up shows a QR code of the otpauth URI, the secret and the URI as text (for
 * an app on this device, or one that cannot scan), and asks for a code to
 * confirm; from then on sign-in asks for a code too.
 */
export default function SecurityPage() {
  useTitle('Account security');
  const auth = useAuth();
  const [state, setState] = useState<State>({ step: 'loading' });
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    totpEnabled()
      .then((on) => live && setState({ step: on ? 'on' : 'off' }))
      .catch((err: unknown) => live && setState({ step: 'failed', message: describeAuthError(err).message }));
    return () => {
      live = false;
    };
  }, []);

  async function act(run: () => Promise<State>, done?: string) {
    setBusy(true);
    setNotice(undefined);
    try {
      setState(await run());
      setNotice(done);
    } catch (err) {
      setState({ step: 'failed', message: describeAuthError(err).message });
    } finally {
      setBusy(false);
    }
  }

  const email = auth.user?.email ?? '';
  return (
    <AuthCard title="Account security" intro={<p>Protect your account with a second step at sign-in: a code from an authenticator app on your phone.</p>}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {state.step === 'loading' && <Loading label="Checking your sign-in settings…" />}
      {state.step === 'failed' && <Alert kind="error" title={state.message} />}
      {state.step === 'off' && (
        <>
          <p>Sign-in asks for your password only.</p>
          <button type="button" className="button" disabled={busy} onClick={() => act(async () => ({ step: 'setup', setup: await startTotpSetup(email) }))}>
            Set up an authenticator app
          </button>
        </>
      )}
      {state.step === 'on' && (
        <>
          <p>
            <strong>Authenticator app: on.</strong> Sign-in asks for a code from your app after your password.
          </p>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() =>
              act(async () => {
                await turnOffTotp();
                return { step: 'off' };
              }, 'The authenticator app is turned off.')
            }
          >
            Turn off
          </button>
        </>
      )}
      {state.step === 'setup' && (
        <TotpSetupForm
          setup={state.setup}
          onDone={() => {
            setState({ step: 'on' });
            setNotice('Your authenticator app is set up. Sign-in will ask for its code.');
          }}
          onCancel={() => setState({ step: 'off' })}
        />
      )}
    </AuthCard>
  );
}

function TotpSetupForm({ setup, onDone, onCancel }: { setup: TotpSetup; onDone: () => void; onCancel: () => void }) {
  return (
    <div className="stack totp-setup">
      <ol>
        <li>Scan this code with your authenticator app, or enter the key below in it.</li>
        <li>Type the 6-digit code the app then shows.</li>
      </ol>
      <QrCode text={setup.uri} label="QR code to add Car Rental to your authenticator app" />
      <p>
        Key: <code className="totp-secret" data-testid="totp-secret">{grouped(setup.secret)}</code>
      </p>
      <details>
        <summary>Setup link (otpauth)</summary>
        <code className="totp-uri">{setup.uri}</code>
      </details>
      <TotpCodeForm
        submit="Verify and turn on"
        onCode={async (code) => {
          await finishTotpSetup(code);
          onDone();
        }}
      >
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </TotpCodeForm>
    </div>
  );
}
