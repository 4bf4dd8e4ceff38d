import { describe, expect, it } from 'vitest';
import { BookingAttempts, fingerprint, type KeyStore } from './idempotency';
import { randomUUID } from './uuid';

function memoryStore(): KeyStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const body = { carId: 'car-1', pickupDate: '2030-06-01', returnDate: '2030-06-04', locationId: 'ber' };

describe('BookingAttempts', () => {
  it('reuses the key when the same attempt is retried', () => {
    let n = 0;
    const a = new BookingAttempts(() => `k${++n}`, memoryStore());
    expect(a.keyFor(body)).toBe('k1');
    expect(a.keyFor({ ...body })).toBe('k1'); // retry after a network error or 5xx
    expect(a.keyFor(body)).toBe('k1');
  });

  it('starts a new attempt for another car or other dates', () => {
    let n = 0;
    const a = new BookingAttempts(() => `k${++n}`, memoryStore());
    expect(a.keyFor(body)).toBe('k1');
    expect(a.keyFor({ ...body, returnDate: '2030-06-05' })).toBe('k2');
    expect(a.keyFor({ ...body, carId: 'car-2' })).toBe('k3');
    expect(a.keyFor(body)).toBe('k1');
  });

  it('starts a new attempt after a clear answer', () => {
    let n = 0;
    const a = new BookingAttempts(() => `k${++n}`, memoryStore());
    expect(a.keyFor(body)).toBe('k1');
    a.finish(body); // e.g. 409 car_unavailable or success
    expect(a.keyFor(body)).toBe('k2');
  });

  it('keeps the key across a page reload (sessionStorage)', () => {
    const store = memoryStore();
    let n = 0;
    const before = new BookingAttempts(() => `k${++n}`, store);
    const key = before.keyFor(body);
    const after = new BookingAttempts(() => `k${++n}`, store);
    expect(after.keyFor(body)).toBe(key);
    after.finish(body);
    expect(store.data.size).toBe(0);
  });

  it('works without storage', () => {
    const broken: KeyStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const a = new BookingAttempts(() => 'k', broken);
    expect(a.keyFor(body)).toBe('k');
    expect(() => a.finish(body)).not.toThrow();
  });

  it('fingerprints a body whatever its property order', () => {
    expect(fingerprint({ returnDate: '2030-06-04', carId: 'car-1', locationId: 'ber', pickupDate: '2030-06-01' })).toBe(fingerprint(body));
  });

  it('makes keys the API accepts', () => {
    const k = randomUUID();
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(k).toMatch(/^[A-Za-z0-9_.:-]{1,128}$/); // the IdempotencyKey pattern of api/openapi.yaml
    expect(randomUUID()).not.toBe(k);
  });
});
