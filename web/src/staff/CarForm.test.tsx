// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Car, Location } from '../api/client';
import { ApiError, problemFromResponse } from '../api/errors';
import { StaticAuthProvider } from '../auth/AuthContext';
import { apiError, berlin, makeCar, signedIn } from '../test/fakeApi';
import { fakeStaffApi } from '../test/fakeStaffApi';
import type { CreateCarRequest, UpdateCarRequest } from './api';
import { setStaffApi } from './api';
import { CarForm } from './CarForm';

const london: Location = { ...berlin, id: 'lhr', name: 'London Heathrow', city: 'London', country: 'GB', timeZone: 'Europe/London', currency: 'GBP' };
const locations = [berlin, london];

function renderForm(node: React.ReactNode) {
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter>{node}</MemoryRouter>
    </StaticAuthProvider>,
  );
}

/** The error shown beside a field, through the control's aria-describedby. */
function errorOf(label: RegExp | string): string | null {
  const control = screen.getByLabelText(label);
  if (control.getAttribute('aria-invalid') !== 'true') return null;
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ');
  const el = ids.map((id) => document.getElementById(id)).find((e) => e?.hasAttribute('data-field-error'));
  return el?.textContent?.replace(/^⚠\s*/, '') ?? null;
}

describe('CarForm', () => {
  afterEach(() => {
    cleanup();
    setStaffApi(null);
  });

  it('checks every field before sending, beside each field, and focuses the first', async () => {
    const sent: CreateCarRequest[] = [];
    setStaffApi(fakeStaffApi({ createCar: async (b) => (sent.push(b), makeCar('ber-new')) }));
    renderForm(<CarForm mode="create" locationId="ber" locations={locations} onSaved={() => {}} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('Seats'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Daily rate (EUR)'), { target: { value: '4,50' } });
    fireEvent.change(screen.getByLabelText('Car id (optional)'), { target: { value: 'Ber 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add car' }));

    expect(errorOf('Make')).toBe('Enter the make.');
    expect(errorOf('Model')).toBe('Enter the model.');
    expect(errorOf('Seats')).toBe('Enter a whole number from 2 to 9.');
    expect(errorOf('Daily rate (EUR)')).toMatch(/^Enter an amount in EUR with digits and a point/);
    expect(errorOf('Car id (optional)')).toMatch(/lowercase letters/);
    expect(errorOf('Type')).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('make'));
    expect(sent).toEqual([]);

    // A fixed field loses its message at once.
    fireEvent.change(screen.getByLabelText('Make'), { target: { value: 'Kia' } });
    expect(errorOf('Make')).toBeNull();
  });

  it('sends the rate in minor units of the chosen location’s currency', async () => {
    const sent: CreateCarRequest[] = [];
    const saved: Car[] = [];
    setStaffApi(fakeStaffApi({ createCar: async (b) => (sent.push(b), makeCar('lhr-x1', { locationId: 'lhr' })) }));
    renderForm(<CarForm mode="create" locationId="ber" locations={locations} onSaved={(c) => saved.push(c)} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('Make'), { target: { value: 'Mini' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'Cooper' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'economy' } });
    fireEvent.change(screen.getByLabelText('Seats'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Transmission'), { target: { value: 'automatic' } });
    fireEvent.change(screen.getByLabelText('Location'), { target: { value: 'lhr' } });
    fireEvent.change(screen.getByLabelText('Daily rate (GBP)'), { target: { value: '52.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add car' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(sent).toEqual([{ make: 'Mini', model: 'Cooper', type: 'economy', seats: 4, transmission: 'automatic', locationId: 'lhr', dailyRate: 5250 }]);
  });

  it('puts the API’s field errors beside their fields, the rest on top, a taken id on the id', async () => {
    let answer: ApiError = apiError(400, 'validation_failed', { model: 'must be at most 40 characters', colour: 'is not a property' });
    setStaffApi(
      fakeStaffApi({
        createCar: async () => {
          throw answer;
        },
      }),
    );
    renderForm(<CarForm mode="create" locationId="ber" locations={locations} onSaved={() => {}} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('Make'), { target: { value: 'Kia' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'Ceed' } });
    fireEvent.change(screen.getByLabelText('Daily rate (EUR)'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add car' }));

    await waitFor(() => expect(errorOf('Model')).toBe('Must be at most 40 characters.'));
    const top = screen.getByRole('alert');
    expect(top.textContent).toContain('Please correct the marked fields.');
    expect(top.textContent).toContain('Colour: Is not a property.');
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('model'));

    answer = apiError(409, 'already_exists');
    fireEvent.change(screen.getByLabelText('Car id (optional)'), { target: { value: 'ber-001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add car' }));
    await waitFor(() => expect(errorOf('Car id (optional)')).toBe('A car has this id already. Choose another, or leave it empty.'));
  });

  it('changes only what was changed, and names the bookings that keep a car from moving', async () => {
    const car = makeCar('ber-001', { seats: 12, type: 'van' }); // a seed van: more seats than a new car may have
    const sent: UpdateCarRequest[] = [];
    const held = { id: 'bk-9', customerId: 'cust-1', pickupDate: '2099-06-01', returnDate: '2099-06-04', status: 'CONFIRMED' };
    setStaffApi(
      fakeStaffApi({
        updateCar: async (_id, body) => {
          sent.push(body);
          if (body.locationId) {
            throw new ApiError(problemFromResponse(409, { error: { code: 'car_has_bookings', message: 'm', requestId: 'r', bookings: [held] } }));
          }
          return { ...car, dailyRate: { amount: body.dailyRate!, currency: 'EUR' } };
        },
      }),
    );
    const saved: Car[] = [];
    renderForm(<CarForm mode="edit" car={car} locations={locations} onSaved={(c) => saved.push(c)} onCancel={() => {}} />);
    expect((screen.getByLabelText('Daily rate (EUR)') as HTMLInputElement).value).toBe('45.00');

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('status').textContent).toBe('Nothing changed: change a field first.');

    fireEvent.change(screen.getByLabelText('Daily rate (EUR)'), { target: { value: '52' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(sent).toEqual([{ dailyRate: 5200 }]);

    fireEvent.change(screen.getByLabelText('Location (to move the car)'), { target: { value: 'lhr' } });
    expect(screen.getByText('London Heathrow rents in GBP: give the daily rate in GBP.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(errorOf('Location (to move the car)')).toBe('This car has bookings from today on here, so it cannot move yet.'));
    expect(sent[1]).toEqual({ locationId: 'lhr', dailyRate: 5200 });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This car has bookings from today on. Move or cancel them first.');
    expect(within(alert).getByRole('list', { name: 'Bookings that hold the car' }).textContent).toContain('bk-9');
  });
});
