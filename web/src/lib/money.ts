// Money is an integer amount in the currency's minor units plus an ISO 4217
// code (api/openapi.yaml, Money). Never do arithmetic on formatted strings.

import { numberFormat } from './intl';

export interface Money {
  amount: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has: USD 2, JPY 0, BHD 3. */
export function minorUnitDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2; // an unknown code: show it as a plain two-decimal amount
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** "$1,234.50" for {amount: 123450, currency: "USD"} (in the given locale). */
export function formatMoney(m: Money, locale?: string): string {
  const digits = minorUnitDigits(m.currency);
  const value = m.amount / 10 ** digits;
  try {
    return numberFormat(locale, { style: 'currency', currency: m.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${m.currency}`;
  }
}

/** b - a, when both are in the same currency; null otherwise. */
export function difference(a: Money, b: Money): Money | null {
  if (a.currency !== b.currency) return null;
  return { amount: b.amount - a.amount, currency: a.currency };
}

/** "+$12.00" / "−$12.00" / "no change": how a new total differs from the old one. */
export function formatDifference(before: Money, after: Money, locale?: string): string {
  const d = difference(before, after);
  if (!d) return '';
  if (d.amount === 0) return 'no change';
  const abs = formatMoney({ amount: Math.abs(d.amount), currency: d.currency }, locale);
  return d.amount > 0 ? `${abs} more` : `${abs} less`;
}
