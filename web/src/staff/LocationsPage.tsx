// The locations: every one with what customers see of it, add one, change
// one. After a change the app's shared list of locations is read again, so
// the search and the other staff pages show it at once.
import { useRef, useState } from 'react';
import type { Location } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { Alert, Loading } from '../components/ui';
import { useTitle } from '../lib/hooks';
import { resetLocations } from '../lib/locations';
import { LocationForm } from './LocationForm';
import { rememberLocation, useStaffLocations } from './locations';
import { VisuallyHidden } from './shared';

export default function LocationsPage() {
  useTitle('Locations');
  const [locs, reload] = useStaffLocations();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [flash, setFlash] = useState<string>();
  const addButton = useRef<HTMLButtonElement>(null);

  // The save's answer is shown at once; GET /locations may take up to
  // five minutes to agree (each API function keeps its copy that long).
  function saved(l: Location, what: string) {
    setFlash(`${l.name} (${l.id}) is ${what}. The search shows it within five minutes.`);
    rememberLocation(l);
    resetLocations();
  }

  return (
    <div className="locations-page">
      <h1>Locations</h1>
      <div className="staff-toolbar">
        <button
          ref={addButton}
          type="button"
          className="button"
          aria-expanded={adding}
          onClick={() => {
            setFlash(undefined);
            setEditing(null);
            setAdding(true);
          }}
        >
          Add a location
        </button>
      </div>
      {flash && <Alert kind="success" title={flash} />}
      {adding && (
        <LocationForm
          mode="create"
          level={2}
          onCancel={() => {
            setAdding(false);
            addButton.current?.focus();
          }}
          onSaved={(l) => {
            setAdding(false);
            saved(l, 'added');
          }}
        />
      )}
      {locs.status === 'error' ? (
        <ProblemAlert problem={locs.problem} onRetry={reload} />
      ) : locs.status === 'loading' ? (
        <Loading label="Loading the locations…" />
      ) : (
        <section aria-labelledby="locations-title">
          <h2 id="locations-title">
            All locations <span className="count">({locs.locations.length})</span>
          </h2>
          <ul className="location-list">
            {locs.locations.map((l) => (
              <li key={l.id}>
                <LocationRow
                  location={l}
                  editing={editing === l.id}
                  onEdit={(on) => {
                    setFlash(undefined);
                    setAdding(false);
                    setEditing(on ? l.id : null);
                  }}
                  onSaved={(next) => {
                    setEditing(null);
                    saved(next, 'saved');
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function LocationRow(props: { location: Location; editing: boolean; onEdit: (on: boolean) => void; onSaved: (l: Location) => void }) {
  const l = props.location;
  const edit = useRef<HTMLButtonElement>(null);
  return (
    <article className="location-row card" data-testid="location-row" data-location-id={l.id} aria-labelledby={`loc-${l.id}`}>
      <div className="location-row__main">
        <div>
          <h3 id={`loc-${l.id}`}>{l.name}</h3>
          <p className="mono muted">{l.id}</p>
        </div>
        <dl className="facts location-row__facts">
          <div>
            <dt>Address</dt>
            <dd>
              {l.address}, {l.city}, {l.country}
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{l.timeZone}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{l.currency}</dd>
          </div>
        </dl>
        <div className="location-row__actions">
          <button ref={edit} type="button" className="button button--secondary" aria-expanded={props.editing} onClick={() => props.onEdit(!props.editing)}>
            Edit<VisuallyHidden> {l.name}</VisuallyHidden>
          </button>
        </div>
      </div>
      {props.editing && (
        <LocationForm
          mode="edit"
          level={4}
          location={l}
          onCancel={() => {
            props.onEdit(false);
            edit.current?.focus();
          }}
          onSaved={props.onSaved}
        />
      )}
    </article>
  );
}
