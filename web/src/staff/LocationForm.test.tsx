// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { Location } from '../api/client';
import { StaticAuthProvider } from '../auth/AuthContext';
import { apiError, berlin, signedIn } from '../test/fakeApi';
import { fakeStaffApi } from '../test/fakeStaffApi';
import type { CreateLocationRequest, UpdateLocationRequest } from './api';
import { setStaffApi } from './api';
import { LocationForm } from './LocationForm';
import { mergeSaved } from './locations';

function renderForm(node: React.ReactNode) {
  return render(
    <StaticAuthProvider value={signedIn}>
      <MemoryRouter>{node}</MemoryRouter>
    </StaticAuthProvider>,
  );
}

function errorOf(label: string): string | null {
  const control = screen.getByLabelText(label);
  if (control.getAttribute('aria-invalid') !== 'true') return null;
  const el = (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((e) => e?.hasAttribute('data-field-error'));
  return el?.textContent?.replace(/^⚠\s*/, '') ?? null;
}

describe('LocationForm', () => {
  afterEach(() => {
    cleanup();
    setStaffApi(null);
  });

  it('checks the fields first, then sends the new location', async () => {
    const sent: CreateLocationRequest[] = [];
    setStaffApi(fakeStaffApi({ createLocation: async (b) => (sent.push(b), { ...b }) }));
    const saved: Location[] = [];
    renderForm(<LocationForm mode="create" onSaved={(l) => saved.push(l)} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Atlantis' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add location' }));
    expect(errorOf('Location id')).toMatch(/lowercase letters/);
    expect(errorOf('Name')).toBe('Enter the name.');
    expect(errorOf('Country code')).toMatch(/two-letter country code/);
    expect(errorOf('Time zone')).toMatch(/Not a time zone we know/);
    expect(errorOf('Currency')).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('id'));
    expect(sent).toEqual([]);

    for (const [label, value] of [
      ['Location id', 'lis'],
      ['Name', 'Lisbon Airport'],
      ['City', 'Lisbon'],
      ['Country code', 'pt'],
      ['Time zone', 'Europe/Lisbon'],
      ['Address', 'Alameda das Comunidades'],
    ] as const) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }
    fireEvent.change(screen.getByLabelText('Currency'), { target: { value: 'EUR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add location' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(sent).toEqual([{ id: 'lis', name: 'Lisbon Airport', city: 'Lisbon', country: 'PT', timeZone: 'Europe/Lisbon', address: 'Alameda das Comunidades', currency: 'EUR' }]);
  });

  it('shows a refused currency on the currency field', async () => {
    const sent: UpdateLocationRequest[] = [];
    setStaffApi(
      fakeStaffApi({
        updateLocation: async (_id, body) => {
          sent.push(body);
          throw apiError(400, 'validation_failed', { currency: 'cannot change while cars stand at the location: their rates are in EUR' });
        },
      }),
    );
    renderForm(<LocationForm mode="edit" location={berlin} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.queryByLabelText('Location id')).toBeNull(); // the id never changes
    fireEvent.change(screen.getByLabelText('Currency'), { target: { value: 'CHF' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(errorOf('Currency')).toBe('Cannot change while cars stand at the location: their rates are in EUR.'));
    expect(sent).toEqual([{ currency: 'CHF' }]);
    expect(screen.queryByRole('alert')).toBeNull(); // nothing else to say than the field's message
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('currency'));
  });

  it('lays what this browser saved over a list that is not up to date yet', () => {
    const paris = { ...berlin, id: 'par', name: 'Paris' };
    const mine = new Map([
      ['ber', { ...berlin, name: 'Berlin Hbf' }],
      ['lis', { ...berlin, id: 'lis', name: 'Lisbon' }],
    ]);
    expect(mergeSaved([paris, berlin], mine).map((l) => `${l.id}:${l.name}`)).toEqual(['ber:Berlin Hbf', 'lis:Lisbon', 'par:Paris']);
  });
});
