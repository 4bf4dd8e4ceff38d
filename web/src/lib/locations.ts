// Locations change rarely: one GET /locations per page load, shared by all pages.
import { useEffect, useState } from 'react';
import type { Location } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';

let cache: Promise<Location[]> | null = null;

export function getLocations(): Promise<Location[]> {
  if (!cache) {
    cache = api().listLocations();
    cache.catch(() => {
      cache = null; // try again next time
    });
  }
  return cache;
}

/** For tests. */
export function resetLocations(): void {
  cache = null;
}

export type LocationsState = { status: 'loading' } | { status: 'done'; locations: Location[]; byId: Map<string, Location> } | { status: 'error'; problem: Problem };

export function useLocations(): [LocationsState, () => void] {
  const [state, setState] = useState<LocationsState>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    getLocations().then(
      (locations) => live && setState({ status: 'done', locations, byId: new Map(locations.map((l) => [l.id, l])) }),
      (err: unknown) => live && setState({ status: 'error', problem: toProblem(err) }),
    );
    return () => {
      live = false;
    };
  }, [nonce]);
  return [state, () => setNonce((n) => n + 1)];
}
