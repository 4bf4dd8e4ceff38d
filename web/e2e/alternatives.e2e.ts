// A search where nothing of the type is free offers what the chatbot
// offers: the other types free for the dates and the nearest later dates
// (GET /alternatives).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, callApi, createUser, firstLocation, launch, newContext, randomPeriod, uniqueEmail } from './support';

describe('alternatives', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers other types and later dates when every car of the type is taken', async () => {
    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 3);
    // Take every luxury car at the location for the dates, the last day
    // of them two days longer, so that the nearest later dates are free.
    const token = await createUser(uniqueEmail('alternatives'));
    const q = new URLSearchParams({ locationId: loc.id, type: 'luxury', ...period });
    const cars = await callApi<{ cars: { id: string }[] }>('GET', `/cars?${q}`);
    expect(cars.status).toBe(200);
    expect(cars.body.cars.length).toBeGreaterThan(0);
    for (const car of cars.body.cars) {
      const r = await callApi('POST', '/bookings', {
        token,
        body: { carId: car.id, pickupDate: period.pickupDate, returnDate: addDays(period.returnDate, -1) },
      });
      expect(r.status).toBe(201);
    }

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(`/?${new URLSearchParams({ location: loc.id, ...period, type: 'luxury' })}`);
    await page.getByText('No cars are free for these dates').waitFor();
    const offer = page.getByTestId('alternatives');
    await offer.waitFor();
    expect(await offer.getByTestId('alternative-car').count()).toBeGreaterThan(0);
    const later = offer.getByTestId('alternatives-later');
    expect(await later.getAttribute('href')).toContain(`pickupDate=${addDays(period.pickupDate, 2)}`);

    // The later dates are a search of their own, with the luxury car free.
    await later.click();
    await page.getByTestId('car-card').first().waitFor();
    await ctx.close();
  });
});
