// The staff's pages, as staff@example.com (the Cognito group admins) and as
// a customer: the fleet (add a car, its photo through the local S3's
// presigned POST, the public search showing it, a new rate, retiring it,
// and a car that a booking holds), the desk (today's pick-up marked picked
// up and returned, as the customer then sees it; a refused transition),
// the locations (add, change, a currency refused), the "staff only" page
// for a customer, and axe on each.
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings, isBlocking, type Finding } from './a11y';
import {
  DEMO,
  NEW_PASSWORD,
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
  type ViewportName,
} from './support';

const STAFF = { email: process.env.E2E_STAFF_EMAIL ?? 'staff@example.com', password: process.env.E2E_STAFF_PASSWORD ?? 'Passw0rd!demo' };

interface Car {
  id: string;
  make: string;
  model: string;
  locationId: string;
  imageUrl: string;
  dailyRate: { amount: number; currency: string };
}

interface Location {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}

// ---- A real PNG, made here: width x height of one colour ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ---- Helpers ----

async function location(id?: string): Promise<Location> {
  const r = await callApi<{ locations: Location[] }>('GET', '/locations');
  const l = id ? r.body.locations.find((x) => x.id === id) : r.body.locations[0];
  if (!l) throw new Error(`no location ${id ?? ''}`);
  return l;
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}

/** The natural width of the img in scope once it has loaded (0: it did not). */
async function loadedWidth(page: Page, selector: string): Promise<number> {
  const img = page.locator(selector);
  await img.waitFor();
  return img.evaluate(
    (el: HTMLImageElement) =>
      new Promise<number>((resolve) => {
        if (el.complete) return resolve(el.naturalWidth);
        el.addEventListener('load', () => resolve(el.naturalWidth), { once: true });
        el.addEventListener('error', () => resolve(0), { once: true });
      }),
  );
}

async function createCarAsStaff(token: string, locationId: string, tag: string): Promise<Car> {
  const r = await callApi<Car>('POST', '/admin/cars', {
    token,
    body: { make: 'E2E', model: `Held ${tag}`, type: 'van', seats: 7, transmission: 'manual', locationId, dailyRate: 7000 },
  });
  if (r.status !== 201) throw new Error(`POST /admin/cars: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function book(token: string, carId: string, period: { pickupDate: string; returnDate: string }): Promise<{ id: string; version: number }> {
  const r = await callApi<{ id: string; version: number }>('POST', '/bookings', {
    token,
    body: { carId, ...period },
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  if (r.status !== 201) throw new Error(`POST /bookings: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function tag(): string {
  return Date.now().toString(36).slice(-5) + Math.random().toString(36).slice(2, 5);
}

describe('staff pages', () => {
  let browser: Browser;
  // axe-core on the page as shown: a serious or critical finding fails the test at once.
  const check = async (page: Page, name: string) => {
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    const found: Finding[] = await axeFindings(page, name);
    const minor = found.filter((f) => !isBlocking(f));
    if (minor.length > 0) console.log(`axe-core, minor and moderate findings:\n${describeFindings(minor)}`);
    expect(describeFindings(found.filter(isBlocking)), `axe-core on ${name}: serious or critical findings`).toBe('');
  };

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a customer sees no Staff link, and "staff only" at /staff/*; a visitor is asked to sign in', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, DEMO.email, DEMO.password);
    await page.getByRole('link', { name: 'My bookings' }).first().waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).count()).toBe(0);
    for (const path of ['/staff', '/staff/fleet', '/staff/desk?location=ber', '/staff/locations', '/staff/anything']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Staff only' }).waitFor();
      expect(await page.getByText(`You are signed in as ${DEMO.email}, which is not a staff account.`).count()).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Staff' }).count()).toBe(0);
    }
    await check(page, 'staff-only');
    await ctx.close();

    const visitor = await (await newContext(browser)).newPage();
    await visitor.goto('/staff/desk');
    await visitor.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(visitor.url()).toContain('next=%2Fstaff%2Fdesk');
    await visitor.context().close();
  });

  it('staff add a car, upload its photo to S3, find it in the search, change its rate and retire it', async () => {
    const loc = await location();
    const t = tag();
    const model = `Roadster ${t}`;
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, STAFF.email, STAFF.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/fleet');
    await page.getByRole('combobox', { name: 'Location' }).selectOption(loc.id);
    await page.getByRole('heading', { name: new RegExp(`Cars at ${loc.name}`) }).waitFor();
    await page.getByTestId('fleet-car').first().waitFor();

    // The form checks every field before sending; focus goes to the first bad one.
    await page.getByRole('button', { name: 'Add a car' }).click();
    const form = page.getByRole('form', { name: 'Add a car' });
    await form.getByLabel('Seats').fill('12');
    await form.getByLabel(/Daily rate/).fill('12.345');
    await form.getByRole('button', { name: 'Add car' }).click();
    await form.locator('[data-field-error="make"]').waitFor();
    expect(await form.locator('[data-field-error="model"]').textContent()).toMatch(/Enter the model/);
    expect(await form.locator('[data-field-error="seats"]').textContent()).toMatch(/from 2 to 9/);
    expect(await form.locator('[data-field-error="dailyRate"]').textContent()).toMatch(/at most 2 decimals/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('make');
    await check(page, 'staff-fleet-add-errors');

    await form.getByLabel('Make').fill('E2E');
    await form.getByLabel('Model').fill(model);
    await form.getByLabel('Type').selectOption('luxury');
    await form.getByLabel('Seats').fill('2');
    await form.getByLabel('Transmission').selectOption('automatic');
    await form.getByLabel(/Daily rate/).fill('321.50');
    await form.getByRole('button', { name: 'Add car' }).click();
    await page.getByText(new RegExp(`Added the E2E ${model} \\(`)).waitFor();
    const row = page.getByTestId('fleet-car').filter({ hasText: model });
    const carId = (await row.getAttribute('data-car-id'))!;
    expect(carId).toMatch(new RegExp(`^${loc.id}-`));
    expect(await row.textContent()).toContain(money(321.5, loc.currency));

    // The photo panel opens for the new car. The browser refuses what S3 would.
    const photo = page.getByRole('form', { name: `Photo of the E2E ${model}` });
    await photo.waitFor();
    const file = photo.getByLabel('Photo file');
    await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    expect(await photo.locator('[data-field-error="photo"]').textContent()).toMatch(/notes\.txt is not a JPEG, PNG or WebP image/);
    expect(await photo.getByRole('button', { name: 'Upload photo' }).isDisabled()).toBe(true);
    await file.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    expect(await photo.locator('[data-field-error="photo"]').textContent()).toMatch(/huge\.png is 5 MB; a photo may be at most 5 MB/);

    // A real PNG goes straight to the local S3 with the presigned POST, then onto the car.
    await file.setInputFiles({ name: 'roadster.png', mimeType: 'image/png', buffer: png(64, 36, [200, 40, 40]) });
    expect(await photo.locator('[data-field-error="photo"]').count()).toBe(0);
    const s3Post = page.waitForRequest((r) => r.method() === 'POST' && /\/car-rental-local-images\/?$/.test(new URL(r.url()).pathname));
    await photo.getByRole('button', { name: 'Upload photo' }).click();
    const posted = await s3Post;
    expect(new URL(posted.url()).origin).not.toBe(new URL(page.url()).origin); // to S3, not through the API
    expect((await posted.response())?.status()).toBeLessThan(300);
    await photo.getByText(`The photo is uploaded and shown for the E2E ${model}.`).waitFor();
    const img = `[data-car-id="${carId}"] img.fleet-car__image`;
    await expect.poll(() => page.locator(img).getAttribute('src')).toMatch(new RegExp(`/static/cars/${carId}/[0-9a-f]+\\.png$`));
    expect(await loadedWidth(page, img)).toBe(64);
    const car = (await callApi<Car>('GET', `/cars/${carId}`)).body;
    expect(car.imageUrl).toBe(await page.locator(img).getAttribute('src'));
    await check(page, 'staff-fleet-photo');

    // The public search (a visitor) shows the car with its photo.
    const visitor = await (await newContext(browser)).newPage();
    const period = randomPeriod(loc.timeZone, 2);
    await visitor.goto(`/?location=${loc.id}&pickupDate=${period.pickupDate}&returnDate=${period.returnDate}&type=luxury`);
    const card = visitor.locator(`[data-testid="car-card"][data-car-id="${carId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`E2E ${model}`);
    expect(await card.locator('img').getAttribute('src')).toBe(car.imageUrl);
    expect(await loadedWidth(visitor, `[data-car-id="${carId}"] img`)).toBe(64);
    await visitor.context().close();

    // A new daily rate.
    await row.getByRole('button', { name: `Edit E2E ${model} (${carId})` }).click();
    const edit = page.getByRole('form', { name: `Change the E2E ${model}` });
    expect(await edit.getByLabel(/Daily rate/).inputValue()).toBe('321.50');
    await edit.getByLabel(/Daily rate/).fill('99.9');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(`The E2E ${model} is saved.`).waitFor();
    expect(await row.locator('.fleet-car__rate').textContent()).toContain(money(99.9, loc.currency));
    expect((await callApi<Car>('GET', `/cars/${carId}`)).body.dailyRate.amount).toBe(9990);

    // Retired after a confirmation: gone from the fleet and from the API.
    await row.getByRole('button', { name: `Retire E2E ${model} (${carId})` }).click();
    const dialog = page.getByRole('dialog', { name: `Retire the E2E ${model}?` });
    await dialog.waitFor();
    await check(page, 'staff-fleet-retire-dialog');
    await dialog.getByRole('button', { name: 'Yes, retire the car' }).click();
    await page.getByText(`The E2E ${model} (${carId}) is retired: no search lists it any more.`).waitFor();
    expect(await page.locator(`[data-car-id="${carId}"]`).count()).toBe(0);
    expect((await callApi('GET', `/cars/${carId}`)).status).toBe(404);
    await ctx.close();
  });

  it('a car that a booking holds can be neither retired nor moved: the page names the booking', async () => {
    const loc = await location();
    const other = (await callApi<{ locations: Location[] }>('GET', '/locations')).body.locations.find((l) => l.id !== loc.id)!;
    const staffToken = await idTokenFor(STAFF.email, STAFF.password);
    const car = await createCarAsStaff(staffToken, loc.id, tag());
    const customerToken = await createUser(uniqueEmail('held'));
    const booking = await book(customerToken, car.id, randomPeriod(loc.timeZone, 3));
    try {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await signInUi(page, STAFF.email, STAFF.password);
      await page.goto(`/staff/fleet?location=${loc.id}`);
      const row = page.locator(`[data-car-id="${car.id}"]`);
      await row.getByRole('button', { name: /^Retire / }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Yes, retire the car' }).click();
      const alert = row.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/This car has bookings from today on\. Move or cancel them first\./);
      expect(await alert.locator(`[data-held-booking="${booking.id}"]`).textContent()).toContain(booking.id);
      expect(await row.count()).toBe(1);
      await check(page, 'staff-fleet-retire-refused');

      // Nor can it move to another location: the booking is named at the form.
      await row.getByRole('button', { name: /^Edit / }).click();
      const edit = row.getByRole('form', { name: /^Change the / });
      await edit.getByLabel('Location (to move the car)').selectOption(other.id);
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.locator('[data-field-error="locationId"]').waitFor();
      expect(await edit.locator(`[data-held-booking="${booking.id}"]`).count()).toBe(1);
      expect((await callApi<Car>('GET', `/cars/${car.id}`)).body.locationId).toBe(loc.id);
      await ctx.close();
    } finally {
      await callApi('DELETE', `/bookings/${booking.id}`, { token: customerToken });
      const retired = await callApi('DELETE', `/admin/cars/${car.id}`, { token: staffToken });
      expect(retired.status).toBe(200); // once the booking is cancelled, it can go
    }
  });

  it("the desk marks today's pick-up picked up and then returned, as the customer then sees it", async () => {
    const loc = await location();
    const email = uniqueEmail('desk');
    const token = await createUser(email);
    const today = todayIn(loc.timeZone);
    const now = { pickupDate: today, returnDate: addDays(today, 2) };
    const car = await freeCar(loc.id, now);
    const booking = await book(token, car.id, now);
    const later = { pickupDate: addDays(today, 1), returnDate: addDays(today, 3) };
    const tomorrow = await book(token, (await freeCar(loc.id, later)).id, later);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, STAFF.email, STAFF.password);
    await page.goto('/staff/desk');
    await page.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
    await page.getByRole('combobox', { name: 'Location' }).selectOption(loc.id);
    expect(await page.getByLabel('Day').inputValue()).toBe(today); // today at the location
    await page.getByRole('status').filter({ hasText: `at ${loc.name}:` }).waitFor();
    const row = page.getByRole('region', { name: /Pick-ups/ }).locator(`[data-booking-id="${booking.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(email);
    expect(await row.textContent()).toContain(`${car.make} ${car.model}`);
    await row.getByRole('button', { name: /^Mark picked up/ }).click();
    await row.getByText('Marked picked up.').waitFor();
    expect(await row.locator('.badge').textContent()).toBe('Picked up');
    const picked = await callApi<{ status: string; version: number }>('GET', `/bookings/${booking.id}`, { token });
    expect(picked.body).toMatchObject({ status: 'PICKED_UP', version: booking.version + 1 });
    await check(page, 'staff-desk');

    // Tomorrow's booking cannot be picked up today: the refusal says why.
    await page.getByLabel('Day').fill(later.pickupDate);
    const early = page.locator(`[data-booking-id="${tomorrow.id}"]`);
    await early.getByRole('button', { name: /^Mark picked up/ }).click();
    const refusal = early.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('The booking cannot change that way now.');
    expect(await refusal.textContent()).toContain(`The pick-up day is ${later.pickupDate}`);
    await check(page, 'staff-desk-refused');

    // The customer's My bookings says "Picked up", and the booking can no longer change.
    const customer = await (await newContext(browser)).newPage();
    await signInUi(customer, email, NEW_PASSWORD);
    await customer.goto('/my-bookings');
    const mine = customer.locator(`[data-booking-id="${booking.id}"]`);
    await mine.waitFor();
    expect(await mine.locator('.badge').textContent()).toBe('Picked up');
    await mine.getByRole('link').click();
    await customer.getByText(/You picked this car up/).waitFor();
    expect(await customer.getByRole('button', { name: 'Change booking' }).count()).toBe(0);
    expect(await customer.getByRole('button', { name: 'Cancel booking' }).count()).toBe(0);

    // Back today, then returned (today: the default); the customer sees it.
    await page.getByRole('button', { name: 'Today' }).click();
    const back = page.getByRole('region', { name: /Pick-ups/ }).locator(`[data-booking-id="${booking.id}"]`);
    expect(await back.getByLabel('Returned on').inputValue()).toBe(today);
    await back.getByRole('button', { name: /^Mark returned/ }).click();
    await back.getByText('Marked returned.').waitFor();
    expect(await back.locator('.badge').textContent()).toBe('Returned');
    await customer.goto('/my-bookings');
    await mine.waitFor();
    expect(await mine.locator('.badge').textContent()).toBe('Returned');
    expect(await mine.textContent()).toContain('Returned on');
    await customer.context().close();
    await callApi('DELETE', `/bookings/${tomorrow.id}`, { token });
    await ctx.close();
  });

  it('staff add and change a location; a new currency is refused while cars stand there', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInUi(page, STAFF.email, STAFF.password);
    await page.goto('/staff/locations');
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();
    await page.getByTestId('location-row').first().waitFor();

    await page.getByRole('button', { name: 'Add a location' }).click();
    const form = page.getByRole('form', { name: 'Add a location' });
    await form.getByLabel('Time zone').fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Add location' }).click();
    await form.locator('[data-field-error="id"]').waitFor();
    expect(await form.locator('[data-field-error="timeZone"]').textContent()).toMatch(/Not a time zone we know/);
    await check(page, 'staff-locations-add-errors');

    const id = `zz-e2e-${tag()}`;
    await form.getByLabel('Location id').fill(id);
    await form.getByLabel('Name').fill('E2E Harbour');
    await form.getByLabel('City').fill('Lisbon');
    await form.getByLabel('Country code').fill('pt');
    await form.getByLabel('Time zone').fill('Europe/Lisbon');
    await form.getByLabel('Address').fill('Cais do Sodré 1, 1200-450 Lisboa');
    await form.getByLabel('Currency').selectOption('EUR');
    await form.getByRole('button', { name: 'Add location' }).click();
    await page.getByText(`E2E Harbour (${id}) is added.`).waitFor();
    const row = page.locator(`[data-location-id="${id}"]`);
    expect(await row.textContent()).toContain('Europe/Lisbon');

    await row.getByRole('button', { name: 'Edit E2E Harbour' }).click();
    const edit = row.getByRole('form', { name: 'Change E2E Harbour' });
    await edit.getByLabel('Name').fill('E2E Harbour West');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(`E2E Harbour West (${id}) is saved.`).waitFor();
    // Saved: the desk (which reads the location afresh when its copy lacks it) knows it.
    // GET /locations may take up to five minutes (each function's copy of the list).
    const desk = await callApi<{ location: Location }>('GET', `/admin/desk?locationId=${id}`, { token: await idTokenFor(STAFF.email, STAFF.password) });
    expect(desk.status).toBe(200);
    expect(desk.body.location).toMatchObject({ id, name: 'E2E Harbour West', city: 'Lisbon', country: 'PT', timeZone: 'Europe/Lisbon', currency: 'EUR' });

    // A location with cars keeps its currency: the refusal is on that field.
    const busy = await location();
    const busyRow = page.locator(`[data-location-id="${busy.id}"]`);
    await busyRow.getByRole('button', { name: /^Edit / }).click();
    const busyForm = busyRow.getByRole('form');
    await busyForm.getByLabel('Currency').selectOption(busy.currency === 'USD' ? 'EUR' : 'USD');
    await busyForm.getByRole('button', { name: 'Save changes' }).click();
    const refused = busyForm.locator('[data-field-error="currency"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Cannot change while cars stand at the location/);
    expect(await busyForm.getByLabel('Currency').getAttribute('aria-invalid')).toBe('true');
    expect((await location(busy.id)).currency).toBe(busy.currency);
    await check(page, 'staff-locations-currency-refused');
    await ctx.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`the staff pages at ${viewport} size: screenshots and axe`, async () => {
      const loc = await firstLocation();
      const ctx = await newContext(browser, viewport);
      const page = await ctx.newPage();
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await signInUi(page, STAFF.email, STAFF.password);
      const snap = async (name: string) => {
        await page.waitForLoadState('networkidle');
        await check(page, `${name}-${viewport}`);
        await shot(page, name, viewport);
      };
      await page.goto(`/staff/fleet?location=${loc.id}`);
      await page.getByTestId('fleet-car').first().waitFor();
      await snap('staff-fleet');
      await page.getByRole('button', { name: 'Add a car' }).click();
      await page.getByRole('button', { name: 'Add car' }).click();
      await page.locator('[data-field-error="make"]').waitFor();
      await snap('staff-fleet-add');
      await page.goto(`/staff/desk?location=${loc.id}`);
      await page.getByRole('region', { name: /Pick-ups/ }).waitFor();
      await snap('staff-desk');
      await page.goto('/staff/locations');
      await page.getByTestId('location-row').first().waitFor();
      await snap('staff-locations');
      await ctx.close();

      const customer = await newContext(browser, viewport);
      const other = await customer.newPage();
      await signInUi(other, DEMO.email, DEMO.password);
      await other.goto('/staff/fleet');
      await other.getByRole('heading', { level: 1, name: 'Staff only' }).waitFor();
      await check(other, `staff-only-${viewport}`);
      await shot(other, 'staff-only', viewport);
      await customer.close();
    });
  }
});
