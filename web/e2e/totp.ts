// RFC 6238 codes, as an authenticator app computes them from the key the
// account security page shows: HMAC-SHA1 over the 30-second step, six digits.
import { createHmac } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(secret: string): Buffer {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  let bits = '';
  for (const c of clean) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${secret}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code of `secret` at `at` (default now). */
export function totp(secret: string, at = Date.now()): string {
  const step = Buffer.alloc(8);
  step.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(step).digest();
  const off = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A six-digit code that is none of the secret's codes from 30 s ago to 30 s ahead. */
export function wrongTotp(secret: string): string {
  const valid = [-30_000, 0, 30_000].map((d) => totp(secret, Date.now() + d));
  for (let i = 0; ; i++) {
    const c = String((i * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.includes(c)) return c;
  }
}
