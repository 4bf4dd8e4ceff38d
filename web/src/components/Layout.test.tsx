// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { StaticAuthProvider } from '../auth/AuthContext';
import type { AppConfig } from '../config';
import { ConfigProvider } from '../configContext';
import { Layout } from './Layout';

const config: AppConfig = { apiBaseUrl: '/api', region: 'us-east-1', userPoolId: 'p', userPoolClientId: 'c', authFlowType: 'USER_PASSWORD_AUTH', emailVerification: 'code' };

function renderAt(path: string) {
  return render(
    <ConfigProvider value={config}>
      <StaticAuthProvider value={{ status: 'signedOut', user: null, refresh: async () => {}, signOut: async () => {} }}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="*" element={<Layout />} />
          </Routes>
        </MemoryRouter>
      </StaticAuthProvider>
    </ConfigProvider>,
  );
}

describe("the header's sign-in link", () => {
  afterEach(cleanup);

  it('comes back to the page it was followed from', () => {
    renderAt('/my-bookings?status=CANCELLED');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?next=%2Fmy-bookings%3Fstatus%3DCANCELLED');
  });

  it("keeps an auth page's own next instead of nesting it", () => {
    renderAt('/sign-in?next=%2Fmy-bookings');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/sign-in?next=%2Fmy-bookings');
  });
});

describe('focus on a route change', () => {
  afterEach(cleanup);

  function renderPages() {
    return render(
      <ConfigProvider value={config}>
        <StaticAuthProvider value={{ status: 'signedOut', user: null, refresh: async () => {}, signOut: async () => {} }}>
          <MemoryRouter initialEntries={['/a']}>
            <Routes>
              <Route element={<Layout />}>
                <Route path="/a" element={<Link to="/b">to b</Link>} />
                <Route path="/b" element={<h1>Page b</h1>} />
              </Route>
            </Routes>
            <input aria-label="outside" />
          </MemoryRouter>
        </StaticAuthProvider>
      </ConfigProvider>,
    );
  }
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

  it("moves to the new page's heading", async () => {
    renderPages();
    act(() => screen.getByRole('link', { name: 'to b' }).click());
    await act(frame);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Page b' }));
  });

  it('leaves focus where the user put it while the page loaded (the chat panel, a field)', async () => {
    renderPages();
    act(() => screen.getByRole('link', { name: 'to b' }).click());
    const outside = screen.getByRole('textbox', { name: 'outside' });
    outside.focus();
    await act(frame);
    expect(document.activeElement).toBe(outside);
  });
});
