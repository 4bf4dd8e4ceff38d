import { answerTotpChallenge } from '../../auth/mfa';
import { TotpCodeForm } from './TotpCodeForm';

/**
 * The sign-in's second step for an account with an authenticator app: the
 * six-digit code it shows (Cognito's SOFTWARE_TOKEN_MFA challenge). Calls
 * onSignedIn once the code is accepted, onRestart to go back to the password.
 */
export function TotpChallenge({ onSignedIn, onRestart }: { onSignedIn: () => void; onRestart: () => void }) {
  return (
    <>
      <p>Open your authenticator app and enter the code it shows for Car Rental.</p>
      <TotpCodeForm
        submit="Verify"
        autoFocus
        onCode={async (code) => {
          if (!(await answerTotpChallenge(code))) return 'This account needs a sign-in step that this site does not support yet.';
          onSignedIn();
        }}
      >
        <button type="button" className="button button--secondary" onClick={onRestart}>
          Start again
        </button>
      </TotpCodeForm>
    </>
  );
}
