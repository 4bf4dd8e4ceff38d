// Add a car, or change one: every field checked in the browser first (the
// API's limits), then the API's own field errors beside the same fields.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Car, Location } from '../api/client';
import { CAR_TYPES } from '../api/client';
import type { Problem } from '../api/errors';
import { fieldMessages, toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { carName, typeLabel } from '../components/ui';
import { staffApi } from './api';
import { FormProblem, LocationSelect, RefusalAlert, focusFirstError } from './shared';
import type { CarField, CarValues, Errors } from './validation';
import { CAR_FIELDS, MAX_SEATS, MIN_SEATS, carValues, createCarRequest, newCarValues, updateCarRequest, validateCar } from './validation';

type Props = {
  locations: readonly Location[];
  onSaved: (car: Car) => void;
  onCancel: () => void;
  /** The heading's level where the form is: 2 on its own, 4 inside a car's row. */
  level?: 2 | 3 | 4;
} & (
  | { mode: 'create'; locationId: string }
  | { mode: 'edit'; car: Car }
);

export function CarForm(props: Props) {
  const uid = useId();
  const titleId = `car-form-${uid}`;
  const errorId = `car-form-error-${uid}`;
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CarValues>(() => (props.mode === 'create' ? newCarValues(props.locationId) : carValues(props.car)));
  const [clientErrors, setClientErrors] = useState<Errors<CarField>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);

  const car = props.mode === 'edit' ? props.car : null;
  const target = props.locations.find((l) => l.id === values.locationId);
  const currency = target?.currency ?? car?.dailyRate.currency ?? 'EUR';

  const server = problem ? fieldMessages(problem, CAR_FIELDS) : { byField: {} as Record<string, string>, other: [] as string[] };
  if (problem?.code === 'already_exists') server.byField.id = 'A car has this id already. Choose another, or leave it empty.';
  if (problem?.code === 'car_has_bookings') server.byField.locationId = 'This car has bookings from today on here, so it cannot move yet.';
  const errors: Errors<CarField> = { ...server.byField, ...clientErrors };
  // On top: what no field holds, and the bookings that keep a car from moving.
  const topProblem =
    problem && (server.other.length > 0 || problem.code === 'car_has_bookings' || !CAR_FIELDS.some((f) => server.byField[f])) ? problem : null;

  function set(field: CarField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setClientErrors((e) => {
      const { [field]: _gone, ...rest } = e;
      return rest;
    });
    setProblem(null);
    setNothing(false);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setProblem(null);
    setNothing(false);
    const found = validateCar(values, currency, car ?? undefined);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(form.current, errorId);
      return;
    }
    const body = car ? updateCarRequest(car, values, currency) : null;
    if (car && !body) {
      setNothing(true);
      return;
    }
    setBusy(true);
    try {
      const saved = car ? await staffApi().updateCar(car.id, body!) : await staffApi().createCar(createCarRequest(values, currency));
      setBusy(false);
      props.onSaved(saved);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
      focusFirstError(form.current, errorId);
    }
  }

  const title = car ? `Change the ${carName(car)}` : 'Add a car';
  const Heading = `h${props.level ?? 3}` as const;
  return (
    <form ref={form} className="staff-form card" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <Heading id={titleId}>{title}</Heading>
      <div id={errorId} tabIndex={-1}>
        {topProblem &&
          (topProblem.code === 'car_has_bookings' ? <RefusalAlert problem={topProblem} /> : <FormProblem problem={topProblem} other={server.other} />)}
      </div>
      {nothing && (
        <p className="muted" role="status">
          Nothing changed: change a field first.
        </p>
      )}
      <div className="staff-form__grid">
        <Field name="make" label="Make" error={errors.make}>
          {(p) => <input {...p} type="text" autoComplete="off" maxLength={60} value={values.make} onChange={(e) => set('make', e.target.value)} autoFocus />}
        </Field>
        <Field name="model" label="Model" error={errors.model}>
          {(p) => <input {...p} type="text" autoComplete="off" maxLength={60} value={values.model} onChange={(e) => set('model', e.target.value)} />}
        </Field>
        <Field name="type" label="Type" error={errors.type}>
          {(p) => (
            <select {...p} value={values.type} onChange={(e) => set('type', e.target.value)}>
              {CAR_TYPES.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="seats" label="Seats" error={errors.seats} hint={`${MIN_SEATS} to ${MAX_SEATS}`}>
          {(p) => (
            <input {...p} type="number" inputMode="numeric" min={MIN_SEATS} max={MAX_SEATS} step={1} value={values.seats} onChange={(e) => set('seats', e.target.value)} />
          )}
        </Field>
        <Field name="transmission" label="Transmission" error={errors.transmission}>
          {(p) => (
            <select {...p} value={values.transmission} onChange={(e) => set('transmission', e.target.value)}>
              <option value="manual">Manual</option>
              <option value="automatic">Automatic</option>
            </select>
          )}
        </Field>
        <Field name="dailyRate" label={`Daily rate (${currency})`} error={errors.dailyRate} hint={`In ${currency}, for example 45.00`}>
          {(p) => <input {...p} type="text" inputMode="decimal" autoComplete="off" value={values.dailyRate} onChange={(e) => set('dailyRate', e.target.value)} />}
        </Field>
        <LocationSelect
          name="locationId"
          label={car ? 'Location (to move the car)' : 'Location'}
          locations={props.locations}
          value={values.locationId}
          onChange={(id) => set('locationId', id)}
          error={errors.locationId}
          {...(car && values.locationId !== car.locationId && target && target.currency !== car.dailyRate.currency
            ? { hint: `${target.name} rents in ${target.currency}: give the daily rate in ${target.currency}.` }
            : {})}
        />
        {!car && (
          <Field name="id" label="Car id (optional)" error={errors.id} hint="Lowercase letters, digits and dashes. Left empty, one is made from the location.">
            {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} value={values.id} onChange={(e) => set('id', e.target.value)} />}
          </Field>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : car ? 'Save changes' : 'Add car'}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
