// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StaticAuthProvider } from '../../auth/AuthContext';
import { signedIn } from '../../test/fakeApi';

// The Amplify side (auth/mfa.ts) is faked here; the browser tests run it
// against cognito-local (e2e/mfa.e2e.ts).
const mfa = vi.hoisted(() => ({
  totpEnabled: vi.fn(),
  startTotpSetup: vi.fn(),
  finishTotpSetup: vi.fn(),
  turnOffTotp: vi.fn(),
}));
vi.mock('../../auth/mfa', async (original) => ({ ...(await original<typeof import('../../auth/mfa')>()), ...mfa }));
const { default: SecurityPage } = await import('./SecurityPage');

const setup = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', uri: 'otpauth://totp/Car%20Rental:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Car%20Rental' };
const named = (name: string) => Object.assign(new Error(name), { name });

function renderPage() {
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter>
        <SecurityPage />
      </MemoryRouter>
    </StaticAuthProvider>,
  );
}

describe('SecurityPage', () => {
  beforeEach(() => {
    for (const f of Object.values(mfa)) f.mockReset();
  });
  afterEach(cleanup);

  it('sets up an authenticator app: QR code, key and link as text, a code to confirm', async () => {
    mfa.totpEnabled.mockResolvedValue(false);
    mfa.startTotpSetup.mockResolvedValue(setup);
    mfa.finishTotpSetup.mockRejectedValueOnce(named('EnableSoftwareTokenMFAException')).mockResolvedValueOnce(undefined);
    renderPage();

    fireEvent.click(await screen.findByRole('button', { name: 'Set up an authenticator app' }));
    expect(await screen.findByRole('img', { name: /QR code to add Car Rental/ })).toBeTruthy();
    expect(mfa.startTotpSetup).toHaveBeenCalledWith('alice@example.com');
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    expect(screen.getByText(setup.uri)).toBeTruthy();

    const code = screen.getByLabelText('Code from your authenticator app');
    fireEvent.change(code, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and turn on' }));
    expect((await screen.findByText(/Enter the 6-digit code/)).closest('[data-field-error="code"]')).toBeTruthy();
    expect(mfa.finishTotpSetup).not.toHaveBeenCalled();

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and turn on' }));
    expect((await screen.findByText(/That code is not right/)).closest('[data-field-error="code"]')).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(code, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and turn on' }));
    expect(await screen.findByText(/Authenticator app: on/)).toBeTruthy();
    expect(screen.getByText(/Your authenticator app is set up/)).toBeTruthy();
    expect(mfa.finishTotpSetup).toHaveBeenLastCalledWith('654321');
  });

  it('turns the app off', async () => {
    mfa.totpEnabled.mockResolvedValue(true);
    mfa.turnOffTotp.mockResolvedValue(undefined);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Turn off' }));
    expect(await screen.findByRole('button', { name: 'Set up an authenticator app' })).toBeTruthy();
    expect(screen.getByText(/turned off/)).toBeTruthy();
  });

  it('says so when the settings cannot be read', async () => {
    mfa.totpEnabled.mockRejectedValue(named('NetworkError'));
    renderPage();
    expect(await screen.findByText(/could not reach the sign-in service/)).toBeTruthy();
  });
});
