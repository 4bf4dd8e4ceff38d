// The locations as the staff pages show them: GET /locations, with what
// staff saved in this browser laid over it. The API's functions each keep
// their list of locations for up to five minutes (pkg/rental, locationTTL),
// so GET /locations may not show a new or changed location at once; the
// answer of the save itself is what it is now.
import { useEffect, useMemo, useReducer } from 'react';
import type { Location } from '../api/client';
import type { LocationsState } from '../lib/locations';
import { useLocations } from '../lib/locations';

const saved = new Map<string, Location>();
const listeners = new Set<() => void>();

/** A location as POST or PATCH /admin/locations answered it. */
export function rememberLocation(l: Location): void {
  saved.set(l.id, l);
  for (const f of listeners) f();
}

/** For tests. */
export function forgetSavedLocations(): void {
  saved.clear();
}

/** The locations with this browser's saves laid over them, by id. */
export function mergeSaved(list: readonly Location[], mine: ReadonlyMap<string, Location> = saved): Location[] {
  const out = list.map((l) => mine.get(l.id) ?? l);
  for (const l of mine.values()) if (!list.some((x) => x.id === l.id)) out.push(l);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function useStaffLocations(): [LocationsState, () => void] {
  const [state, reload] = useLocations();
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(bump);
    return () => {
      listeners.delete(bump);
    };
  }, []);
  const merged = useMemo<LocationsState>(() => {
    if (state.status !== 'done') return state;
    const locations = mergeSaved(state.locations);
    return { status: 'done', locations, byId: new Map(locations.map((l) => [l.id, l])) };
  }, [state, version]); // version: a save in this browser
  return [merged, reload];
}
