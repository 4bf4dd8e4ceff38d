// The main flow as the demo user: search, book, see it in my bookings,
// change it (the new total shown before saving), cancel it.
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, firstLocation, launch, newContext, randomPeriod, signInUi } from './support';

describe('booking flow', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches, books, lists, changes and cancels', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page);

    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 3);
    await page.goto('/');
    await page.getByLabel('Pick-up location').selectOption(loc.id);
    await page.getByLabel('Pick-up date').fill(period.pickupDate);
    await page.getByLabel('Return date').fill(period.returnDate);
    await page.getByRole('button', { name: 'Search' }).click();

    // Results: photo, name, daily rate and the total for the period.
    const card = page.getByTestId('car-card').first();
    await card.waitFor();
    expect(await card.locator('img, [role="img"]').count()).toBe(1);
    expect(await card.textContent()).toMatch(/\/ day.*total for 3 days/s);
    expect(await page.getByRole('status').filter({ hasText: /free for 3 days/ }).count()).toBe(1);
    const carName = (await card.getByRole('heading').textContent())!.trim();

    // Sort by price: one request, sort=price, and the cars in the order the
    // API answered (the page sorts nothing), so the totals go up.
    const carsRequests: URL[] = [];
    const onRequest = (req: Request) => {
      const u = new URL(req.url());
      if (/\/cars$/.test(u.pathname)) carsRequests.push(u);
    };
    page.on('request', onRequest);
    const [answer] = await Promise.all([
      page.waitForResponse((res) => {
        const u = new URL(res.url());
        return /\/cars$/.test(u.pathname) && u.searchParams.get('sort') === 'price';
      }),
      page.getByLabel('Sort by').selectOption('price'),
    ]);
    await page.waitForURL(/sort=price/);
    const sorted = ((await answer.json()) as { cars: { id: string }[] }).cars.map((c) => c.id);
    await expect.poll(() => page.getByTestId('car-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-car-id')))).toEqual(sorted);
    await page.waitForTimeout(500); // time for a second request, which must not come
    page.off('request', onRequest);
    expect(carsRequests.map((u) => u.searchParams.get('sort'))).toEqual(['price']);
    expect(carsRequests[0]!.searchParams.get('cursor')).toBeNull();
    const totals = await page.locator('.price-total .money').allTextContents();
    const amounts = totals.map((t) => Number(t.replace(/[^0-9.]/g, '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    await page.getByLabel('Sort by').selectOption('recommended');

    // The car page: its quote for the period.
    await page.getByRole('link', { name: carName }).first().click();
    await page.getByRole('heading', { level: 1, name: carName }).waitFor();
    await page.getByText('Free for these dates').waitFor();
    await page.getByRole('button', { name: 'Book this car' }).click();

    // The review step shows the total; confirm books.
    await page.getByRole('heading', { name: 'Review your booking' }).waitFor();
    const total = (await page.locator('.review__total dd').textContent())!.trim();
    await page.getByRole('button', { name: /Confirm booking/ }).click();
    await page.getByText('Your booking is confirmed.').waitFor();
    const bookingUrl = page.url();
    expect(bookingUrl).toMatch(/\/my-bookings\/[A-Za-z0-9_-]+$/);
    const bookingId = bookingUrl.split('/').pop()!;

    // My bookings lists it under Upcoming.
    await page.getByRole('link', { name: 'My bookings' }).first().click();
    const row = page.locator(`[data-booking-id="${bookingId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(total);
    expect(await page.locator('#upcoming-title').isVisible()).toBe(true);

    // Change: one more day; the new total shows before saving.
    await row.getByRole('link').click();
    await page.getByRole('button', { name: 'Change booking' }).click();
    await page.getByLabel('Return date').fill(addDays(period.returnDate, 1));
    const newTotal = page.getByTestId('new-total');
    await newTotal.waitFor();
    expect(await newTotal.textContent()).toMatch(/New total .* for 4 days/);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Your booking is changed/).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('4 days');

    // Cancel, with a confirmation first.
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await page.getByText('Your booking is cancelled.').waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('Cancelled');

    await page.getByRole('link', { name: 'My bookings' }).first().click();
    await page.locator('#cancelled-title').waitFor();
    expect(await page.locator(`#cancelled-title ~ ul [data-booking-id="${bookingId}"]`).count()).toBe(1);
    await ctx.close();
  });

  it('sends a signed-out visitor to sign in and back to the booking', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto('/my-bookings');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toContain('next=%2Fmy-bookings');

    // After a route change focus is on the new page's heading (for keyboards and screen readers).
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName + ':' + document.activeElement?.textContent)).toBe('H1:Create an account');
    await page.goBack();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('Passw0rd!demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My bookings' }).waitFor();
    await ctx.close();
  });
});

