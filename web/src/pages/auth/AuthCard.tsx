import type { ReactNode } from 'react';
import { preloadAuth } from '../../auth/lazy';

/**
 * The frame of the sign-in, sign-up and password pages. The sign-in library
 * starts loading when the person first focuses or touches anything in it, so
 * it is there by the time they submit, and a visit that only looks loads none.
 */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="card auth-card" onFocusCapture={preloadAuth} onPointerDownCapture={preloadAuth}>
        <h1>{title}</h1>
        {intro && <div className="auth-card__intro">{intro}</div>}
        {children}
      </div>
    </div>
  );
}

export function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .alert--error')?.focus());
}
