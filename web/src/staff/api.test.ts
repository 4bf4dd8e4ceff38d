import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { createStaffApi } from './api';

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

function fakeFetch(answers: Response[]) {
  const seen: Seen[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const text = await req.text();
    seen.push({ method: req.method, url: new URL(req.url), headers: req.headers, body: text ? JSON.parse(text) : undefined });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const base = 'http://api.test/Prod';

describe('staff API client', () => {
  it('sends the raw ID token on every admin route, and the desk status with If-Match of the version', async () => {
    const booking = { id: 'bk-1', version: 4, status: 'PICKED_UP' };
    const { fetch, seen } = fakeFetch([
      json(200, { location: {}, date: '2030-06-01', pickups: [], returns: [] }),
      json(200, booking, { ETag: '"4"' }),
      json(201, { url: 'http://s3', fields: {}, key: 'cars/ber-1/a.png', maxBytes: 5242880, expiresAt: '2030-01-01T00:00:00Z' }),
    ]);
    const staff = createStaffApi({ baseUrl: base, getIdToken: async () => 'id.token.jwt', fetch });
    await staff.getDesk('ber', '2030-06-01');
    const r = await staff.setBookingStatus({ id: 'bk-1', customerId: 'c-1', version: 3 }, 'PICKED_UP');
    await staff.createPhotoUpload('ber-1', 'image/png');

    expect(seen.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      'GET /Prod/admin/desk?locationId=ber&date=2030-06-01',
      'PUT /Prod/admin/customers/c-1/bookings/bk-1/status',
      'POST /Prod/admin/cars/ber-1/photo',
    ]);
    expect(seen.map((s) => s.headers.get('Authorization'))).toEqual(['id.token.jwt', 'id.token.jwt', 'id.token.jwt']);
    expect(seen[1]!.headers.get('If-Match')).toBe('"3"');
    expect(seen[1]!.body).toEqual({ status: 'PICKED_UP' });
    expect(seen[2]!.body).toEqual({ contentType: 'image/png' });
    expect(r.etag).toBe('"4"');
  });

  it('turns 403 forbidden and car_has_bookings into problems in words', async () => {
    const held = { id: 'bk-1', customerId: 'c', pickupDate: '2030-06-01', returnDate: '2030-06-03', status: 'CONFIRMED' };
    const { fetch } = fakeFetch([
      json(403, { error: { code: 'forbidden', message: 'this is for staff only', requestId: 'r1' } }),
      json(409, { error: { code: 'car_has_bookings', message: 'the car has bookings', requestId: 'r2', bookings: [held] } }),
    ]);
    const staff = createStaffApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    const forbidden = await staff.retireCar('ber-1').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ApiError);
    expect((forbidden as ApiError).problem.code).toBe('forbidden');
    const held409 = await staff.retireCar('ber-1').catch((e: unknown) => e);
    expect((held409 as ApiError).problem).toMatchObject({ code: 'car_has_bookings', bookings: [held] });
  });

  it('sends nothing without a sign-in', async () => {
    const { fetch, seen } = fakeFetch([]);
    const staff = createStaffApi({ baseUrl: base, getIdToken: async () => undefined, fetch });
    const err = await staff.createCar({ make: 'a', model: 'b', type: 'van', seats: 5, transmission: 'manual', locationId: 'ber', dailyRate: 100 }).catch((e: unknown) => e);
    expect((err as ApiError).problem.code).toBe('not_signed_in');
    expect(seen).toEqual([]);
  });
});
