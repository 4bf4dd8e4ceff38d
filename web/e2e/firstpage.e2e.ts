// The first page, as a browser meets it (issue 18): the config comes in the
// page (no /config.json request), the sign-in library (the aws-amplify
// chunks) loads only when a sign-in is needed, and nothing moves while the
// page fills in: the layout shift of every page, phone and desktop, signed
// out and in, stays under 0.05 even with every API answer held back 400 ms,
// so that each page's loading state is painted before its content arrives.
// Lighthouse's figures (make lighthouse) measure the same with a slow
// phone's network and CPU simulated; these run in make test.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  VIEWPORTS,
  callApi,
  firstLocation,
  freeCar,
  idTokenFor,
  launch,
  newContext,
  randomPeriod,
  signInUi,
  type ViewportName,
} from './support';

/** The requests a page makes, by path. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (req) => paths.push(new URL(req.url()).pathname));
  return paths;
}

/** Requests of the sign-in library: aws-amplify's chunk and src/auth/amplify.ts's both start so. */
const isAmplify = (p: string) => p.startsWith('/assets/amplify-');

describe('the sign-in library and the config', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("is not loaded on a visitor's pages, and the config comes with the page", async () => {
    const ctx = await newContext(browser, 'phone');
    const page = await ctx.newPage();
    const paths = recordRequests(page);
    const loc = await firstLocation();
    const period = randomPeriod(loc.timeZone);
    const car = await freeCar(loc.id, period);
    const q = `pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`;
    for (const [path, ready] of [
      ['/', page.getByRole('heading', { name: 'Our locations' })],
      [`/?location=${loc.id}&${q}`, page.locator('[data-testid="car-card"]').first()],
      [`/car/${car.id}?${q}`, page.getByRole('button', { name: 'Book this car' })],
    ] as const) {
      await page.goto(path);
      await ready.waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(paths.filter(isAmplify), 'sign-in library requests').toEqual([]);
    expect(paths.filter((p) => p === '/config.json'), '/config.json requests').toEqual([]);
    expect(paths.filter((p) => p.startsWith('/api/')).length).toBeGreaterThan(2);
    await ctx.close();
  });

  it('is loaded on the sign-in page once the person starts, and for a stored session', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const paths = recordRequests(page);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(paths.filter(isAmplify), 'before anything is touched').toEqual([]);
    const loaded = page.waitForRequest((req) => isAmplify(new URL(req.url()).pathname));
    await page.getByLabel('Email').focus();
    await loaded;

    await signInUi(page);
    paths.length = 0;
    await page.goto('/'); // a new page load: the session is in storage
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(paths.filter(isAmplify).length, 'sign-in library requests with a stored session').toBeGreaterThan(0);
    await ctx.close();
  });
});

/**
 * Sets up page to sum its layout shifts from the start of every load (the
 * Layout Instability API; shifts right after input do not count, as in CLS)
 * and holds back every API answer by 400 ms.
 */
async function watchShifts(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; sources: string[] }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node }[];
      }[]) {
        if (e.hadRecentInput) continue;
        const sources = (e.sources ?? []).map((s) => {
          const el = s.node instanceof Element ? s.node : s.node?.parentElement;
          return el ? `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}` : '?';
        });
        w.__shifts.push({ value: e.value, sources });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await ctx.route('**/api/**', async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.fallback();
  });
}

/** The page's layout shift so far: the sum of every shift (CLS takes the worst window, at most this). */
async function layoutShift(page: Page): Promise<{ total: number; shifts: { value: number; sources: string[] }[] }> {
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
  return { total: shifts.reduce((sum, s) => sum + s.value, 0), shifts };
}

describe('layout shift while the page fills in', () => {
  let browser: Browser;
  let booking = '';
  let token = '';
  beforeAll(async () => {
    browser = await launch();
    token = await idTokenFor(DEMO.email, DEMO.password);
  });
  afterAll(async () => {
    if (booking) await callApi('DELETE', `/bookings/${booking}`, { token });
    await browser?.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`stays under 0.05 on every page at ${viewport} size, signed out and in`, async () => {
      const loc = await firstLocation();
      const period = randomPeriod(loc.timeZone);
      const car = await freeCar(loc.id, period);
      const q = `pickupDate=${period.pickupDate}&returnDate=${period.returnDate}`;
      const ctx = await newContext(browser, viewport);
      const page = await ctx.newPage();
      await watchShifts(ctx);
      const results: string[] = [];
      const measure = async (name: string, path: string, ready: () => Promise<unknown>) => {
        await page.goto(path);
        await ready();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300); // a late paint would still be measured
        const { total, shifts } = await layoutShift(page);
        results.push(`${name}: ${total.toFixed(4)}`);
        expect(total, `${name} at ${viewport} size: ${JSON.stringify(shifts)}`).toBeLessThan(0.05);
      };
      const signedOut: [string, string, () => Promise<unknown>][] = [
        ['home', '/', () => page.getByRole('heading', { name: 'Our locations' }).waitFor()],
        ['search results', `/?location=${loc.id}&${q}`, () => page.locator('[data-testid="car-card"]').first().waitFor()],
        [
          'search results by price, filtered',
          `/?location=${loc.id}&${q}&seats=5&sort=price`,
          () => page.locator('[data-testid="car-card"]').first().waitFor(),
        ],
        ['car', `/car/${car.id}?${q}`, () => page.getByRole('button', { name: 'Book this car' }).waitFor()],
        ['sign-in', '/sign-in', () => page.getByLabel('Email').waitFor()],
      ];
      for (const [name, path, ready] of signedOut) await measure(`${name} (signed out)`, path, ready);

      await signInUi(page);
      if (!booking) {
        const made = await callApi<{ id: string }>('POST', '/bookings', {
          token,
          body: { carId: car.id, ...period },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        });
        if (made.status !== 201) throw new Error(`POST /bookings: ${made.status} ${JSON.stringify(made.body)}`);
        booking = made.body.id;
      }
      const other = await freeCar(loc.id, period);
      const signedIn: [string, string, () => Promise<unknown>][] = [
        ['home', '/', () => page.getByRole('heading', { name: 'Our locations' }).waitFor()],
        ['search results', `/?location=${loc.id}&${q}`, () => page.locator('[data-testid="car-card"]').first().waitFor()],
        ['car', `/car/${other.id}?${q}`, () => page.getByRole('button', { name: 'Book this car' }).waitFor()],
        ['my bookings', '/my-bookings', () => page.locator(`[data-booking-id="${booking}"]`).waitFor()],
        ['a booking', `/my-bookings/${booking}`, () => page.getByRole('button', { name: 'Change booking' }).waitFor()],
      ];
      for (const [name, path, ready] of signedIn) await measure(`${name} (signed in)`, path, ready);
      console.log(`layout shift at ${viewport} size: ${results.join(', ')}`);
      await ctx.close();
    });
  }
});
