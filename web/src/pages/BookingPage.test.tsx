// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateBookingRequest } from '../api/client';
import { setApi } from '../api/client';
import { StaticAuthProvider } from '../auth/AuthContext';
import { resetLocations } from '../lib/locations';
import { apiError, fakeApi, makeBooking, makeCar, signedIn } from '../test/fakeApi';
import BookingPage from './BookingPage';

function renderPage() {
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter initialEntries={['/my-bookings/bk-1']}>
        <Routes>
          <Route path="/my-bookings/:bookingId" element={<BookingPage />} />
        </Routes>
      </MemoryRouter>
    </StaticAuthProvider>,
  );
}

const booking = makeBooking({ version: 3 });

describe('BookingPage', () => {
  beforeEach(() => resetLocations());
  afterEach(cleanup);

  it('shows the new total before saving, then saves with If-Match', async () => {
    const patches: { body: UpdateBookingRequest; etag: string }[] = [];
    setApi(
      fakeApi({
        getBooking: async () => ({ booking, etag: '"3"' }),
        listCars: async () => ({ cars: [makeCar('car-2', { model: 'Polo' })] }),
        getCar: async (id) => makeCar(id, { quote: { days: 4, total: { amount: 18000, currency: 'EUR' } }, available: false }),
        updateBooking: async (_id, body, etag) => {
          patches.push({ body, etag });
          return { booking: { ...booking, returnDate: '2099-06-05', days: 4, total: { amount: 18000, currency: 'EUR' }, version: 4 }, etag: '"4"' };
        },
      }),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Change booking' }));
    const save = screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing changed, no total yet

    fireEvent.change(screen.getByLabelText('Return date'), { target: { value: '2099-06-05' } });
    const total = await screen.findByTestId('new-total');
    expect(total.textContent).toMatch(/New total €180\.00 for 4 days/);
    expect(total.textContent).toMatch(/was €135\.00; €45\.00 more/);
    // `available: false` for the booking's own car counts this very booking: not an error.
    expect(screen.queryByText(/not free/)).toBeNull();
    await waitFor(() => expect(save.disabled).toBe(false));

    fireEvent.click(save);
    expect(await screen.findByText(/Your booking is changed. The new total is €180\.00/)).toBeTruthy();
    expect(patches).toEqual([{ body: { returnDate: '2099-06-05' }, etag: '"3"' }]);
  });

  it('says "This booking changed, reload" on version_mismatch', async () => {
    let loads = 0;
    setApi(
      fakeApi({
        getBooking: async () => {
          loads++;
          return { booking, etag: '"3"' };
        },
        listCars: async () => ({ cars: [] }),
        getCar: async (id) => makeCar(id, { quote: { days: 4, total: { amount: 18000, currency: 'EUR' } } }),
        updateBooking: async () => {
          throw apiError(412, 'version_mismatch');
        },
      }),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Change booking' }));
    fireEvent.change(screen.getByLabelText('Return date'), { target: { value: '2099-06-05' } });
    await screen.findByTestId('new-total');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('This booking changed, reload it to see the latest version.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(loads).toBe(2));
  });

  it('shows car_unavailable beside the car field', async () => {
    setApi(
      fakeApi({
        getBooking: async () => ({ booking, etag: '"3"' }),
        listCars: async () => ({ cars: [makeCar('car-2', { model: 'Polo' })] }),
        getCar: async (id) => makeCar(id, { quote: { days: 3, total: { amount: 12000, currency: 'EUR' } }, available: true }),
        updateBooking: async () => {
          throw apiError(409, 'car_unavailable');
        },
      }),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Change booking' }));
    await screen.findByRole('option', { name: /Volkswagen Polo/ });
    fireEvent.change(screen.getByLabelText('Car'), { target: { value: 'car-2' } });
    await screen.findByTestId('new-total');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const msg = await screen.findByText(/This car is not free for these dates/);
    expect(msg.closest('[data-field-error]')?.getAttribute('data-field-error')).toBe('carId');
    expect(screen.getByLabelText('Car').getAttribute('aria-invalid')).toBe('true');
  });

  it('offers no change or cancel once the booking has started', async () => {
    setApi(fakeApi({ getBooking: async () => ({ booking: makeBooking({ pickupDate: '2000-01-01', returnDate: '2000-01-03' }), etag: '"1"' }) }));
    renderPage();
    expect(await screen.findByText('This rental is over.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change booking' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel booking' })).toBeNull();
  });
});
