import { describe, expect, it } from 'vitest';
import type { Car } from '../api/client';
import { carsQuery, criteriaKey, fillPages, filterCars, needsAllPages, parseSearch, searchToParams, sortCars, visibleCars } from './search';

function car(id: string, over: Partial<Car> = {}): Car {
  return {
    id,
    make: 'Make',
    model: id,
    type: 'compact',
    seats: 5,
    transmission: 'manual',
    locationId: 'ber',
    dailyRate: { amount: 4000, currency: 'EUR' },
    imageUrl: 'https://x/y.jpg',
    ...over,
  };
}

describe('search URL', () => {
  it('round-trips a search', () => {
    const s = {
      criteria: { locationId: 'ber', pickupDate: '2030-06-01', returnDate: '2030-06-04', type: 'suv' as const },
      filters: { minSeats: 5, transmission: 'automatic' as const, sort: 'price-asc' as const },
    };
    const p = searchToParams(s);
    expect(p.toString()).toBe('location=ber&pickupDate=2030-06-01&returnDate=2030-06-04&type=suv&seats=5&transmission=automatic&sort=price-asc');
    expect(parseSearch(p)).toEqual(s);
  });

  it('drops what is malformed', () => {
    const s = parseSearch(new URLSearchParams('location=../x&pickupDate=2030-02-30&returnDate=tomorrow&type=tank&seats=-1&transmission=cvt&sort=random'));
    expect(s).toEqual({ criteria: {}, filters: { sort: 'recommended' } });
  });

  it('leaves defaults out of the URL', () => {
    expect(searchToParams({ criteria: { locationId: 'ber' }, filters: { sort: 'recommended' } }).toString()).toBe('location=ber');
  });
});

describe('cars query', () => {
  const c = { locationId: 'ber', pickupDate: '2030-06-01', returnDate: '2030-06-04' };
  it('asks the API only what it can filter', () => {
    expect(carsQuery(c)).toEqual(c);
    expect(carsQuery({ ...c, type: 'van' }, { cursor: 'abc', limit: 24 })).toEqual({ ...c, type: 'van', cursor: 'abc', limit: 24 });
  });
  it('starts paging again when the query changes', () => {
    expect(criteriaKey(c)).not.toBe(criteriaKey({ ...c, type: 'van' }));
    expect(criteriaKey(c)).not.toBe(criteriaKey({ ...c, returnDate: '2030-06-05' }));
  });
});

describe('filter and sort', () => {
  const cars = [
    car('a', { seats: 2, transmission: 'automatic', quote: { days: 3, total: { amount: 30000, currency: 'EUR' } } }),
    car('b', { seats: 5, transmission: 'manual', quote: { days: 3, total: { amount: 12000, currency: 'EUR' } } }),
    car('c', { seats: 7, transmission: 'automatic', quote: { days: 3, total: { amount: 18000, currency: 'EUR' } } }),
    car('d', { seats: 5, transmission: 'automatic', quote: { days: 3, total: { amount: 12000, currency: 'EUR' } } }),
  ];

  it('filters by minimum seats and transmission', () => {
    expect(filterCars(cars, { minSeats: 5, sort: 'recommended' }).map((x) => x.id)).toEqual(['b', 'c', 'd']);
    expect(filterCars(cars, { transmission: 'automatic', sort: 'recommended' }).map((x) => x.id)).toEqual(['a', 'c', 'd']);
    expect(filterCars(cars, { minSeats: 5, transmission: 'automatic', sort: 'recommended' }).map((x) => x.id)).toEqual(['c', 'd']);
  });

  it('sorts by the total, keeping ties in the API order', () => {
    expect(sortCars(cars, 'price-asc').map((x) => x.id)).toEqual(['b', 'd', 'c', 'a']);
    expect(sortCars(cars, 'price-desc').map((x) => x.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(sortCars(cars, 'recommended').map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sorts by daily rate when there is no quote', () => {
    const plain = [car('x', { dailyRate: { amount: 9000, currency: 'EUR' } }), car('y', { dailyRate: { amount: 3000, currency: 'EUR' } })];
    expect(sortCars(plain, 'price-asc').map((x) => x.id)).toEqual(['y', 'x']);
  });

  it('does not change the input', () => {
    const copy = cars.slice();
    visibleCars(cars, { sort: 'price-asc', minSeats: 5 });
    expect(cars).toEqual(copy);
  });

  it('loads every page for a sort by price', () => {
    expect(needsAllPages({ sort: 'recommended' })).toBe(false);
    expect(needsAllPages({ sort: 'price-asc' })).toBe(true);
  });
});

describe('fillPages', () => {
  /** Pages as the API may send them: some short, some empty, with a cursor. */
  function pager(pages: string[][]) {
    const calls: (string | undefined)[] = [];
    const fetchPage = async (cursor: string | undefined) => {
      calls.push(cursor);
      const i = cursor ? Number(cursor) : 0;
      return { items: pages[i]!, ...(i + 1 < pages.length ? { nextCursor: String(i + 1) } : {}) };
    };
    return { fetchPage, calls };
  }

  it('keeps loading past short and empty pages until there are enough', async () => {
    const { fetchPage, calls } = pager([['a'], [], ['b', 'c'], ['d'], ['e']]);
    const r = await fillPages({ fetchPage, enough: (items) => items.length >= 3 });
    expect(r).toEqual({ items: ['a', 'b', 'c'], nextCursor: '3', done: false });
    expect(calls).toEqual([undefined, '1', '2']);
  });

  it('stops at the end', async () => {
    const { fetchPage } = pager([['a'], [], ['b']]);
    expect(await fillPages({ fetchPage, enough: () => false })).toEqual({ items: ['a', 'b'], done: true });
  });

  it('continues from where it stopped', async () => {
    const { fetchPage, calls } = pager([['a'], ['b'], ['c'], ['d']]);
    const first = await fillPages({ fetchPage, enough: (i) => i.length >= 2 });
    const second = await fillPages({ fetchPage, from: first, enough: (i) => i.length >= 4 });
    expect(second).toEqual({ items: ['a', 'b', 'c', 'd'], done: true });
    expect(calls).toEqual([undefined, '1', '2', '3']);
  });

  it('counts what passes a filter, not what was loaded', async () => {
    const { fetchPage } = pager([['a1', 'b1'], ['b2'], ['a2'], ['a3']]);
    const r = await fillPages({ fetchPage, enough: (items) => items.filter((x) => x.startsWith('a')).length >= 2 });
    expect(r.items).toEqual(['a1', 'b1', 'b2', 'a2']);
  });

  it('stops after maxPages and on a cursor that does not move', async () => {
    const { fetchPage } = pager([[], [], [], [], []]);
    expect(await fillPages({ fetchPage, enough: () => false, maxPages: 2 })).toEqual({ items: [], nextCursor: '2', done: false });
    const stuck = async () => ({ items: ['x'], nextCursor: 'same' });
    const r = await fillPages({ fetchPage: stuck, from: { items: [], nextCursor: 'same', done: false }, enough: () => false });
    expect(r).toEqual({ items: ['x'], done: true });
  });

  it('does not fetch when already done or enough', async () => {
    const { fetchPage, calls } = pager([['a']]);
    await fillPages({ fetchPage, from: { items: ['z'], done: true }, enough: () => false });
    await fillPages({ fetchPage, enough: () => true });
    expect(calls).toEqual([]);
  });
});
