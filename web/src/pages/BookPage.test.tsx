// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StaticAuthProvider } from '../auth/AuthContext';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateBookingRequest } from '../api/client';
import { setApi } from '../api/client';
import { ApiError, networkProblem } from '../api/errors';
import { resetLocations } from '../lib/locations';
import { apiError, fakeApi, signedIn, makeBooking, makeCar } from '../test/fakeApi';
import BookPage from './BookPage';

function renderAt(url: string) {
  return render(
    <StaticAuthProvider value={signedIn}>
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/book/:carId" element={<BookPage />} />
        <Route path="/my-bookings/:id" element={<h1>Booking page</h1>} />
      </Routes>
    </MemoryRouter>
    </StaticAuthProvider>,
  );
}

const quoted = makeCar('car-1', { quote: { days: 3, total: { amount: 13500, currency: 'EUR' } }, available: true });

describe('BookPage', () => {
  beforeEach(() => {
    resetLocations();
    sessionStorage.clear();
  });
  afterEach(cleanup);

  it('shows the total and retries with the same Idempotency-Key', async () => {
    const calls: { body: CreateBookingRequest; key: string }[] = [];
    const answers: Array<() => Promise<never> | Promise<ReturnType<typeof makeBooking>>> = [
      () => Promise.reject(new ApiError(networkProblem())),
      () => Promise.reject(apiError(503, 'throttled')),
      () => Promise.resolve(makeBooking()),
    ];
    setApi(
      fakeApi({
        getCar: async () => quoted,
        createBooking: async (body, key) => {
          calls.push({ body, key });
          return answers.shift()!();
        },
      }),
    );
    renderAt('/book/car-1?pickupDate=2099-06-01&returnDate=2099-06-04');

    const confirm = await screen.findByRole('button', { name: /Confirm booking/ });
    expect(screen.getAllByText('€135.00').length).toBeGreaterThan(0);

    fireEvent.click(confirm);
    expect(await screen.findByText(/could not reach the server/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/very busy/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Confirm booking/ }));
    expect(await screen.findByRole('heading', { name: 'Booking page' })).toBeTruthy();

    expect(calls).toHaveLength(3);
    expect(calls[0]!.body).toEqual({ carId: 'car-1', pickupDate: '2099-06-01', returnDate: '2099-06-04', locationId: 'ber' });
    expect(new Set(calls.map((c) => c.key)).size).toBe(1);
  });

  it('says the car was taken, and a new try is a new attempt', async () => {
    const keys: string[] = [];
    setApi(
      fakeApi({
        getCar: async () => quoted,
        createBooking: async (_body, key) => {
          keys.push(key);
          throw apiError(409, 'car_unavailable');
        },
      }),
    );
    renderAt('/book/car-1?pickupDate=2099-06-01&returnDate=2099-06-04');
    fireEvent.click(await screen.findByRole('button', { name: /Confirm booking/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/someone else just booked this car/);
    expect((screen.getByRole('button', { name: /Confirm booking/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(keys).toHaveLength(1);
    expect(sessionStorage.length).toBe(0); // the attempt is over
  });

  it('shows a validation error beside the date it names', async () => {
    setApi(
      fakeApi({
        getCar: async () => quoted,
        createBooking: async () => {
          throw apiError(400, 'validation_failed', { pickupDate: 'must not be before today at the location (2099-06-02)' });
        },
      }),
    );
    renderAt('/book/car-1?pickupDate=2099-06-01&returnDate=2099-06-04');
    fireEvent.click(await screen.findByRole('button', { name: /Confirm booking/ }));
    const msg = await screen.findByText('Must not be before today at the location (2099-06-02).');
    expect(msg.getAttribute('data-field-error')).toBe('pickupDate');
  });
});
