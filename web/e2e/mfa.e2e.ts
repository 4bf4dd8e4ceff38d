// A second factor by authenticator app, against the local stack's
// cognito-local (5.3.0 supports AssociateSoftwareToken, VerifySoftwareToken,
// SetUserMFAPreference and the SOFTWARE_TOKEN_MFA challenge): set it up from
// the account page with the key it shows, then sign in with a code.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings, isBlocking } from './a11y';
import { NEW_PASSWORD, createUser, launch, newContext, signInUi, uniqueEmail } from './support';
import { totp, wrongTotp } from './totp';

describe('authenticator app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is set up from the account page and asked for at the next sign-in', async () => {
    const email = uniqueEmail('totp');
    await createUser(email);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, email, NEW_PASSWORD);

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account security' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: /QR code to add Car Rental/ }).waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = (await page.locator('.totp-uri').textContent()) ?? '';
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(new URL(uri).searchParams.get('issuer')).toBe('Car Rental');
    const findings = await axeFindings(page, 'account-security');
    expect(findings.filter(isBlocking), describeFindings(findings)).toEqual([]);

    const code = page.getByLabel('Code from your authenticator app');
    await code.fill(wrongTotp(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.locator('[data-field-error="code"]').waitFor();
    await code.fill(totp(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByText('Authenticator app: on.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    const challenge = page.getByLabel('Code from your authenticator app');
    await challenge.fill(wrongTotp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.locator('[data-field-error="code"]').textContent()).toMatch(/not right/);
    await challenge.fill(totp(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('.nav__email').textContent()).toBe(email);
    await ctx.close();
  });
});
