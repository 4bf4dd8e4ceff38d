import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BookingStatus, Car, CarSummary } from '../api/client';
import type { BookingPhase } from '../lib/bookings';
import type { Money as MoneyValue } from '../lib/money';
import { formatMoney } from '../lib/money';

/** An error or notice. Errors are announced at once (role=alert). */
export function Alert(props: { kind?: 'error' | 'success' | 'info' | 'warning'; title?: string; children?: ReactNode; actions?: ReactNode; id?: string }) {
  const kind = props.kind ?? 'error';
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'} id={props.id} data-testid={`alert-${kind}`}>
      {props.title && <p className="alert__title">{props.title}</p>}
      {props.children && <div className="alert__body">{props.children}</div>}
      {props.actions && <div className="alert__actions">{props.actions}</div>}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Money({ value }: { value: MoneyValue }) {
  return <span className="money">{formatMoney(value)}</span>;
}

const PHASE_LABEL: Record<BookingPhase, string> = {
  upcoming: 'Confirmed',
  active: 'Under way',
  past: 'Completed',
  cancelled: 'Cancelled',
};

/** What the desk and the customer made of a booking, in words (a confirmed one: by its days). */
const STATUS_BADGE: Partial<Record<BookingStatus, [label: string, style: string]>> = {
  CANCELLED: ['Cancelled', 'cancelled'],
  PICKED_UP: ['Picked up', 'active'],
  RETURNED: ['Returned', 'past'],
  NO_SHOW: ['No-show', 'cancelled'],
};

export function StatusBadge({ status, phase }: { status: BookingStatus; phase: BookingPhase }) {
  const [label, style] = STATUS_BADGE[status] ?? [PHASE_LABEL[phase], phase];
  return <span className={`badge badge--${style}`}>{label}</span>;
}

const TYPE_LABEL: Record<string, string> = {
  economy: 'Economy',
  compact: 'Compact',
  midsize: 'Midsize',
  suv: 'SUV',
  luxury: 'Luxury',
  van: 'Van',
};

export function typeLabel(t: string): string {
  return TYPE_LABEL[t] ?? t;
}

export function carName(car: Pick<Car | CarSummary, 'make' | 'model'>): string {
  return `${car.make} ${car.model}`;
}

/** Type · seats · transmission, as a list for screen readers. */
export function CarSpecs({ car }: { car: Pick<Car, 'type' | 'seats' | 'transmission'> }) {
  return (
    <ul className="specs" aria-label="Specifications">
      <li>{typeLabel(car.type)}</li>
      <li>{car.seats} seats</li>
      <li>{car.transmission === 'automatic' ? 'Automatic' : 'Manual'}</li>
    </ul>
  );
}

/**
 * The car's photo, or a neutral placeholder when it cannot load. Its box is
 * reserved (width and height, 16:9) before it arrives. eager: in the first
 * screen, not lazily loaded; priority: the page's largest paint, fetched first.
 */
export function CarImage({
  car,
  className,
  eager,
  priority,
}: {
  car: Pick<Car, 'make' | 'model' | 'imageUrl'>;
  className?: string;
  eager?: boolean;
  priority?: boolean;
}) {
  const [failed, setFailed] = useState(false);
  if (failed || !car.imageUrl) {
    return (
      <div className={`car-image car-image--missing ${className ?? ''}`} role="img" aria-label={`No photo of the ${carName(car)}`}>
        <svg viewBox="0 0 64 40" aria-hidden="true" focusable="false">
          <path d="M8 26l4.4-10.8A5 5 0 0 1 17 12h30a5 5 0 0 1 4.6 3.2L56 26v8a2 2 0 0 1-2 2h-3a2 2 0 0 1-2-2v-2H15v2a2 2 0 0 1-2 2h-3a2 2 0 0 1-2-2z" />
        </svg>
      </div>
    );
  }
  return (
    <img
      className={`car-image ${className ?? ''}`}
      src={car.imageUrl}
      alt={`${carName(car)}`}
      loading={eager || priority ? 'eager' : 'lazy'}
      decoding="async"
      {...(priority ? { fetchPriority: 'high' as const } : {})}
      width={640}
      height={360}
      onError={() => setFailed(true)}
    />
  );
}

/**
 * A modal confirmation on the native <dialog>: it traps focus, closes on
 * Escape and gives focus back to the button that opened it.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      opener.current = document.activeElement;
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!props.open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!props.busy) props.onClose();
      }}
    >
      <h2 id="dialog-title">{props.title}</h2>
      <div className="dialog__body">{props.children}</div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={props.onClose} disabled={props.busy} autoFocus>
          {props.cancelLabel}
        </button>
        <button type="button" className={`button ${props.danger ? 'button--danger' : ''}`} onClick={props.onConfirm} disabled={props.busy}>
          {props.busy ? 'Please wait…' : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
