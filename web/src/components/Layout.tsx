import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { isStaff } from '../auth/session';
import { ChatWidget } from '../chat/ChatWidget';
import { Loading } from './ui';

/**
 * The frame of every page: skip link, header with navigation, <main>. On a
 * route change focus moves to the new page's heading, so keyboard and
 * screen-reader users start at the top of the new content.
 */
export function Layout() {
  const location = useLocation();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait a frame: a lazily loaded page renders its heading a moment later.
    // If the user puts focus somewhere meanwhile (the chat panel, a field),
    // it stays there: the heading arriving must not pull it away.
    const from = document.activeElement;
    let tries = 0;
    let frame = 0;
    const focusHeading = () => {
      const now = document.activeElement;
      if (now && now !== from && now !== document.body && now.isConnected) return;
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: false });
        window.scrollTo({ top: 0 });
      } else if (tries++ < 30) {
        frame = requestAnimationFrame(focusHeading);
      } else {
        document.getElementById('main')?.focus();
      }
    };
    frame = requestAnimationFrame(focusHeading);
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading label="Loading page…" />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>Prices include all days of the rental; the car is due back on the return date.</p>
      </footer>
      <ChatWidget />
    </>
  );
}

function Header() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  // On an auth page (sign-in, sign-up, ...) the link keeps that page's own
  // next, rather than nesting it: sign-in?next=/sign-in?next=...
  const onAuthPage = /^\/(sign-in|sign-up|confirm-sign-up|forgot-password|reset-password)\b/.test(location.pathname);
  const next = encodeURIComponent(
    onAuthPage ? (new URLSearchParams(location.search).get('next') ?? '/') : location.pathname + location.search,
  );

  async function onSignOut() {
    setBusy(true);
    try {
      await auth.signOut();
    } finally {
      setBusy(false);
      navigate('/', { state: { flash: 'You are signed out.' } });
    }
  }

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label="Car Rental, home">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M7 19l2.2-5.4A2.5 2.5 0 0 1 11.5 12h9a2.5 2.5 0 0 1 2.3 1.6L25 19v4a1 1 0 0 1-1 1h-1.5a1 1 0 0 1-1-1v-1h-11v1a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1z"
              fill="#fff"
            />
          </svg>
          <span>Car Rental</span>
        </Link>
        <nav aria-label="Main">
          <ul className="nav">
            <li>
              <NavLink to="/" end>
                Find a car
              </NavLink>
            </li>
            <li>
              <NavLink to="/my-bookings">My bookings</NavLink>
            </li>
            {/* Staff only (the ID token's groups; the admin routes check
                them again). The pages load when first visited. */}
            {auth.status === 'signedIn' && isStaff(auth.user) && (
              <li>
                <NavLink to="/staff">Staff</NavLink>
              </li>
            )}
            {/* The sign-in slot has the same size in every state, so the
                header never moves (on a phone the links share its row). */}
            {auth.status === 'signedIn' ? (
              <li className="nav__user nav__auth">
                <span className="nav__email" title={auth.user?.email}>
                  {auth.user?.email}
                </span>
                <NavLink to="/account/security">Account</NavLink>
                <button type="button" className="button button--small button--secondary" onClick={onSignOut} disabled={busy}>
                  Sign out
                </button>
              </li>
            ) : auth.status === 'signedOut' ? (
              <li className="nav__auth">
                <Link className="button button--small" to={`/sign-in?next=${next}`}>
                  Sign in
                </Link>
              </li>
            ) : (
              <li className="nav__auth" aria-hidden="true">
                <span className="button button--small nav__placeholder">Sign in</span>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
