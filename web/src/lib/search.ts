// The search page's state lives in the URL (?location=&pickupDate=&returnDate=
// &type=&seats=&transmission=&sort=), so back/forward and shared links work.
// All of it goes to the API (GET /cars), which filters and orders on the
// server and fills each page: the web app asks once per page and shows the
// cars in the order they come, never sorting or filtering them itself.
import type { CarType, ListCarsQuery, Transmission } from '../api/client';
import { CAR_TYPES } from '../api/client';
import { isIsoDate } from './dates';

/** `price`: cheapest daily rate first, so cheapest total for the dates (the API's sort=price). */
export type SortOrder = 'recommended' | 'price';
export const SEAT_CHOICES: readonly number[] = [2, 4, 5, 7];
/** The most seats a search may ask for (the contract's maximum for `seats`). */
export const MAX_SEATS = 9;

export interface SearchCriteria {
  locationId: string;
  pickupDate: string;
  returnDate: string;
  type?: CarType;
}

export interface CarFilters {
  minSeats?: number;
  transmission?: Transmission;
  sort: SortOrder;
}

export interface SearchState {
  criteria: Partial<SearchCriteria>;
  filters: CarFilters;
}

/** Reads the search page's URL; anything malformed is dropped, never trusted. */
export function parseSearch(params: URLSearchParams): SearchState {
  const criteria: Partial<SearchCriteria> = {};
  const location = params.get('location');
  if (location && /^[A-Za-z0-9_-]{1,64}$/.test(location)) criteria.locationId = location;
  const pickup = params.get('pickupDate');
  if (isIsoDate(pickup)) criteria.pickupDate = pickup;
  const ret = params.get('returnDate');
  if (isIsoDate(ret)) criteria.returnDate = ret;
  const type = params.get('type');
  if (type && (CAR_TYPES as readonly string[]).includes(type)) criteria.type = type as CarType;

  const filters: CarFilters = { sort: 'recommended' };
  const seats = Number(params.get('seats'));
  if (Number.isInteger(seats) && seats > 0 && seats <= MAX_SEATS) filters.minSeats = seats;
  const transmission = params.get('transmission');
  if (transmission === 'automatic' || transmission === 'manual') filters.transmission = transmission;
  const sort = params.get('sort');
  // price-asc: links from before the API sorted (price-desc it cannot do).
  if (sort === 'price' || sort === 'price-asc') filters.sort = 'price';
  return { criteria, filters };
}

/** The URL query for a search state, in a stable order, without defaults. */
export function searchToParams(s: SearchState): URLSearchParams {
  const p = new URLSearchParams();
  const { criteria: c, filters: f } = s;
  if (c.locationId) p.set('location', c.locationId);
  if (c.pickupDate) p.set('pickupDate', c.pickupDate);
  if (c.returnDate) p.set('returnDate', c.returnDate);
  if (c.type) p.set('type', c.type);
  if (f.minSeats) p.set('seats', String(f.minSeats));
  if (f.transmission) p.set('transmission', f.transmission);
  if (f.sort !== 'recommended') p.set('sort', f.sort);
  return p;
}

/** Whether the criteria are complete enough to ask the API. */
export function isCompleteCriteria(c: Partial<SearchCriteria>): c is SearchCriteria {
  return !!c.locationId && !!c.pickupDate && !!c.returnDate;
}

/** The GET /cars query for one page of a search: the criteria, the filters and the order. */
export function carsQuery(c: SearchCriteria, f: CarFilters, page: { cursor?: string; limit?: number } = {}): ListCarsQuery {
  const q: ListCarsQuery = { locationId: c.locationId, pickupDate: c.pickupDate, returnDate: c.returnDate };
  if (c.type) q.type = c.type;
  if (f.minSeats) q.seats = f.minSeats;
  if (f.transmission) q.transmission = f.transmission;
  if (f.sort === 'price') q.sort = 'price';
  if (page.limit) q.limit = page.limit;
  if (page.cursor) q.cursor = page.cursor;
  return q;
}

/** A stable key for "the same API query": a new key means a new first page. */
export function queryKey(c: SearchCriteria, f: CarFilters): string {
  return searchToParams({ criteria: c, filters: f }).toString();
}

export interface Paged<T> {
  items: T[];
  nextCursor?: string;
  /** True once the last page was read (no nextCursor). */
  done: boolean;
}

/**
 * Follows nextCursor until `enough(items)` or the end, for the lists read
 * whole (my bookings, the cars to change a booking to); the search asks once
 * per page instead (useCarSearch). A page may hold fewer items than asked
 * for, even none, while a next page exists, so one request is never assumed
 * to be all. maxPages bounds one call; the caller can continue later from
 * the returned cursor.
 */
export async function fillPages<T>(opts: {
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>;
  from?: Paged<T>;
  enough: (items: readonly T[]) => boolean;
  maxPages?: number;
}): Promise<Paged<T>> {
  const maxPages = opts.maxPages ?? 20;
  let items = opts.from?.items.slice() ?? [];
  let cursor = opts.from?.nextCursor;
  let done = opts.from?.done ?? false;
  let pages = 0;
  while (!done && pages < maxPages && !opts.enough(items)) {
    const page = await opts.fetchPage(cursor);
    pages++;
    items = items.concat(page.items);
    // A cursor that comes back unchanged would loop for ever: treat it as the end.
    done = !page.nextCursor || page.nextCursor === cursor;
    cursor = done ? undefined : page.nextCursor;
  }
  return cursor ? { items, nextCursor: cursor, done } : { items, done };
}
