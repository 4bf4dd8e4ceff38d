// Every page at desktop (1280x800) and phone (390x844) size, into
// SCREENSHOT_DIR as <page>-<desktop|phone>.png, each checked with axe-core
// as it is shown (a11y.ts): no serious or critical finding on any page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings, isBlocking, type Finding } from './a11y';
import {
  DEMO,
  NEW_PASSWORD,
  SCREENSHOT_DIR,
  VIEWPORTS,
  addDays,
  callApi,
  createUser,
  firstLocation,
  freeCar,
  idTokenFor,
  launch,
  newContext,
  randomPeriod,
  shot,
  signInUi,
  todayIn,
  uniqueEmail,
  withPageConfig,
  type ViewportName,
} from './support';

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
}

describe(`screenshots into ${SCREENSHOT_DIR}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`every page at ${viewport} size`, async () => {
      const loc = await firstLocation();
      const period = randomPeriod(loc.timeZone, 3);
      const ctx = await newContext(browser, viewport);
      const page = await ctx.newPage();
      // No transitions (styles.css honours the setting): axe must see a
      // button's colours as they settle, not halfway from its disabled grey
      // (a booking's change form enables Save once the new total is known).
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const findings: Finding[] = [];
      const check = async (p: Page, name: string) => {
        findings.push(...(await axeFindings(p, `${name}-${viewport}`)));
        await shot(p, name, viewport);
      };
      const snap = async (name: string) => {
        await settle(page);
        await check(page, name);
      };

      // Signed out.
      await page.goto('/');
      await page.getByRole('link', { name: loc.name }).waitFor();
      await snap('home');

      await page.goto(`/?location=${loc.id}&pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`);
      await page.getByTestId('car-card').first().waitFor();
      await snap('search-results');

      const pickup = addDays(todayIn(loc.timeZone), 5);
      await page.goto(`/?location=${loc.id}&pickupDate=${pickup}&returnDate=${addDays(pickup, 40)}`);
      await page.locator('[data-field-error="returnDate"]').waitFor();
      await snap('search-validation-error');

      const car = await freeCar(loc.id, period);
      await page.goto(`/car/${car.id}?pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`);
      await page.getByRole('button', { name: 'Book this car' }).waitFor();
      await snap('car');

      for (const [name, path, heading] of [
        ['sign-in', '/sign-in', 'Sign in'],
        ['sign-up', '/sign-up', 'Create an account'],
        ['confirm-sign-up', '/confirm-sign-up?email=new.driver%40example.com', 'Confirm your email'],
        ['forgot-password', '/forgot-password', 'Reset your password'],
        ['reset-password', '/reset-password?email=alice%40example.com', 'Set a new password'],
        ['not-found', '/no/such/page', 'Page not found'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await snap(name);
      }

      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-field-error="email"]').waitFor();
      await snap('sign-in-error');

      // The error screen for a missing config: none in the page, and
      // /config.json missing.
      const broken = await ctx.newPage();
      await withPageConfig(broken, () => null);
      await broken.goto('/');
      await broken.getByRole('heading', { name: 'This site is not set up correctly' }).waitFor();
      await check(broken, 'config-error');
      await broken.close();

      // A new user with no bookings yet.
      const fresh = uniqueEmail(`shots-${viewport}`);
      await createUser(fresh);
      await signInUi(page, fresh, NEW_PASSWORD);
      await page.goto('/my-bookings');
      await page.getByText('You have no bookings yet.').waitFor();
      await snap('my-bookings-empty');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();

      // The demo user, with a booking made for the pictures.
      await signInUi(page, DEMO.email, DEMO.password);
      const token = await idTokenFor(DEMO.email, DEMO.password);
      const made = await callApi<{ id: string }>('POST', '/bookings', {
        token,
        body: { carId: car.id, ...period },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      if (made.status !== 201) throw new Error(`POST /bookings: ${made.status} ${JSON.stringify(made.body)}`);
      try {
        const other = await freeCar(loc.id, period);
        await page.goto(`/book/${other.id}?pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`);
        await page.getByRole('button', { name: /Confirm booking/ }).waitFor();
        await snap('book-review');

        // How car_unavailable looks (the answer is faked here; errors.e2e.ts makes a real one).
        await page.route('**/bookings', (route) =>
          route.request().method() === 'POST'
            ? route.fulfill({
                status: 409,
                contentType: 'application/json',
                body: JSON.stringify({ error: { code: 'car_unavailable', message: 'the car is not available for these dates', requestId: 'screenshot' } }),
              })
            : route.fallback(),
        );
        await page.getByRole('button', { name: /Confirm booking/ }).click();
        await page.getByRole('alert').waitFor();
        await snap('book-car-unavailable');
        await page.unroute('**/bookings');

        await page.goto('/my-bookings');
        await page.locator(`[data-booking-id="${made.body.id}"]`).waitFor();
        await snap('my-bookings');

        await page.goto(`/my-bookings/${made.body.id}`);
        await page.getByRole('button', { name: 'Change booking' }).waitFor();
        await snap('booking');

        await page.getByRole('button', { name: 'Change booking' }).click();
        await page.getByLabel('Return date').fill(addDays(period.returnDate, 2));
        await page.getByTestId('new-total').waitFor();
        await snap('booking-change');
        await page.getByRole('button', { name: 'Keep as it is' }).click();

        await page.getByRole('button', { name: 'Cancel booking' }).click();
        await page.getByRole('dialog').waitFor();
        await check(page, 'booking-cancel-dialog');
        await page.getByRole('button', { name: 'Keep booking' }).click();
      } finally {
        await callApi('DELETE', `/bookings/${made.body.id}`, { token });
        await ctx.close();
      }
      const minor = findings.filter((f) => !isBlocking(f));
      if (minor.length > 0) console.log(`axe-core, minor and moderate findings:\n${describeFindings(minor)}`);
      expect(describeFindings(findings.filter(isBlocking)), 'axe-core: serious or critical findings').toBe('');
    });
  }
});
