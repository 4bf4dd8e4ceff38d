// "Continue with Google / Facebook" shows only when config.json lists the
// providers, and leaves for Cognito's hosted sign-in with the OAuth 2.0 code
// flow and PKCE. No real hosted domain is needed: the config is extended in
// the browser (in the page and at /config.json) and the redirect is caught
// before it leaves.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, VIEWPORTS, launch, newContext, shot, withPageConfig, type ViewportName } from './support';

const DOMAIN = 'car-rental-e2e.auth.us-east-1.amazoncognito.com';

async function withOAuth(page: Page, providers: string[]) {
  await withPageConfig(page, (config) => ({
    ...config,
    oauth: { domain: DOMAIN, redirectSignIn: `${BASE}/`, redirectSignOut: `${BASE}/`, providers },
  }));
}

describe('social sign-in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows no social buttons when the deployment configures none', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: /Continue with/ }).count()).toBe(0);
    await ctx.close();
  });

  it('shows the configured providers and starts the code flow with PKCE', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await withOAuth(page, ['Google']);
    let authorize: URL | null = null;
    await page.route(`https://${DOMAIN}/**`, async (route) => {
      authorize = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Hosted sign-in</h1>' });
    });
    await page.goto('/sign-in?next=%2Fmy-bookings');
    await page.getByRole('button', { name: 'Continue with Google' }).waitFor();
    expect(await page.getByRole('button', { name: 'Continue with Facebook' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    await page.getByRole('heading', { name: 'Hosted sign-in' }).waitFor();
    const url = authorize as URL | null;
    expect(url?.pathname).toBe('/oauth2/authorize');
    expect(url?.searchParams.get('identity_provider')).toBe('Google');
    expect(url?.searchParams.get('response_type')).toBe('code');
    expect(url?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url?.searchParams.get('redirect_uri')).toBe(`${BASE}/`);
    await ctx.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`screenshot of sign-in with Google and Facebook at ${viewport} size`, async () => {
      const ctx = await newContext(browser, viewport);
      const page = await ctx.newPage();
      await withOAuth(page, ['Google', 'Facebook']);
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Continue with Facebook' }).waitFor();
      await shot(page, 'sign-in-social', viewport);
      await ctx.close();
    });
  }
});
