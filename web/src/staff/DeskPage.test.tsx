// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../api/client';
import type { AuthState } from '../auth/AuthContext';
import { StaticAuthProvider } from '../auth/AuthContext';
import { resetLocations } from '../lib/locations';
import { apiError, berlin, fakeApi, makeBooking, signedIn } from '../test/fakeApi';
import { fakeStaffApi } from '../test/fakeStaffApi';
import type { DeskBooking, DeskStatus } from './api';
import { setStaffApi } from './api';
import StaffArea from './StaffArea';
import { defaultReturnDay } from './DeskPage';

const staff = { ...signedIn, user: { email: 'staff@example.com', sub: 'sub-staff', groups: ['admins'] } };

function desk(over: Partial<DeskBooking> = {}): DeskBooking {
  return { ...makeBooking({ pickupDate: '2099-06-01', returnDate: '2099-06-04', version: 3 }), customerId: 'cust-1', email: 'ann@example.com', ...over };
}

function renderAt(path: string, auth: AuthState = staff) {
  return render(
    <StaticAuthProvider value={auth}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/staff/*" element={<StaffArea />} />
        </Routes>
      </MemoryRouter>
    </StaticAuthProvider>,
  );
}

describe('staff area', () => {
  beforeEach(() => {
    resetLocations();
    setApi(fakeApi());
  });
  afterEach(() => {
    cleanup();
    setStaffApi(null);
  });

  it('says "staff only" to a signed-in customer, and calls nothing', () => {
    const calls: string[] = [];
    setStaffApi(fakeStaffApi({ getDesk: async () => (calls.push('desk'), Promise.reject(new Error('no'))) }));
    renderAt('/staff/desk', signedIn);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Staff only');
    expect(screen.getByText(/signed in as alice@example\.com, which is not a staff account/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Staff' })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('lists the day at the desk and marks a pick-up with If-Match of the version shown', async () => {
    const marks: { id: string; version: number; status: DeskStatus; returnedOn: string | undefined }[] = [];
    const pickup = desk();
    setStaffApi(
      fakeStaffApi({
        getDesk: async (locationId, date) => ({ location: berlin, date: date ?? '2099-06-01', pickups: locationId === 'ber' ? [pickup] : [], returns: [] }),
        setBookingStatus: async (b, status, returnedOn) => {
          marks.push({ id: b.id, version: b.version, status, returnedOn });
          return { booking: { ...pickup, status, version: b.version + 1 }, etag: `"${b.version + 1}"` };
        },
      }),
    );
    renderAt('/staff/desk?location=ber&date=2099-06-01');
    expect(screen.getByRole('navigation', { name: 'Staff' })).toBeTruthy();
    const row = await screen.findByTestId('desk-row');
    expect(row.textContent).toContain('ann@example.com');
    expect(row.textContent).toContain('Volkswagen Golf');
    expect(screen.getByText(/1 pick-up, 0 returns/)).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: /^Mark picked up/ }));
    await within(row).findByText('Marked picked up.');
    expect(marks).toEqual([{ id: 'bk-1', version: 3, status: 'PICKED_UP', returnedOn: undefined }]);
    expect(within(row).getByText('Picked up')).toBeTruthy();
    // Now it can be returned (not picked up again), with the next version.
    expect(within(row).queryByRole('button', { name: /^Mark picked up/ })).toBeNull();
    fireEvent.change(within(row).getByLabelText('Returned on'), { target: { value: '2099-06-01' } });
    fireEvent.click(within(row).getByRole('button', { name: /^Mark returned/ }));
    await within(row).findByText('Marked returned.');
    expect(marks[1]).toEqual({ id: 'bk-1', version: 4, status: 'RETURNED', returnedOn: '2099-06-01' });
  });

  it('shows why a transition is refused, and a refused return day beside its field', async () => {
    setStaffApi(
      fakeStaffApi({
        getDesk: async () => ({
          location: berlin,
          date: '2099-06-01',
          pickups: [desk({ id: 'bk-early' })],
          returns: [desk({ id: 'bk-out', status: 'PICKED_UP' })],
        }),
        setBookingStatus: async (b) => {
          if (b.id === 'bk-early') {
            const e = apiError(409, 'invalid_transition');
            e.problem.message = 'the pick-up day is 2099-06-01; it is 2099-05-30 at the location';
            throw e;
          }
          throw apiError(400, 'validation_failed', { returnedOn: 'must not be before the pick-up day (2099-06-01)' });
        },
      }),
    );
    renderAt('/staff/desk?location=ber&date=2099-06-01');
    const [early, out] = await screen.findAllByTestId('desk-row');
    fireEvent.click(within(early!).getByRole('button', { name: /^Mark picked up/ }));
    const alert = await within(early!).findByRole('alert');
    expect(alert.textContent).toContain('The booking cannot change that way now.');
    expect(alert.textContent).toContain('The pick-up day is 2099-06-01; it is 2099-05-30 at the location.');

    fireEvent.click(within(out!).getByRole('button', { name: /^Mark returned/ }));
    const day = within(out!).getByLabelText('Returned on');
    await waitFor(() => expect(day.getAttribute('aria-invalid')).toBe('true'));
    expect(within(out!).getByText(/Must not be before the pick-up day \(2099-06-01\)\./)).toBeTruthy();
    expect(within(out!).queryByRole('alert')).toBeNull(); // the field says it all
  });

  it('offers the desk day as the return day, never after today nor before the pick-up', () => {
    const b = { pickupDate: '2099-06-01' };
    expect(defaultReturnDay(b, '2099-06-03', '2099-06-05')).toBe('2099-06-03');
    expect(defaultReturnDay(b, '2099-06-09', '2099-06-05')).toBe('2099-06-05');
    expect(defaultReturnDay(b, '2099-05-20', '2099-06-05')).toBe('2099-06-01');
  });
});
