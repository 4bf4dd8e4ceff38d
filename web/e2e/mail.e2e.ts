// The confirmation email: a booking made in the browser shows, once, on the
// local stack's mail page (/_local/mail: the emails of its SES,
// aws-ses-v2-local), with the booking's number, car, dates and a link back
// to the booking; the email's HTML opens from there.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_PASSWORD, createUser, firstLocation, launch, newContext, randomPeriod, signInUi, takeCspViolations, uniqueEmail } from './support';

describe('booking emails', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('books and finds the confirmation in the local mailbox', async () => {
    // A customer of its own: the address is this test's alone, and the
    // demo users' booking limit is left to the other tests.
    const customer = uniqueEmail('mail');
    await createUser(customer);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, customer, NEW_PASSWORD);

    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 3);
    await page.goto('/');
    await page.getByLabel('Pick-up location').selectOption(loc.id);
    await page.getByLabel('Pick-up date').fill(period.pickupDate);
    await page.getByLabel('Return date').fill(period.returnDate);
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.getByTestId('car-card').first();
    await card.waitFor();
    const carName = (await card.getByRole('heading').textContent())!.trim();
    await page.getByRole('link', { name: carName }).first().click();
    await page.getByRole('button', { name: 'Book this car' }).click();
    await page.getByRole('button', { name: /Confirm booking/ }).click();
    await page.getByText('Your booking is confirmed.').waitFor();
    const bookingId = page.url().split('/').pop()!;

    // The stream hands the booking to the notify function, which sends
    // through the local SES: on the mail page within seconds, exactly once.
    const email = page.locator('article.email', { hasText: bookingId });
    await expect
      .poll(
        async () => {
          await page.goto('/_local/mail');
          return email.count();
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(1);
    expect(await email.getByRole('heading').textContent()).toMatch(/^Booking confirmed: .* in /);
    const text = (await email.locator('pre').textContent())!;
    expect(text).toContain(`Booking number: ${bookingId}`);
    expect(text).toContain('3 days');
    expect(text).toContain(`/my-bookings/${bookingId}`);
    expect(await email.textContent()).toContain(customer);

    // Its HTML, from the link beside it, with the link back to the booking.
    await email.getByRole('link', { name: 'as HTML' }).click();
    await page.getByText('Your booking is confirmed.').waitFor();
    expect(await page.getByRole('link', { name: 'See your booking' }).getAttribute('href')).toMatch(new RegExp(`/my-bookings/${bookingId}$`));
    expect(takeCspViolations()).toEqual([]);
    await ctx.close();
  });
});
