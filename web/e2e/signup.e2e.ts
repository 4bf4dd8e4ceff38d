// Sign up with the code that cognito-local "emails" (read from the local
// stack's /_local/last-code), then sign out and in again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, lastCode, launch, newContext, uniqueEmail } from './support';

describe('sign-up', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, confirms with the emailed code, signs out and in', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail('signup');

    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Create an account');

    // A password Cognito refuses is explained beside the password field.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();

    // A wrong code is shown beside the code field.
    await page.getByLabel('Confirmation code').fill('000000');
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await page.locator('[data-field-error="code"]').waitFor();

    await page.getByLabel('Confirmation code').fill(await lastCode(email));
    await page.getByRole('button', { name: 'Confirm email' }).click();
    // Confirming signs the new user in.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('.nav__email').textContent()).toBe(email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('Wrong-Passw0rd!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('[data-field-error="password"]').textContent()).toMatch(/email or password is not right/);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await ctx.close();
  });
});
