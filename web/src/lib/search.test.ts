import { describe, expect, it } from 'vitest';
import { carsQuery, fillPages, parseSearch, queryKey, searchToParams } from './search';

describe('search URL', () => {
  it('round-trips a search', () => {
    const s = {
      criteria: { locationId: 'ber', pickupDate: '2030-06-01', returnDate: '2030-06-04', type: 'suv' as const },
      filters: { minSeats: 5, transmission: 'automatic' as const, sort: 'price' as const },
    };
    const p = searchToParams(s);
    expect(p.toString()).toBe('location=ber&pickupDate=2030-06-01&returnDate=2030-06-04&type=suv&seats=5&transmission=automatic&sort=price');
    expect(parseSearch(p)).toEqual(s);
  });

  it('drops what is malformed', () => {
    const s = parseSearch(new URLSearchParams('location=../x&pickupDate=2030-02-30&returnDate=tomorrow&type=tank&seats=-1&transmission=cvt&sort=random'));
    expect(s).toEqual({ criteria: {}, filters: { sort: 'recommended' } });
  });

  it('drops what the API cannot do: more than 9 seats, highest price first', () => {
    expect(parseSearch(new URLSearchParams('seats=10&sort=price-desc')).filters).toEqual({ sort: 'recommended' });
    expect(parseSearch(new URLSearchParams('seats=9')).filters).toEqual({ minSeats: 9, sort: 'recommended' });
  });

  it('reads an older link sorted by price-asc as sort=price', () => {
    const s = parseSearch(new URLSearchParams('location=ber&sort=price-asc'));
    expect(s.filters).toEqual({ sort: 'price' });
    expect(searchToParams(s).toString()).toBe('location=ber&sort=price');
  });

  it('leaves defaults out of the URL', () => {
    expect(searchToParams({ criteria: { locationId: 'ber' }, filters: { sort: 'recommended' } }).toString()).toBe('location=ber');
  });
});

describe('cars query', () => {
  const c = { locationId: 'ber', pickupDate: '2030-06-01', returnDate: '2030-06-04' };

  it('asks the API for everything: criteria, filters and order', () => {
    expect(carsQuery(c, { sort: 'recommended' })).toEqual(c);
    expect(carsQuery({ ...c, type: 'van' }, { minSeats: 7, transmission: 'manual', sort: 'price' }, { cursor: 'abc', limit: 12 })).toEqual({
      ...c,
      type: 'van',
      seats: 7,
      transmission: 'manual',
      sort: 'price',
      cursor: 'abc',
      limit: 12,
    });
  });

  it('starts a new first page when the criteria, a filter or the order change', () => {
    const f = { sort: 'recommended' as const };
    const key = queryKey(c, f);
    expect(queryKey({ ...c }, { ...f })).toBe(key);
    for (const other of [
      queryKey({ ...c, type: 'van' }, f),
      queryKey({ ...c, returnDate: '2030-06-05' }, f),
      queryKey(c, { ...f, minSeats: 5 }),
      queryKey(c, { ...f, transmission: 'automatic' }),
      queryKey(c, { sort: 'price' }),
    ]) {
      expect(other).not.toBe(key);
    }
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
