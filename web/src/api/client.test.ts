import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { createApi } from './client';

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** A fetch that records requests and answers from a list. */
function fakeFetch(answers: Array<Response | Error>) {
  const seen: Seen[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const text = await req.text();
    seen.push({ method: req.method, url: new URL(req.url), headers: req.headers, body: text ? JSON.parse(text) : undefined });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const booking = {
  id: 'b1',
  carId: 'car-1',
  locationId: 'ber',
  pickupDate: '2030-06-01',
  returnDate: '2030-06-04',
  days: 3,
  total: { amount: 13500, currency: 'EUR' },
  status: 'CONFIRMED',
  version: 3,
  createdAt: '2030-05-20T09:30:00Z',
  updatedAt: '2030-05-20T09:30:00Z',
  car: { id: 'car-1', make: 'VW', model: 'Golf', type: 'compact', seats: 5, transmission: 'manual', imageUrl: 'https://x/y.jpg' },
};

const base = 'http://api.test/Prod';

describe('API client', () => {
  it('builds the cars query from the contract', async () => {
    const { fetch, seen } = fakeFetch([json(200, { cars: [], nextCursor: 'c2' })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => undefined, fetch });
    const page = await api.listCars({ locationId: 'ber', type: 'suv', pickupDate: '2030-06-01', returnDate: '2030-06-04', limit: 24, cursor: 'c1' });
    expect(page.nextCursor).toBe('c2');
    expect(seen[0]!.url.pathname).toBe('/Prod/cars');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      locationId: 'ber',
      type: 'suv',
      pickupDate: '2030-06-01',
      returnDate: '2030-06-04',
      limit: '24',
      cursor: 'c1',
    });
    expect(seen[0]!.headers.get('Authorization')).toBeNull();
  });

  it('sends the raw ID token, no "Bearer ", on /bookings only', async () => {
    const { fetch, seen } = fakeFetch([json(200, { bookings: [] }), json(200, { locations: [] })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 'eyJ.id.token', fetch });
    await api.listBookings();
    await api.listLocations();
    expect(seen[0]!.headers.get('Authorization')).toBe('eyJ.id.token');
    expect(seen[1]!.headers.get('Authorization')).toBeNull();
  });

  it('does not call /bookings when signed out', async () => {
    const { fetch, seen } = fakeFetch([]);
    const api = createApi({ baseUrl: base, getIdToken: async () => undefined, fetch });
    const err = await api.listBookings().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).problem.code).toBe('not_signed_in');
    expect(seen).toHaveLength(0);
  });

  it('sends the Idempotency-Key and the body', async () => {
    const { fetch, seen } = fakeFetch([json(201, booking, { Location: '/bookings/b1', ETag: '"1"' })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    const b = await api.createBooking({ carId: 'car-1', pickupDate: '2030-06-01', returnDate: '2030-06-04', locationId: 'ber' }, 'key-1');
    expect(b.id).toBe('b1');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('Idempotency-Key')).toBe('key-1');
    expect(seen[0]!.headers.get('Content-Type')).toMatch(/application\/json/);
    expect(seen[0]!.body).toEqual({ carId: 'car-1', pickupDate: '2030-06-01', returnDate: '2030-06-04', locationId: 'ber' });
  });

  it('reads the ETag and sends it back as If-Match', async () => {
    const { fetch, seen } = fakeFetch([json(200, booking, { ETag: '"3"' }), json(200, { ...booking, version: 4 }, { ETag: '"4"' })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    const { etag } = await api.getBooking('b1');
    expect(etag).toBe('"3"');
    const res = await api.updateBooking('b1', { returnDate: '2030-06-05' }, etag);
    expect(seen[1]!.method).toBe('PATCH');
    expect(seen[1]!.url.pathname).toBe('/Prod/bookings/b1');
    expect(seen[1]!.headers.get('If-Match')).toBe('"3"');
    expect(seen[1]!.body).toEqual({ returnDate: '2030-06-05' });
    expect(res.etag).toBe('"4"');
  });

  it('makes the ETag from the version when a proxy hides it', async () => {
    const { fetch } = fakeFetch([json(200, booking)]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    expect((await api.getBooking('b1')).etag).toBe('"3"');
  });

  it('turns error bodies into problems', async () => {
    const { fetch } = fakeFetch([json(412, { error: { code: 'version_mismatch', message: 'changed', requestId: 'r' } })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    const err = (await api.updateBooking('b1', { returnDate: '2030-06-05' }, '"2"').catch((e: unknown) => e)) as ApiError;
    expect(err.problem).toMatchObject({ status: 412, code: 'version_mismatch', requestId: 'r' });
  });

  it('turns a failed fetch into a network problem', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch')]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    const err = (await api.cancelBooking('b1').catch((e: unknown) => e)) as ApiError;
    expect(err.problem.code).toBe('network');
  });

  it('encodes path parameters', async () => {
    const { fetch, seen } = fakeFetch([json(200, { ...booking, car: undefined, id: 'car/1' })]);
    const api = createApi({ baseUrl: base, getIdToken: async () => 't', fetch });
    await api.getCar('car/1', { pickupDate: '2030-06-01', returnDate: '2030-06-04' });
    expect(seen[0]!.url.pathname).toBe('/Prod/cars/car%2F1');
    expect(seen[0]!.url.searchParams.get('pickupDate')).toBe('2030-06-01');
  });
});
