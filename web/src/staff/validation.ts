// The staff's forms: their values as typed, what is wrong with them before
// anything is sent (the API's own limits, api/openapi.yaml), and the
// request bodies they make. A form's fields are named as the request's
// properties, so that the API's error.fields land beside the same fields.
import type { Car, CarType, Location, Transmission } from '../api/client';
import { CAR_TYPES } from '../api/client';
import { formatMoney, minorUnitDigits } from '../lib/money';
import type { CreateCarRequest, CreateLocationRequest, Currency, UpdateCarRequest, UpdateLocationRequest } from './api';
import { CURRENCIES } from './api';

export type Errors<K extends string> = Partial<Record<K, string>>;

/** The contract's id of a new car or location: lowercase letters, digits and dashes, 2 to 40. */
const NEW_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

// ---- Cars ----

export const CAR_FIELDS = ['id', 'make', 'model', 'type', 'seats', 'transmission', 'locationId', 'dailyRate'] as const;
export type CarField = (typeof CAR_FIELDS)[number];
export type CarValues = Record<CarField, string>;

export const MIN_SEATS = 2;
export const MAX_SEATS = 9;
/** The daily rate's bounds, in minor units. */
export const MIN_RATE = 100;
export const MAX_RATE = 1_000_000;

/** An empty form for a new car at a location. */
export function newCarValues(locationId: string): CarValues {
  return { id: '', make: '', model: '', type: 'compact', seats: '5', transmission: 'manual', locationId, dailyRate: '' };
}

/** The form for changing a car, filled with what it is. */
export function carValues(car: Car): CarValues {
  return {
    id: car.id,
    make: car.make,
    model: car.model,
    type: car.type,
    seats: String(car.seats),
    transmission: car.transmission,
    locationId: car.locationId,
    dailyRate: amountToText(car.dailyRate.amount, car.dailyRate.currency),
  };
}

/** 4550 EUR as "45.50" (the form's text, no symbol, no grouping). */
export function amountToText(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/**
 * "45.5" in EUR as 4550 minor units; an error message for anything that is
 * not a plain amount with at most the currency's decimals.
 */
export function parseAmount(text: string, currency: string): number | { error: string } {
  const t = text.trim();
  const digits = minorUnitDigits(currency);
  if (t === '') return { error: 'Enter the daily rate.' };
  const m = /^(\d{1,9})(?:\.(\d*))?$/.exec(t);
  if (!m) return { error: `Enter an amount in ${currency} with digits and a point, such as ${amountToText(4500, currency)}.` };
  const frac = m[2] ?? '';
  if (frac.length > digits) {
    return { error: digits === 0 ? `${currency} has no decimals.` : `Use at most ${digits} decimals.` };
  }
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

function checkText(v: string, max: number, what: string): string | undefined {
  const t = v.trim();
  if (t === '') return `Enter the ${what}.`;
  if (t.length > max) return `Use at most ${max} characters.`;
  return undefined;
}

/**
 * What is wrong with a car form: a new car's (with its optional id), or
 * the changes to car, whose fields left as they are pass as they are (a
 * seed car may have more seats than a new one may: it keeps them).
 * currency is that of the location the car is (to be) at, for the rate.
 */
export function validateCar(v: CarValues, currency: string, car?: Car): Errors<CarField> {
  const e = checkCar(v, currency, !car);
  if (!car) return e;
  const was = carValues(car);
  for (const f of CAR_FIELDS) {
    const kept = f === 'dailyRate' ? currency === car.dailyRate.currency && parseAmount(v[f], currency) === car.dailyRate.amount : v[f].trim() === was[f];
    if (kept) delete e[f];
  }
  return e;
}

function checkCar(v: CarValues, currency: string, isNew: boolean): Errors<CarField> {
  const e: Errors<CarField> = {};
  if (isNew && v.id.trim() !== '' && !NEW_ID.test(v.id.trim())) {
    e.id = 'Use 2 to 40 lowercase letters, digits and dashes, starting with a letter or digit; or leave it empty.';
  }
  const make = checkText(v.make, 40, 'make');
  if (make) e.make = make;
  const model = checkText(v.model, 40, 'model');
  if (model) e.model = model;
  if (!(CAR_TYPES as readonly string[]).includes(v.type)) e.type = 'Choose a type.';
  const seats = Number(v.seats);
  if (v.seats.trim() === '' || !Number.isInteger(seats) || seats < MIN_SEATS || seats > MAX_SEATS) {
    e.seats = `Enter a whole number from ${MIN_SEATS} to ${MAX_SEATS}.`;
  }
  if (v.transmission !== 'automatic' && v.transmission !== 'manual') e.transmission = 'Choose a transmission.';
  if (v.locationId === '') e.locationId = 'Choose a location.';
  const rate = parseAmount(v.dailyRate, currency);
  if (typeof rate !== 'number') e.dailyRate = rate.error;
  else if (rate < MIN_RATE || rate > MAX_RATE) {
    e.dailyRate = `Must be between ${formatMoney({ amount: MIN_RATE, currency })} and ${formatMoney({ amount: MAX_RATE, currency })}.`;
  }
  return e;
}

/** The POST /admin/cars body of a valid form. */
export function createCarRequest(v: CarValues, currency: string): CreateCarRequest {
  return {
    ...(v.id.trim() ? { id: v.id.trim() } : {}),
    make: v.make.trim(),
    model: v.model.trim(),
    type: v.type as CarType,
    seats: Number(v.seats),
    transmission: v.transmission as Transmission,
    locationId: v.locationId,
    dailyRate: parseAmount(v.dailyRate, currency) as number,
  };
}

/** The PATCH /admin/cars/{carId} body of a valid form: what differs from the car; null when nothing does. */
export function updateCarRequest(car: Car, v: CarValues, currency: string): UpdateCarRequest | null {
  const body: UpdateCarRequest = {};
  if (v.make.trim() !== car.make) body.make = v.make.trim();
  if (v.model.trim() !== car.model) body.model = v.model.trim();
  if (v.type !== car.type) body.type = v.type as CarType;
  if (Number(v.seats) !== car.seats) body.seats = Number(v.seats);
  if (v.transmission !== car.transmission) body.transmission = v.transmission as Transmission;
  if (v.locationId !== car.locationId) body.locationId = v.locationId;
  const rate = parseAmount(v.dailyRate, currency) as number;
  // A move to a location of another currency must give the rate in it.
  if (rate !== car.dailyRate.amount || currency !== car.dailyRate.currency) body.dailyRate = rate;
  return Object.keys(body).length > 0 ? body : null;
}

// ---- Photos ----

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** S3 refuses more (the presigned POST's content-length-range). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Why a file cannot be a car's photo, or undefined when it can be sent. */
export function checkPhoto(file: Pick<File, 'type' | 'size' | 'name'>, maxBytes = MAX_PHOTO_BYTES): string | undefined {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name || 'This file'} is not a JPEG, PNG or WebP image. Choose a photo in one of those formats.`;
  }
  if (file.size === 0) return `${file.name || 'This file'} is empty.`;
  if (file.size > maxBytes) {
    return `${file.name || 'This file'} is ${formatBytes(file.size)}; a photo may be at most ${formatBytes(maxBytes)}.`;
  }
  return undefined;
}

/** 5242880 as "5 MB", 1536 as "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / (1024 * 1024), 'MB'];
  return `${Number(v.toFixed(1))} ${unit}`;
}

// ---- Locations ----

export const LOCATION_FIELDS = ['id', 'name', 'city', 'country', 'timeZone', 'address', 'currency'] as const;
export type LocationField = (typeof LOCATION_FIELDS)[number];
export type LocationValues = Record<LocationField, string>;

export function newLocationValues(): LocationValues {
  return { id: '', name: '', city: '', country: '', timeZone: '', address: '', currency: 'EUR' };
}

export function locationValues(l: Location): LocationValues {
  return { id: l.id, name: l.name, city: l.city, country: l.country, timeZone: l.timeZone, address: l.address, currency: l.currency };
}

/** Whether the browser knows zone as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function validateLocation(v: LocationValues, mode: 'create' | 'edit'): Errors<LocationField> {
  const e: Errors<LocationField> = {};
  if (mode === 'create' && !NEW_ID.test(v.id.trim())) {
    e.id = 'Use 2 to 40 lowercase letters, digits and dashes, starting with a letter or digit (for example "lis" or "lisbon-airport").';
  }
  const name = checkText(v.name, 80, 'name');
  if (name) e.name = name;
  const city = checkText(v.city, 40, 'city');
  if (city) e.city = city;
  if (!/^[A-Z]{2}$/.test(v.country.trim().toUpperCase())) e.country = 'Enter the two-letter country code (ISO 3166-1), such as PT.';
  if (v.timeZone.trim() === '') e.timeZone = 'Enter the time zone, such as Europe/Lisbon.';
  else if (v.timeZone.trim().length > 64 || !isTimeZone(v.timeZone.trim())) e.timeZone = 'Not a time zone we know. Use an IANA name, such as Europe/Lisbon.';
  const address = checkText(v.address, 160, 'address');
  if (address) e.address = address;
  if (!(CURRENCIES as readonly string[]).includes(v.currency)) e.currency = `Choose one of ${CURRENCIES.join(', ')}.`;
  return e;
}

function trimmed(v: LocationValues) {
  return {
    name: v.name.trim(),
    city: v.city.trim(),
    country: v.country.trim().toUpperCase(),
    timeZone: v.timeZone.trim(),
    address: v.address.trim(),
    currency: v.currency as Currency,
  };
}

export function createLocationRequest(v: LocationValues): CreateLocationRequest {
  return { id: v.id.trim(), ...trimmed(v) };
}

/** What differs from the location; null when nothing does. */
export function updateLocationRequest(l: Location, v: LocationValues): UpdateLocationRequest | null {
  const t = trimmed(v);
  const body: UpdateLocationRequest = {};
  for (const k of ['name', 'city', 'country', 'timeZone', 'address', 'currency'] as const) {
    if (t[k] !== l[k]) (body as Record<string, string>)[k] = t[k];
  }
  return Object.keys(body).length > 0 ? body : null;
}

/** The first field of order that has an error (to move focus there). */
export function firstInvalid<K extends string>(order: readonly K[], errors: Errors<K>): K | undefined {
  return order.find((k) => errors[k]);
}
