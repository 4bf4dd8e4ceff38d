// Errors in words, where they belong: a rejected date beside its field, a car
// that another user took just before (car_unavailable), and a booking changed
// elsewhere (version_mismatch: "This booking changed, reload").
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, addDays, callApi, createUser, firstLocation, freeCar, idTokenFor, launch, newContext, randomPeriod, signInUi, todayIn, uniqueEmail } from './support';

describe('errors', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a validation error beside the field it names', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const loc = await firstLocation();
    const pickup = addDays(todayIn(loc.timeZone), 10);
    await page.goto('/');
    await page.getByLabel('Pick-up location').selectOption(loc.id);
    await page.getByLabel('Pick-up date').fill(pickup);
    await page.getByLabel('Return date').fill(addDays(pickup, 45)); // over the 30-day limit
    await page.getByRole('button', { name: 'Search' }).click();

    const returnDate = page.getByLabel('Return date');
    await expect.poll(() => returnDate.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await returnDate.getAttribute('aria-describedby'))!;
    const message = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    expect(await message.textContent()).toMatch(/30 days/);
    expect(await message.getAttribute('data-field-error')).toBe('returnDate');
    // Focus went to the field, so a screen reader reads the message.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('returnDate');
    await ctx.close();
  });

  it('says car_unavailable when another user took the car just before', async () => {
    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 2);
    const car = await freeCar(loc.id, period);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page);
    await page.goto(`/book/${car.id}?pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`);
    const confirm = page.getByRole('button', { name: /Confirm booking/ });
    await confirm.waitFor();

    // Meanwhile another user books the same car for the same days.
    const otherToken = await createUser(uniqueEmail('other'));
    const taken = await callApi<{ id: string }>('POST', '/bookings', {
      token: otherToken,
      body: { carId: car.id, ...period },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(taken.status).toBe(201);

    try {
      await confirm.click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/someone else just booked this car/);
      expect(await confirm.isDisabled()).toBe(true);
    } finally {
      await callApi('DELETE', `/bookings/${taken.body.id}`, { token: otherToken });
      await ctx.close();
    }
  });

  it('says "This booking changed, reload" when the booking changed elsewhere', async () => {
    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 2);
    const car = await freeCar(loc.id, period);
    const token = await idTokenFor(DEMO.email, DEMO.password);
    const made = await callApi<{ id: string }>('POST', '/bookings', {
      token,
      body: { carId: car.id, ...period },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(made.status).toBe(201);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    try {
      await signInUi(page);
      await page.goto(`/my-bookings/${made.body.id}`);
      await page.getByRole('button', { name: 'Change booking' }).click();

      // Changed in another tab or device, after this page loaded it.
      const patched = await callApi('PATCH', `/bookings/${made.body.id}`, { token, body: { returnDate: addDays(period.returnDate, 1) } });
      expect(patched.status).toBe(200);

      await page.getByLabel('Return date').fill(addDays(period.returnDate, 2));
      await page.getByTestId('new-total').waitFor();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('This booking changed, reload it to see the latest version.').waitFor();
      await page.getByRole('button', { name: 'Reload' }).click();
      await page.getByRole('button', { name: 'Change booking' }).waitFor();
      // The old facts stay on screen until the reloaded booking arrives.
      await expect.poll(() => page.locator('.facts').textContent()).toContain('3 days');
    } finally {
      await callApi('DELETE', `/bookings/${made.body.id}`, { token });
      await ctx.close();
    }
  });
});
