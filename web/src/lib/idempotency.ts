// One Idempotency-Key per booking attempt. Pressing "Confirm" again after an
// answer we could not read (network error, timeout, 5xx, throttled) is a
// retry of the same attempt and sends the same key, so the server returns the
// first booking instead of making a second one. Changing what is booked, or a
// clear answer (success, car_unavailable, a validation error), ends the
// attempt: the next press is a new attempt with a fresh key.
//
// The key is also kept in sessionStorage, so that reloading the page after a
// failed request and confirming again is still the same attempt.
import { randomUUID } from './uuid';

export interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AttemptBody {
  carId: string;
  pickupDate: string;
  returnDate: string;
  locationId?: string;
}

/** The same booking request, whatever the property order. */
export function fingerprint(body: AttemptBody): string {
  return [body.carId, body.pickupDate, body.returnDate, body.locationId ?? ''].join('|');
}

const PREFIX = 'booking-attempt:';

export class BookingAttempts {
  private memory = new Map<string, string>();

  constructor(
    private readonly newKey: () => string = randomUUID,
    private readonly store: KeyStore | null = safeSessionStorage(),
  ) {}

  /** The key for this request: the current attempt's, or a fresh one. */
  keyFor(body: AttemptBody): string {
    const fp = PREFIX + fingerprint(body);
    let key = this.memory.get(fp) ?? this.read(fp);
    if (!key) {
      key = this.newKey();
      this.write(fp, key);
    }
    this.memory.set(fp, key);
    return key;
  }

  /** The attempt for this request got a clear answer; the next press starts a new one. */
  finish(body: AttemptBody): void {
    const fp = PREFIX + fingerprint(body);
    this.memory.delete(fp);
    try {
      this.store?.removeItem(fp);
    } catch {
      /* storage may be unavailable (private mode); memory is enough */
    }
  }

  private read(fp: string): string | null {
    try {
      return this.store?.getItem(fp) ?? null;
    } catch {
      return null;
    }
  }

  private write(fp: string, key: string): void {
    try {
      this.store?.setItem(fp, key);
    } catch {
      /* see finish */
    }
  }
}

function safeSessionStorage(): KeyStore | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
