import type { Api, Booking, Car, Location } from '../api/client';
import { ApiError, problemFromResponse } from '../api/errors';

export const berlin: Location = {
  id: 'ber',
  name: 'Berlin Hauptbahnhof',
  city: 'Berlin',
  country: 'DE',
  timeZone: 'Europe/Berlin',
  address: 'Europaplatz 1, 10557 Berlin',
  currency: 'EUR',
};

export function makeCar(id: string, over: Partial<Car> = {}): Car {
  return {
    id,
    make: 'Volkswagen',
    model: `Golf ${id}`,
    type: 'compact',
    seats: 5,
    transmission: 'manual',
    locationId: 'ber',
    dailyRate: { amount: 4500, currency: 'EUR' },
    imageUrl: 'https://cdn.example.com/cars/vw-golf.jpg',
    ...over,
  };
}

export function apiError(status: number, code: string, fields?: Record<string, string>): ApiError {
  return new ApiError(problemFromResponse(status, { error: { code, message: code, requestId: 'req-1', ...(fields ? { fields } : {}) } }));
}

/** An Api whose methods throw unless a test gives them an answer. */
export function fakeApi(over: Partial<Api> = {}): Api {
  const missing = (name: string) => () => Promise.reject(new Error(`fake api: ${name} not set`));
  return {
    listLocations: async () => [berlin],
    listCars: missing('listCars'),
    getCar: missing('getCar'),
    getAlternatives: missing('getAlternatives'),
    createBooking: missing('createBooking'),
    listBookings: missing('listBookings'),
    getBooking: missing('getBooking'),
    updateBooking: missing('updateBooking'),
    cancelBooking: missing('cancelBooking'),
    ...over,
  } as Api;
}

export function makeBooking(over: Partial<Booking> = {}): Booking {
  return {
    id: 'bk-1',
    carId: 'car-1',
    locationId: 'ber',
    pickupDate: '2099-06-01',
    returnDate: '2099-06-04',
    days: 3,
    total: { amount: 13500, currency: 'EUR' },
    status: 'CONFIRMED',
    version: 1,
    createdAt: '2099-05-20T09:30:00Z',
    updatedAt: '2099-05-20T09:30:00Z',
    car: { id: 'car-1', make: 'Volkswagen', model: 'Golf', type: 'compact', seats: 5, transmission: 'manual', imageUrl: 'https://x/y.jpg' },
    ...over,
  };
}

export const signedIn = {
  status: 'signedIn' as const,
  user: { email: 'alice@example.com', sub: 'sub-alice' },
  refresh: async () => {},
  signOut: async () => {},
};
