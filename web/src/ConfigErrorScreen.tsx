import { useEffect, useRef } from 'react';
import { ConfigError } from './config';

/** Shown instead of the app when /config.json is missing or wrong. */
export function ConfigErrorScreen({ error }: { error: unknown }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = 'Site not configured · Car Rental';
    h1.current?.focus();
  }, []);
  const problems = error instanceof ConfigError ? error.problems : [];
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main id="main" className="config-error">
      <div className="card config-error__card">
        <h1 tabIndex={-1} ref={h1}>
          This site is not set up correctly
        </h1>
        <p>Searching and booking cars will work again once it is fixed. Please try again later.</p>
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{message}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
        <p className="muted">
          For the people who run it: the app reads <code>/config.json</code> at start. See <code>config.example.json</code> and <code>web/README.md</code> for
          its fields.
        </p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </main>
  );
}
