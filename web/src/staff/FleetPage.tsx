// The fleet at one location: every car (GET /cars?locationId=, all pages)
// with its photo, rate, type and seats; add a car, change one (or move it),
// upload its photo, retire it.
import { useEffect, useRef, useState } from 'react';
import type { Car, Location } from '../api/client';
import { api } from '../api/client';
import type { Problem } from '../api/errors';
import { toProblem } from '../api/errors';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, CarImage, CarSpecs, ConfirmDialog, Empty, Loading, Money, carName } from '../components/ui';
import { latest, useAsync, useTitle } from '../lib/hooks';
import { staffApi } from './api';
import { useStaffLocations } from './locations';
import { CarForm } from './CarForm';
import { PhotoPanel } from './PhotoPanel';
import { LocationSelect, RefusalAlert, VisuallyHidden, useLocationParam } from './shared';

/** Every car at the location, following nextCursor. */
async function fleetAt(locationId: string, signal: AbortSignal): Promise<Car[]> {
  const cars: Car[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await api().listCars({ locationId, limit: 100, ...(cursor ? { cursor } : {}) }, signal);
    cars.push(...r.cars);
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return cars;
}

function byName(a: Car, b: Car): number {
  return carName(a).localeCompare(carName(b)) || a.id.localeCompare(b.id);
}

type Panel = { carId: string; kind: 'edit' | 'photo' } | null;

export default function FleetPage() {
  useTitle('Fleet');
  const [locs, reloadLocations] = useStaffLocations();
  const locations = locs.status === 'done' ? locs.locations : undefined;
  const [place, setPlace] = useLocationParam(locations);
  const [load, reload] = useAsync(place ? place.id : null, (signal) => fleetAt(place!.id, signal));
  const [cars, setCars] = useState<Car[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [flash, setFlash] = useState<string>();
  const [retiring, setRetiring] = useState<Car | null>(null);
  const [retireBusy, setRetireBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ carId: string; problem: Problem } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const flashBox = useRef<HTMLDivElement>(null);
  const [focusFlash, setFocusFlash] = useState(0);
  // After a retirement the button that opened the dialog is gone: focus
  // goes to the message that says what happened.
  useEffect(() => {
    if (focusFlash > 0) flashBox.current?.focus();
  }, [focusFlash]);

  useEffect(() => {
    const data = latest(load);
    if (load.status === 'done' && data) setCars([...data].sort(byName));
  }, [load]);
  useEffect(() => {
    // Another location: its own list, nothing open.
    setCars(null);
    setAdding(false);
    setPanel(null);
    setRefusal(null);
  }, [place?.id]);

  function replace(car: Car) {
    setCars((list) => (list ?? []).map((c) => (c.id === car.id ? car : c)).filter((c) => c.locationId === place?.id));
  }

  async function retire() {
    if (!retiring) return;
    const car = retiring;
    setRetireBusy(true);
    setRefusal(null);
    try {
      await staffApi().retireCar(car.id);
      setCars((list) => (list ?? []).filter((c) => c.id !== car.id));
      setPanel(null);
      setFlash(`The ${carName(car)} (${car.id}) is retired: no search lists it any more.`);
      setFocusFlash((n) => n + 1);
    } catch (err) {
      setFlash(undefined);
      setRefusal({ carId: car.id, problem: toProblem(err) });
    } finally {
      setRetireBusy(false);
      setRetiring(null);
    }
  }

  if (locs.status === 'error') {
    return (
      <div>
        <h1>Fleet</h1>
        <ProblemAlert problem={locs.problem} onRetry={reloadLocations} />
      </div>
    );
  }
  if (!locations || !place) {
    return (
      <div>
        <h1>Fleet</h1>
        <Loading label="Loading the locations…" />
      </div>
    );
  }

  return (
    <div className="fleet-page">
      <h1>Fleet</h1>
      <div className="staff-toolbar">
        <LocationSelect label="Location" locations={locations} value={place.id} onChange={setPlace} />
        <button
          ref={addButton}
          type="button"
          className="button"
          aria-expanded={adding}
          onClick={() => {
            setFlash(undefined);
            setAdding(true);
          }}
        >
          Add a car
        </button>
      </div>
      <div ref={flashBox} tabIndex={-1}>
        {flash && <Alert kind="success" title={flash} />}
      </div>
      {adding && (
        <CarForm
          mode="create"
          level={2}
          locationId={place.id}
          locations={locations}
          onCancel={() => {
            setAdding(false);
            addButton.current?.focus();
          }}
          onSaved={(car) => {
            setAdding(false);
            setFlash(`Added the ${carName(car)} (${car.id}) at ${locations.find((l) => l.id === car.locationId)?.name ?? car.locationId}. Upload its photo next.`);
            if (car.locationId === place.id) {
              setCars((list) => [...(list ?? []), car].sort(byName));
              setPanel({ carId: car.id, kind: 'photo' });
            } else setPlace(car.locationId);
          }}
        />
      )}

      <section aria-labelledby="fleet-title">
        <h2 id="fleet-title">
          Cars at {place.name} {cars && <span className="count">({cars.length})</span>}
        </h2>
        {load.status === 'error' && !cars ? (
          <ProblemAlert problem={load.problem} onRetry={reload} />
        ) : !cars ? (
          <Loading label="Loading the cars…" />
        ) : cars.length === 0 ? (
          <Empty title={`No cars at ${place.name} yet.`}>
            <p>Add the first one with “Add a car”.</p>
          </Empty>
        ) : (
          <ul className="fleet-list">
            {cars.map((car) => (
              <li key={car.id}>
                <FleetCar
                  car={car}
                  place={place}
                  locations={locations}
                  panel={panel?.carId === car.id ? panel.kind : null}
                  onPanel={(kind) => {
                    setFlash(undefined);
                    setRefusal(null);
                    setPanel(kind ? { carId: car.id, kind } : null);
                  }}
                  onSaved={(saved, what) => {
                    replace(saved);
                    if (what === 'edit') {
                      setPanel(null);
                      setFlash(
                        saved.locationId !== place.id
                          ? `The ${carName(saved)} moved to ${locations.find((l) => l.id === saved.locationId)?.name ?? saved.locationId}.`
                          : `The ${carName(saved)} is saved.`,
                      );
                    }
                  }}
                  onRetire={() => {
                    setFlash(undefined);
                    setRefusal(null);
                    setRetiring(car);
                  }}
                  refusal={refusal?.carId === car.id ? refusal.problem : null}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={retiring !== null}
        title={retiring ? `Retire the ${carName(retiring)}?` : 'Retire this car?'}
        confirmLabel="Yes, retire the car"
        cancelLabel="Keep the car"
        danger
        busy={retireBusy}
        onConfirm={retire}
        onClose={() => setRetiring(null)}
      >
        <p>
          {retiring ? `${carName(retiring)} (${retiring.id}) ` : 'The car '}leaves the fleet: no search lists it and no one can book it. Its past bookings keep it. A car
          with bookings from today on cannot be retired.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function FleetCar(props: {
  car: Car;
  place: Location;
  locations: readonly Location[];
  panel: 'edit' | 'photo' | null;
  onPanel: (kind: 'edit' | 'photo' | null) => void;
  onSaved: (car: Car, what: 'edit' | 'photo') => void;
  onRetire: () => void;
  refusal: Problem | null;
}) {
  const { car } = props;
  const editButton = useRef<HTMLButtonElement>(null);
  const photoButton = useRef<HTMLButtonElement>(null);
  const name = `${carName(car)} (${car.id})`;
  return (
    <article className="fleet-car card" data-testid="fleet-car" data-car-id={car.id} aria-labelledby={`car-${car.id}`}>
      <div className="fleet-car__main">
        {/* Keyed by its URL: a new photo is a new image (one that failed before may load now). */}
        <CarImage key={car.imageUrl} car={car} className="fleet-car__image" />
        <div className="fleet-car__body">
          <h3 id={`car-${car.id}`}>{carName(car)}</h3>
          <p className="mono muted">{car.id}</p>
          <CarSpecs car={car} />
          <p className="fleet-car__rate">
            <Money value={car.dailyRate} /> <span className="muted">/ day</span>
          </p>
        </div>
        <div className="fleet-car__actions">
          <button ref={editButton} type="button" className="button button--secondary" aria-expanded={props.panel === 'edit'} onClick={() => props.onPanel(props.panel === 'edit' ? null : 'edit')}>
            Edit<VisuallyHidden> {name}</VisuallyHidden>
          </button>
          <button ref={photoButton} type="button" className="button button--secondary" aria-expanded={props.panel === 'photo'} onClick={() => props.onPanel(props.panel === 'photo' ? null : 'photo')}>
            Photo<VisuallyHidden> of the {name}</VisuallyHidden>
          </button>
          <button type="button" className="button button--danger-outline" onClick={props.onRetire}>
            Retire<VisuallyHidden> {name}</VisuallyHidden>
          </button>
        </div>
      </div>
      {props.refusal && (
        <div className="fleet-car__refusal">
          <RefusalAlert problem={props.refusal} />
        </div>
      )}
      {props.panel === 'edit' && (
        <CarForm
          mode="edit"
          level={4}
          car={car}
          locations={props.locations}
          onCancel={() => {
            props.onPanel(null);
            editButton.current?.focus();
          }}
          onSaved={(saved) => props.onSaved(saved, 'edit')}
        />
      )}
      {props.panel === 'photo' && (
        <PhotoPanel
          car={car}
          onSaved={(saved) => props.onSaved(saved, 'photo')}
          onClose={() => {
            props.onPanel(null);
            photoButton.current?.focus();
          }}
        />
      )}
    </article>
  );
}
