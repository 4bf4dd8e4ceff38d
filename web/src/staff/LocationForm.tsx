// Add a location, or change one: name, city, country, time zone, address
// and currency (the id, once made, never changes). The API refuses a new
// currency while cars stand at the location: that shows on the currency.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Location } from '../api/client';
import type { Problem } from '../api/errors';
import { fieldMessages, toProblem } from '../api/errors';
import { Field } from '../components/Field';
import { CURRENCIES, staffApi } from './api';
import { FormProblem, focusFirstError } from './shared';
import type { Errors, LocationField, LocationValues } from './validation';
import { LOCATION_FIELDS, createLocationRequest, locationValues, newLocationValues, updateLocationRequest, validateLocation } from './validation';

type Props = { onSaved: (l: Location) => void; onCancel: () => void; level?: 2 | 3 | 4 } & ({ mode: 'create' } | { mode: 'edit'; location: Location });

/** The browser's IANA zones, for the time zone's suggestions (none where Intl cannot list them). */
function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function LocationForm(props: Props) {
  const uid = useId();
  const titleId = `location-form-${uid}`;
  const errorId = `location-form-error-${uid}`;
  const zonesId = `zones-${uid}`;
  const form = useRef<HTMLFormElement>(null);
  const current = props.mode === 'edit' ? props.location : null;
  const [values, setValues] = useState<LocationValues>(() => (current ? locationValues(current) : newLocationValues()));
  const [clientErrors, setClientErrors] = useState<Errors<LocationField>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [nothing, setNothing] = useState(false);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZones, []);
  const Heading = `h${props.level ?? 3}` as const;

  const server = problem ? fieldMessages(problem, LOCATION_FIELDS) : { byField: {} as Record<string, string>, other: [] as string[] };
  if (problem?.code === 'already_exists') server.byField.id = 'A location has this id already. Choose another.';
  const errors: Errors<LocationField> = { ...server.byField, ...clientErrors };
  const topProblem = problem && (server.other.length > 0 || !LOCATION_FIELDS.some((f) => server.byField[f])) ? problem : null;

  function set(field: LocationField, value: string) {
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
    const found = validateLocation(values, props.mode);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(form.current, errorId);
      return;
    }
    const body = current ? updateLocationRequest(current, values) : null;
    if (current && !body) {
      setNothing(true);
      return;
    }
    setBusy(true);
    try {
      const saved = current ? await staffApi().updateLocation(current.id, body!) : await staffApi().createLocation(createLocationRequest(values));
      setBusy(false);
      props.onSaved(saved);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
      focusFirstError(form.current, errorId);
    }
  }

  const text = (field: Exclude<LocationField, 'currency'>, label: string, extra: { hint?: string; maxLength?: number; autoFocus?: boolean; list?: string; autoCapitalize?: string } = {}) => (
    <Field name={field} label={label} error={errors[field]} {...(extra.hint ? { hint: extra.hint } : {})}>
      {(p) => (
        <input
          {...p}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
          {...(extra.maxLength ? { maxLength: extra.maxLength } : {})}
          {...(extra.autoFocus ? { autoFocus: true } : {})}
          {...(extra.list ? { list: extra.list } : {})}
          {...(extra.autoCapitalize ? { autoCapitalize: extra.autoCapitalize } : {})}
        />
      )}
    </Field>
  );

  return (
    <form ref={form} className="staff-form card" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
      <Heading id={titleId}>{current ? `Change ${current.name}` : 'Add a location'}</Heading>
      <div id={errorId} tabIndex={-1}>
        {topProblem && <FormProblem problem={topProblem} other={server.other} />}
      </div>
      {nothing && (
        <p className="muted" role="status">
          Nothing changed: change a field first.
        </p>
      )}
      <div className="staff-form__grid">
        {!current && text('id', 'Location id', { hint: 'Lowercase letters, digits and dashes, such as lis-airport. It never changes.', autoFocus: true })}
        {text('name', 'Name', { hint: 'As customers see it, such as Lisbon Airport.', ...(current ? { autoFocus: true } : {}) })}
        {text('city', 'City')}
        {text('country', 'Country code', { hint: 'Two letters (ISO 3166-1), such as PT.', maxLength: 2, autoCapitalize: 'characters' })}
        {text('timeZone', 'Time zone', { hint: 'Its days and “today” are in this zone, such as Europe/Lisbon.', ...(zones.length ? { list: zonesId } : {}) })}
        {text('address', 'Address')}
        <Field name="currency" label="Currency" error={errors.currency} hint="The currency of the daily rates of the cars here.">
          {(p) => (
            <select {...p} value={values.currency} onChange={(e) => set('currency', e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {zones.length > 0 && (
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : current ? 'Save changes' : 'Add location'}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
