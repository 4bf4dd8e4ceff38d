// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticAuthProvider } from '../../auth/AuthContext';
import type { AppConfig } from '../../config';
import { ConfigProvider } from '../../configContext';

// Amplify is faked: signIn says the account has an authenticator app, and
// the code step answers as Cognito does. e2e/mfa.e2e.ts runs the real ones.
const amplify = vi.hoisted(() => ({ signIn: vi.fn() }));
const mfa = vi.hoisted(() => ({ answerTotpChallenge: vi.fn() }));
vi.mock('../../auth/amplify', async (original) => ({ ...(await original<typeof import('../../auth/amplify')>()), ...amplify }));
vi.mock('../../auth/mfa', async (original) => ({ ...(await original<typeof import('../../auth/mfa')>()), ...mfa }));
const { default: SignInPage } = await import('./SignInPage');
const { setAuthConfig } = await import('../../auth/lazy');

const config: AppConfig = { apiBaseUrl: '/api', region: 'us-east-1', userPoolId: 'p', userPoolClientId: 'c', authFlowType: 'USER_PASSWORD_AUTH', emailVerification: 'code' };
const refresh = vi.fn(async () => {});
setAuthConfig(config); // as main.tsx does: the sign-in library is configured when it loads

describe('sign-in with an authenticator app', () => {
  afterEach(cleanup);

  it('asks for the code after the password, refuses a wrong one, signs in with the right one', async () => {
    amplify.signIn.mockResolvedValue('totp');
    mfa.answerTotpChallenge.mockRejectedValueOnce(Object.assign(new Error('x'), { name: 'CodeMismatchException' })).mockResolvedValueOnce(true);
    render(
      <ConfigProvider value={config}>
        <StaticAuthProvider value={{ status: 'signedOut', user: null, refresh, signOut: async () => {} }}>
          <MemoryRouter initialEntries={['/sign-in?next=%2Fmy-bookings']}>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/my-bookings" element={<h1>My bookings</h1>} />
            </Routes>
          </MemoryRouter>
        </StaticAuthProvider>
      </ConfigProvider>,
    );
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ann@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Passw0rd!demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Enter your code' })).toBeTruthy();
    const code = screen.getByLabelText('Code from your authenticator app');
    fireEvent.change(code, { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByText(/That code is not right/)).closest('[data-field-error="code"]')).toBeTruthy();
    expect(refresh).not.toHaveBeenCalled();

    fireEvent.change(code, { target: { value: '222222' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'My bookings' })).toBeTruthy();
    expect(mfa.answerTotpChallenge).toHaveBeenLastCalledWith('222222');
    expect(refresh).toHaveBeenCalled();
  });
});
