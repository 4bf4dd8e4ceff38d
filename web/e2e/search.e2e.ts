// The search asks the API once per page (issue 14): the URL's filters and
// order go to GET /cars, "Show more cars" follows nextCursor, and the cars
// show in the order the API sent them. The seed fleet has 6 or 7 cars a
// location, fewer than the app's page of 12, so the page size is cut to 3
// on the way to the API: the real store then answers pages and cursors.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLocation, launch, newContext, randomPeriod } from './support';

interface CarsPage {
  /** What the app asked for, before the page size was cut. */
  asked: URLSearchParams;
  /** What the API was asked for. */
  sent: URLSearchParams;
  cars: { id: string; seats: number; quote?: { total: { amount: number } } }[];
  nextCursor?: string;
}

const isCarsSearch = (u: URL) => /\/cars$/.test(u.pathname);

/** Every GET /cars of page, in order, with its answer; the page size cut to limit. */
async function recordCarsPages(page: Page, limit: number): Promise<CarsPage[]> {
  const pages: CarsPage[] = [];
  await page.route(isCarsSearch, async (route) => {
    const asked = new URL(route.request().url());
    const sent = new URL(asked);
    sent.searchParams.set('limit', String(limit));
    const res = await route.fetch({ url: sent.toString() });
    const body = (await res.json()) as Omit<CarsPage, 'asked' | 'sent'>;
    pages.push({ asked: asked.searchParams, sent: sent.searchParams, ...body });
    await route.fulfill({ response: res, json: body });
  });
  return pages;
}

const shownIds = (page: Page) => page.getByTestId('car-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-car-id')));

/** A moment for a request the page would still make (there should be none). */
const quiet = (page: Page) => page.waitForTimeout(500);

describe('search', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks once per page, with the filters and order of the URL, and shows the cars as the API sent them', async () => {
    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone, 3);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const pages = await recordCarsPages(page, 3);
    await page.goto(`/?${new URLSearchParams({ location: loc.id, ...period, seats: '5', sort: 'price' })}`);
    await page.getByTestId('car-card').first().waitFor();
    await quiet(page);

    // The first page: one request, everything in it.
    expect(pages).toHaveLength(1);
    const q = pages[0]!.asked;
    expect(Object.fromEntries(q)).toEqual({ locationId: loc.id, ...period, seats: '5', sort: 'price', limit: '12' });
    expect(await shownIds(page)).toEqual(pages[0]!.cars.map((c) => c.id));
    expect(pages[0]!.nextCursor, 'the location should have more than 3 such cars').toBeTruthy();

    // Each "Show more cars": one request, the cursor of the last answer, the same query.
    while (await page.getByRole('button', { name: 'Show more cars' }).isVisible()) {
      const before = pages.length;
      await page.getByRole('button', { name: 'Show more cars' }).click();
      const want = pages.slice(0, before).reduce((n, p) => n + p.cars.length, 0);
      await expect.poll(async () => (await shownIds(page)).length).toBeGreaterThan(want);
      await quiet(page);
      expect(pages).toHaveLength(before + 1);
      const asked = pages[before]!.asked;
      expect(asked.get('cursor')).toBe(pages[before - 1]!.nextCursor);
      asked.delete('cursor');
      expect(asked.toString()).toBe(q.toString());
      expect(await shownIds(page)).toEqual(pages.flatMap((p) => p.cars.map((c) => c.id)));
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
    const all = pages.flatMap((p) => p.cars);
    await page.getByRole('status').filter({ hasText: `${all.length} cars free for 3 days` }).waitFor();

    // The server did the filter and the order: at least 5 seats, cheapest first.
    expect(all.every((c) => c.seats >= 5)).toBe(true);
    const totals = all.map((c) => c.quote!.total.amount);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    await ctx.close();
  });
});
