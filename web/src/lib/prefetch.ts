// The first page's data, asked for as soon as the app starts. A car page is
// a chunk of its own: rendering it waits for that chunk, and only then would
// it ask the API for the car, and only then could the browser start on the
// photo, its largest paint. Asked from main.tsx, the car, the locations and
// the chunk load side by side, and the photo is preloaded (fetchpriority
// high) the moment its URL is known.
import { preload } from 'react-dom';
import type { Car } from '../api/client';
import { api } from '../api/client';
import { isIsoDate, type Period } from './dates';
import { getLocations } from './locations';

let pending: { key: string; car: Promise<Car> } | null = null;

/** The key of a car and its dates, as CarPage asks for it. */
export function carKey(carId: string, period: Period | null): string {
  return `${carId}|${period?.pickupDate ?? ''}|${period?.returnDate ?? ''}`;
}

/** Asks for a car page's car and photo and the locations (pathname /car/<id>); other pages need nothing early. */
export function prefetchFirstPage(pathname: string, search: string): void {
  const m = /^\/car\/([^/]+)$/.exec(pathname);
  if (!m) return;
  let carId: string;
  try {
    carId = decodeURIComponent(m[1]!);
  } catch {
    return; // a broken link: the page says so
  }
  const q = new URLSearchParams(search);
  const pickupDate = q.get('pickupDate');
  const returnDate = q.get('returnDate');
  const period = isIsoDate(pickupDate) && isIsoDate(returnDate) ? { pickupDate, returnDate } : null;
  const car = api().getCar(carId, period ?? undefined);
  car.then((c) => preloadPhoto(c.imageUrl)).catch(() => {}); // the page shows any error
  pending = { key: carKey(carId, period), car };
  getLocations().catch(() => {});
}

/** The prefetched car for key, once: later loads (another car, a retry) ask the API. */
export function takePrefetchedCar(key: string): Promise<Car> | undefined {
  if (pending?.key !== key) return undefined;
  const { car } = pending;
  pending = null;
  return car;
}

/** Starts loading a car's photo, first among images. */
export function preloadPhoto(url: string | undefined): void {
  if (url) preload(url, { as: 'image', fetchPriority: 'high' });
}
