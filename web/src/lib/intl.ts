// Intl formatters are costly to make (each one looks up its locale's data,
// and a time zone's rules) and cheap to use again: the search page would make
// two number formats per car and a date format per location on every render.
// One of each kind and options is made, on first use, and kept.

const made = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();

function once<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let f = made.get(key) as T | undefined;
  if (!f) {
    f = make(); // throws for a bad locale, zone or currency; nothing is kept then
    made.set(key, f);
  }
  return f;
}

/** new Intl.DateTimeFormat(locale, options), made once. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return once(`date|${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/** new Intl.NumberFormat(locale, options), made once. */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return once(`number|${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** new Intl.DisplayNames(locale, options), made once. */
export function displayNames(locale: string | undefined, options: Intl.DisplayNamesOptions): Intl.DisplayNames {
  return once(`names|${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.DisplayNames(locale, options));
}

/**
 * Makes the formatter of a long date, and with it sets up the browser's Intl
 * data: the first Intl object a page makes costs 15-60 ms on a desktop, four
 * times that on a slow phone, the later ones well under a millisecond.
 * main.tsx calls it in a task of its own right after the first render, while
 * the page waits for its data, so that this cost is not added to the render
 * that shows the data (a car page's photo and price).
 */
export function warmUp(): void {
  dateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
