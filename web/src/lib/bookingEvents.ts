// "The bookings changed": the chat panel says so when the bot books or
// cancels, and the pages that show bookings load them again, so a booking
// made in the chat is in My bookings at once.

import { useEffect, useRef } from 'react';

const TOPIC = 'car-rental:bookings-changed';
const bus = new EventTarget();

export function notifyBookingsChanged(): void {
  bus.dispatchEvent(new Event(TOPIC));
}

/** Calls `onChange` whenever the bookings changed; returns the unsubscribe. */
export function onBookingsChanged(onChange: () => void): () => void {
  bus.addEventListener(TOPIC, onChange);
  return () => bus.removeEventListener(TOPIC, onChange);
}

/** Runs `reload` whenever the bookings changed, while the component is mounted. */
export function useReloadOnBookingsChanged(reload: () => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => onBookingsChanged(() => latest.current()), []);
}
