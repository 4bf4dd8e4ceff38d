// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StaticAuthProvider } from '../auth/AuthContext';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListCarsQuery } from '../api/client';
import { setApi } from '../api/client';
import { resetLocations } from '../lib/locations';
import { apiError, fakeApi, signedIn, makeCar } from '../test/fakeApi';
import { SearchPage } from './SearchPage';

const url = '/?location=ber&pickupDate=2099-06-01&returnDate=2099-06-04';
const quote = (amount: number) => ({ days: 3, total: { amount, currency: 'EUR' } });

function renderAt(u: string) {
  return render(
    <StaticAuthProvider value={signedIn}>
    <MemoryRouter initialEntries={[u]}>
      <SearchPage />
    </MemoryRouter>
    </StaticAuthProvider>,
  );
}

describe('SearchPage', () => {
  beforeEach(() => resetLocations());
  afterEach(cleanup);

  it('follows nextCursor past short pages and shows the cars with their totals', async () => {
    const queries: ListCarsQuery[] = [];
    const pages = [
      { cars: [makeCar('a', { quote: quote(30000) })], nextCursor: 'p2' },
      { cars: [], nextCursor: 'p3' },
      { cars: [makeCar('b', { quote: quote(12000), seats: 7, transmission: 'automatic' })] },
    ];
    setApi(
      fakeApi({
        listCars: async (q) => {
          queries.push(q);
          return pages.shift()!;
        },
      }),
    );
    renderAt(url);
    const cards = await screen.findAllByTestId('car-card');
    await screen.findByText(/2 cars free for 3 days/);
    expect(screen.getAllByTestId('car-card')).toHaveLength(2);
    expect(cards[0]!.textContent).toContain('€300.00');
    expect(queries.map((q) => q.cursor)).toEqual([undefined, 'p2', 'p3']);
    expect(queries[0]).toMatchObject({ locationId: 'ber', pickupDate: '2099-06-01', returnDate: '2099-06-04' });

    // Sort by price and filter by seats, on the page.
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'price-asc' } });
    const sorted = await screen.findAllByTestId('car-card');
    expect(sorted.map((c) => c.getAttribute('data-car-id'))).toEqual(['b', 'a']);
    fireEvent.change(screen.getByLabelText('Seats'), { target: { value: '7' } });
    expect((await screen.findAllByTestId('car-card')).map((c) => c.getAttribute('data-car-id'))).toEqual(['b']);
  });

  it('shows a rejected date beside its field', async () => {
    setApi(
      fakeApi({
        listCars: async () => {
          throw apiError(400, 'validation_failed', { returnDate: 'must be at most 30 days after pickupDate' });
        },
      }),
    );
    renderAt('/?location=ber&pickupDate=2099-06-01&returnDate=2099-08-01');
    const msg = await screen.findByText('Must be at most 30 days after the pick-up date.');
    const field = msg.closest('.field') as HTMLElement;
    const input = within(field).getByLabelText('Return date');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(msg.closest('p')!.id);
  });

  it('shows twelve cars, then more on request, loading only what is needed', async () => {
    const all = Array.from({ length: 30 }, (_, i) => makeCar(`c${String(i).padStart(2, '0')}`, { quote: quote(1000 * (30 - i)) }));
    const cursors: (string | undefined)[] = [];
    setApi(
      fakeApi({
        listCars: async (q) => {
          cursors.push(q.cursor);
          const start = Number(q.cursor ?? 0);
          const end = start + 5;
          return { cars: all.slice(start, end), ...(end < all.length ? { nextCursor: String(end) } : {}) };
        },
      }),
    );
    renderAt(url);
    await waitFor(() => expect(screen.getAllByTestId('car-card')).toHaveLength(12));
    expect(cursors).toEqual([undefined, '5', '10']); // 15 loaded, not 30
    fireEvent.click(screen.getByRole('button', { name: 'Show more cars' }));
    await waitFor(() => expect(screen.getAllByTestId('car-card')).toHaveLength(24));

    // A sort by price needs every car: it loads to the end, cheapest first.
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'price-asc' } });
    await waitFor(() => expect(screen.getAllByTestId('car-card')[0]!.getAttribute('data-car-id')).toBe('c29'));
    expect(cursors.at(-1)).toBe('25');
    expect(await screen.findByText('30 cars free for 3 days')).toBeTruthy();
  });

  it('says when no car is free', async () => {
    setApi(fakeApi({ listCars: async () => ({ cars: [] }) }));
    renderAt(url);
    expect(await screen.findByText('No cars are free for these dates')).toBeTruthy();
  });

  it('offers the alternatives when no car of the type is free: other types and later dates', async () => {
    const asked: unknown[] = [];
    setApi(
      fakeApi({
        listCars: async () => ({ cars: [] }),
        getAlternatives: async (q) => {
          asked.push(q);
          return {
            free: [],
            typeInFleet: true,
            otherTypes: [makeCar('suv-1', { type: 'suv', make: 'Volvo', model: 'XC60', quote: quote(24000) })],
            laterDates: { pickupDate: '2099-06-03', returnDate: '2099-06-06', car: makeCar('eco-1', { type: 'economy', quote: quote(11700) }) },
          };
        },
      }),
    );
    renderAt(url + '&type=economy');
    const offer = await screen.findByTestId('alternatives');
    expect(asked).toEqual([{ locationId: 'ber', pickupDate: '2099-06-01', returnDate: '2099-06-04', type: 'economy' }]);
    const car = within(offer).getByTestId('alternative-car');
    expect(car.textContent).toContain('SUV: Volvo XC60');
    expect(car.textContent).toContain('240.00');
    expect(car.getAttribute('href')).toBe('/car/suv-1?pickupDate=2099-06-01&returnDate=2099-06-04');
    const later = within(offer).getByTestId('alternatives-later');
    expect(later.getAttribute('href')).toContain('pickupDate=2099-06-03');
    expect(later.getAttribute('href')).toContain('returnDate=2099-06-06');
  });

  it('lists the locations before a search', async () => {
    setApi(fakeApi({}));
    renderAt('/');
    expect(await screen.findByRole('link', { name: 'Berlin Hauptbahnhof' })).toBeTruthy();
    expect((screen.getByLabelText('Pick-up location') as HTMLSelectElement).value).toBe('ber');
    await waitFor(() => expect((screen.getByLabelText('Pick-up date') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/));
  });
});
