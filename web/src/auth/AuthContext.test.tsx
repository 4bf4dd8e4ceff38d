// @vitest-environment jsdom
// The sign-in state without and with a stored session, with the real
// aws-amplify reading what it stored: a visitor never loads the library, a
// signed-in user's header is right from the first render.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config';
import { ConfigProvider } from '../configContext';
import { fakeJwt } from '../test/jwt';
import { AuthProvider, useAuth } from './AuthContext';
import { authLoaded, setAuthConfig } from './lazy';

const config: AppConfig = {
  apiBaseUrl: '/api',
  region: 'us-east-1',
  userPoolId: 'us-east-1_Test123',
  userPoolClientId: 'testclient123',
  authFlowType: 'USER_PASSWORD_AUTH',
  emailVerification: 'code',
};

/** Every status the provider shows, in order. */
const seen: string[] = [];

function Probe() {
  const auth = useAuth();
  seen.push(`${auth.status}${auth.user ? ` ${auth.user.email}` : ''}`);
  return <p data-testid="state">{seen.at(-1)}</p>;
}

function renderProvider() {
  setAuthConfig(config);
  return render(
    <ConfigProvider value={config}>
      <MemoryRouter>
        <AuthProvider>
          <Probe />
        </AuthProvider>
      </MemoryRouter>
    </ConfigProvider>,
  );
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  seen.length = 0;
});

describe('AuthProvider', () => {
  it('shows a visitor signed out from the first render and loads no sign-in library', async () => {
    renderProvider();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(seen[0]).toBe('signedOut');
    expect(new Set(seen)).toEqual(new Set(['signedOut']));
    expect(authLoaded()).toBe(false);
  });

  it('shows a stored session from the first render, and Amplify then confirms it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sub = '7d1e-test-sub';
    const prefix = `CognitoIdentityServiceProvider.${config.userPoolClientId}`;
    const claims = { sub, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test123', iat: now, exp: now + 3600 };
    localStorage.setItem(`${prefix}.LastAuthUser`, sub);
    localStorage.setItem(`${prefix}.${sub}.idToken`, fakeJwt({ ...claims, email: 'ann@example.com', token_use: 'id', aud: config.userPoolClientId }));
    localStorage.setItem(`${prefix}.${sub}.accessToken`, fakeJwt({ ...claims, token_use: 'access', client_id: config.userPoolClientId, username: sub }));
    localStorage.setItem(`${prefix}.${sub}.refreshToken`, 'opaque-refresh-token');
    localStorage.setItem(`${prefix}.${sub}.clockDrift`, '0');
    renderProvider();
    expect(seen[0]).toBe('signedIn ann@example.com');
    // Importing aws-amplify takes a second or more on a busy machine.
    await waitFor(() => expect(authLoaded()).toBe(true), { timeout: 15_000 });
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.getByTestId('state').textContent).toBe('signedIn ann@example.com');
    expect(seen.filter((s) => !s.startsWith('signedIn'))).toEqual([]);
  });
});
