import { loadAuth } from '../../auth/lazy';
import { TotpCodeForm } from './TotpCodeForm';

/**
 * Answers the challenge through auth/mfa, imported when the code is sent:
 * it imports aws-amplify, which the sign-in page must not load before the
 * person starts on its form (issue 18; e2e/firstpage.e2e.ts).
 */
async function answer(code: string): Promise<boolean> {
  await loadAuth(); // Amplify configured, as the password step left it
  const { answerTotpChallenge } = await import('../../auth/mfa');
  return answerTotpChallenge(code);
}

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
          if (!(await answer(code))) return 'This account needs a sign-in step that this site does not support yet.';
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
